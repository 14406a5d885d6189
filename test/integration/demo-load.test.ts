import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options.js';
import { generateDemo, type DemoDataset } from '../../apps/api/src/demo/generate-demo.js';
import { DATA_TABLES, DatabaseNotEmptyError, loadDemo } from '../../apps/api/src/demo/load-demo.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { PROJECT_ROOT } from '../support/server.js';

/**
 * Loading is all or nothing: it refuses a database that holds data unless told to replace it, and a
 * failure at any row — even the last row of the last table — leaves the database exactly as it was.
 */

const OPTIONS = { seed: 3, scale: 1, end: '2026-06-30' };

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase(inject('pgAdminUrl'));
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  // Data of someone else's: a team ingested through the API, and a token.
  await client.query(`INSERT INTO teams (source, external_id, name) VALUES ('api', 'core', 'Core')`);
  await client.query(`INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ('loader', 'fw_abc', 'hash', ARRAY['ingest'])`);
  await client.query(`UPDATE settings SET timezone = 'Europe/Berlin', hourly_cost = 120`);
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

async function count(table: string): Promise<number> {
  return (await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
}

async function snapshot(): Promise<Record<string, unknown>> {
  const counts: Record<string, number> = {};
  for (const t of DATA_TABLES) counts[t] = await count(t);
  const { rows: teams } = await client.query(`SELECT id, source, external_id, name FROM teams ORDER BY id`);
  const { rows: tokens } = await client.query(`SELECT name, scopes FROM api_tokens`);
  const { rows: settings } = await client.query(`SELECT timezone, hourly_cost FROM settings`);
  const { rows: indexes } = await client.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
  const { rows: constraints } = await client.query(`SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`);
  return { counts, teams, tokens, settings, indexes, constraints };
}

/** The dataset with its activity stream changed at the very end (after every other table loaded). */
function withActivityTail(dataset: DemoDataset, tail: () => Iterable<string>): DemoDataset {
  return {
    ...dataset,
    tables: dataset.tables.map((t) =>
      t.name !== 'activity'
        ? t
        : {
            ...t,
            *rows() {
              yield* t.rows();
              yield* tail();
            },
          },
    ),
  };
}

describe('loading the demo', () => {
  it('refuses a database that holds data, naming what it found, and changes nothing', async () => {
    const before = await snapshot();
    const error = await loadDemo(client, generateDemo(OPTIONS)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseNotEmptyError);
    expect((error as Error).message).toBe('the database already holds data (in teams); pass --replace to delete it and load the demo');
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['a row the database rejects (a call without an end)', () => ['99999999\tdemo\tact-bad\t1\t1\t2026-01-01T00:00:00.000Z\tcall\t\\N\n']],
    [
      'a generator that throws',
      function* (): Generator<string> {
        throw new Error('generator failed');
      },
    ],
  ])('is all or nothing: %s after every other row leaves the database as it was, replaced data included', async (_label, tail) => {
    const before = await snapshot();
    const dataset = withActivityTail(generateDemo(OPTIONS), tail);
    const progress: string[] = [];
    await expect(loadDemo(client, dataset, { whenNotEmpty: 'replace', onTable: (p) => progress.push(p.table) })).rejects.toThrow();
    expect(progress).toHaveLength(DATA_TABLES.length - 1); // every table but activity had been copied
    expect(await snapshot()).toEqual(before); // the truncation, the copies and the dropped indexes: all undone
    // The connection is usable afterwards (no transaction left open).
    expect((await client.query(`SELECT 1 AS ok`)).rows).toEqual([{ ok: 1 }]);
  });

  it('replaces the data when asked, keeping tokens, settings and the schema', async () => {
    const result = await loadDemo(client, generateDemo(OPTIONS), { whenNotEmpty: 'replace' });
    expect(result.counts.teams).toBe(6);
    expect(await count('teams')).toBe(6);
    expect((await client.query(`SELECT count(*)::int AS n FROM teams WHERE source <> 'demo'`)).rows[0].n).toBe(0);
    expect((await client.query(`SELECT name, scopes FROM api_tokens`)).rows).toEqual([{ name: 'loader', scopes: ['ingest'] }]);
    expect((await client.query(`SELECT timezone, hourly_cost FROM settings`)).rows).toEqual([{ timezone: 'Europe/Berlin', hourly_cost: '120.00' }]);
    // The indexes and constraints dropped for the COPY are back exactly as the migrations made them.
    const ds = await new DataSource(dataSourceOptions(db.url, { poolSize: 1 })).initialize();
    try {
      expect((await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
    const { rows } = await client.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'activity' ORDER BY 1`);
    expect(rows.map((r) => r.indexname)).toEqual(['PK_24625a1d6b1b089c8ae206fe467', 'ix_activity_calls', 'ix_activity_incident', 'ix_activity_responder_at', 'uq_activity_identity']);
  });
});

describe('npm run seed', () => {
  const seed = (...args: string[]) =>
    spawnSync(process.execPath, [join(PROJECT_ROOT, 'apps/api/dist/cli/seed.js'), ...args], {
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('refuses, in one line and with status 1, when the database holds data', () => {
    const run = seed('--scale', '1', '--seed', '3', '--end', '2026-06-30');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^seed: the database already holds data \(in teams, services, .*\); pass --replace to delete it and load the demo\n$/);
  });

  it.each([
    [['--scale', '0'], /scale must be an integer from 1 to 20/],
    [['--sale', '1'], /Unknown option '--sale'/],
  ])('rejects %j with its usage and status 2', (args, message) => {
    const run = seed(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: npm run seed --');
  });
});
