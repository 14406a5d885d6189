import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDemo } from '../../apps/api/src/demo/generate-demo.js';
import { DATA_TABLES, loadDemo } from '../../apps/api/src/demo/load-demo.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** The same seed, scale and end give identical rows: loaded twice, into two databases, and compared. */

const OPTIONS = { seed: 7, scale: 1, end: '2026-06-30' };

let databases: TestDatabase[] = [];
let clients: pg.Client[] = [];

beforeAll(async () => {
  const admin = inject('pgAdminUrl');
  databases = await Promise.all([createTestDatabase(admin), createTestDatabase(admin)]);
  clients = databases.map((d) => new pg.Client({ connectionString: d.url }));
  await Promise.all(clients.map((c) => c.connect()));
  // Two independent generations (not one stream loaded twice), loaded side by side.
  await Promise.all(clients.map((c) => loadDemo(c, generateDemo(OPTIONS))));
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
  await Promise.all(databases.map((d) => d.drop()));
});

/** md5 over every row of `table` as text, in a fixed order, and the row count. */
async function tableDigest(client: pg.Client, table: string): Promise<{ rows: number; md5: string }> {
  const { rows } = await client.query(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${table} t`);
  return rows[0];
}

describe('determinism', () => {
  it.each(DATA_TABLES)('%s: identical in both databases', async (table) => {
    const [a, b] = await Promise.all(clients.map((c) => tableDigest(c, table)));
    expect(a!.rows).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('ids and external ids are the same too (rows reference each other by id)', async () => {
    const sql = `SELECT md5(string_agg(id || ':' || external_id, ',' ORDER BY id)) AS md5 FROM activity`;
    const [a, b] = await Promise.all(clients.map(async (c) => (await c.query(sql)).rows[0].md5 as string));
    expect(b).toBe(a);
  });
});
