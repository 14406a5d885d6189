import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyOut } from '../../apps/api/src/database/copy-out.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** copyOut: COPY … TO STDOUT without an allocation per row gives exactly the bytes pg-copy-streams gives. */

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase(inject('pgAdminUrl'));
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('copyOut', () => {
  it.each([
    ['200,000 rows in text', `COPY (SELECT g, g * 2, 'row ' || g FROM generate_series(1, 200000) g) TO STDOUT`],
    ['200,000 rows in binary, with NULLs', `COPY (SELECT g, timestamptz '2026-03-29 00:00:00+00' + g * interval '1 s', CASE WHEN g % 3 = 0 THEN NULL ELSE g END FROM generate_series(1, 200000) g) TO STDOUT (FORMAT binary)`],
    ['rows longer than a socket read', `COPY (SELECT repeat('x', 100000 + g) FROM generate_series(1, 30) g) TO STDOUT`],
    ['no rows', `COPY (SELECT 1 WHERE false) TO STDOUT`],
  ])('%s: the same bytes as pg-copy-streams, and the connection stays usable', async (_name, sql) => {
    const expected = await collect(client.query(copyTo(sql)));
    const actual = await collect(client.query(copyOut(sql)));
    expect(actual.length).toBe(expected.length);
    expect(actual.equals(expected)).toBe(true);
    expect((await client.query('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);
  });

  it('reports an error raised after rows were sent, and the connection stays usable', async () => {
    const sql = `COPY (SELECT 1 / (50000 - g) FROM generate_series(1, 100000) g) TO STDOUT`;
    await expect(collect(client.query(copyOut(sql)))).rejects.toThrow(/division by zero/);
    expect((await client.query('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
  });
});
