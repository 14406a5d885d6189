import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDemo } from '@firewatch/api/demo/generate-demo.js';
import { loadDemo } from '@firewatch/api/demo/load-demo.js';
import { hashToken, generateToken, tokenPrefix } from '@firewatch/api/auth/tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { PROJECT_ROOT } from '../support/server.js';

const run = promisify(execFile);

/** Runs a built CLI against `databaseUrl`; never throws. */
async function cli(script: 'backup' | 'restore', databaseUrl: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(PROJECT_ROOT, `apps/api/dist/cli/${script}.js`), ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, FIREWATCH_DATA_DIR: dir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Row count and md5 of the ordered content of every table but the migration history. */
async function digest(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`,
    );
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') AS md5 FROM "${name}" t`,
      );
      result[name] = rows[0]!;
    }
    return result;
  } finally {
    await client.end();
  }
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Text that COPY must escape: its end marker, line breaks, tabs, backslashes, NUL-free multi-byte text. */
const AWKWARD = ['\\.', 'line\nbreak\r\n', 'tab\there', 'back\\slash\\N', 'ünïcødé ✓ 🔥 — 火事', '"quoted", comma', ' edge '];

let dir: string;
let source: TestDatabase;
let before: Record<string, { rows: number; md5: string }>;
const archive = () => join(dir, 'firewatch.backup.gz');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firewatch-backup-'));
  source = await createTestDatabase(inject('pgAdminUrl'));
  const client = new pg.Client({ connectionString: source.url });
  await client.connect();
  try {
    await loadDemo(client, generateDemo({ seed: 1, scale: 1, end: '2026-11-01' }));
    // Rows in every other table too: awkward text, a token, a webhook delivery, changed settings,
    // a queued workload window and a stored segment, so no table is restored empty by accident.
    for (const [i, name] of AWKWARD.entries()) {
      await client.query(`INSERT INTO teams (source, external_id, name) VALUES ('backup-test', $1, $2)`, [`awkward-${i}`, name]);
    }
    const token = generateToken();
    await client.query(`INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ('kept', $1, $2, '{read}')`, [tokenPrefix(token), hashToken(token)]);
    await client.query(`INSERT INTO webhook_deliveries (source, delivery_id) VALUES ('pagerduty', 'delivery-1')`);
    await client.query(`UPDATE settings SET timezone = 'Europe/Berlin', hourly_cost = 87.50`);
    // Deleting the newest team leaves a gap: the sequence must continue after the largest id restored, not reuse it.
    await client.query(`DELETE FROM teams WHERE id = (SELECT max(id) FROM teams)`);
    await client.query(
      `INSERT INTO work_segments (responder_id, incident_id, start_at, end_at, share, bucket, local_date)
       SELECT responder_id, incident_id, at, at + interval '10 minutes', 1, 'working', at::date FROM activity ORDER BY id LIMIT 50`,
    );
  } finally {
    await client.end();
  }
  before = await digest(source.url);
}, 240_000);
afterAll(async () => {
  await source?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run backup / npm run restore', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(inject('pgAdminUrl'));
  });
  afterAll(async () => target?.drop());

  it('backs up every table into one gzip archive: header, COPY text per table in dependency order, trailer', async () => {
    const result = await cli('backup', source.url, archive());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Backed up \d+ tables, [\d,]+ rows, to .*firewatch\.backup\.gz \(\d+\.\d MB\)\.$/m);

    const text = gunzipSync(await readFile(archive())).toString('utf8');
    const lines = text.split('\n');
    const header = JSON.parse(lines[0]!);
    const trailer = JSON.parse(lines.at(-2)!);
    expect(lines.at(-1)).toBe('');
    expect(header).toMatchObject({ format: 'firewatch-backup', version: 1, migrations: expect.arrayContaining(['InitialSchema1795260521353']) });
    const names: string[] = header.tables.map((t: { name: string }) => t.name);
    // Every table of the schema, each exactly once; the migration history is the target's own.
    expect([...names].sort()).toEqual(Object.keys(before).sort());
    // Dependency order: a table after every table it references.
    for (const [table, referenced] of [
      ['services', 'teams'],
      ['responders', 'teams'],
      ['incidents', 'teams'],
      ['incident_roles', 'responders'],
      ['alerts', 'incidents'],
      ['pages', 'alerts'],
      ['activity', 'incidents'],
      ['annotation_services', 'annotations'],
    ]) {
      expect(names.indexOf(table!), `${table} after ${referenced}`).toBeGreaterThan(names.indexOf(referenced!));
    }
    // The trailer counts what was written, and that is what the database held.
    expect(trailer).toEqual({ end: true, rows: Object.fromEntries(names.map((n) => [n, before[n]!.rows])) });
  });

  it('restores into an empty, migrated database: every table has the same rows (count and md5 of the ordered content)', async () => {
    const result = await cli('restore', target.url, archive());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Restored \d+ tables, [\d,]+ rows, from .*firewatch\.backup\.gz\.$/m);
    const after = await digest(target.url);
    expect(after).toEqual(before);
    // The demo really is in there (not two empty databases compared).
    expect(after.activity!.rows).toBeGreaterThan(10_000);
    expect(after.incidents!.rows).toBeGreaterThan(500);
    expect(after.work_segments!.rows).toBe(50);
    expect(await sql(target.url, `SELECT name FROM teams WHERE source = 'backup-test' ORDER BY external_id`)).toEqual(
      AWKWARD.slice(0, -1).map((name) => ({ name })), // the last one was the deleted newest team
    );
  });

  it('derives nothing while restoring: the workload queue holds what the archive held (triggers were off)', async () => {
    expect((await digest(target.url)).workload_queue).toEqual(before.workload_queue);
  });

  it('resets the sequences: the next row of each table gets the id after the largest restored one', async () => {
    const [{ max }] = await sql<{ max: number }>(source.url, `SELECT (SELECT max(id) FROM teams) + 1 AS max`);
    // The deleted team's id is max + 1 in the source, so its sequence is ahead; the restored one continues after max.
    const [{ id }] = await sql<{ id: number }>(target.url, `INSERT INTO teams (source, external_id, name) VALUES ('api', 'after-restore', 'New') RETURNING id`);
    expect(id).toBe(max);
    const [{ incidentId, maxIncident }] = await sql<{ incidentId: number; maxIncident: number }>(
      target.url,
      `WITH i AS (INSERT INTO incidents (source, external_id, title, kind, severity, declared_at, started_at)
                  VALUES ('api', 'after-restore', 'New', 'incident', 3, now(), now()) RETURNING id)
       SELECT (SELECT id FROM i) AS "incidentId", (SELECT max(id) FROM incidents) AS "maxIncident"`,
    );
    expect(incidentId).toBe(maxIncident + 1);
    await sql(target.url, `DELETE FROM incidents WHERE external_id = 'after-restore'`);
    await sql(target.url, `DELETE FROM teams WHERE external_id = 'after-restore'`);
  });

  it('refuses a database that is not empty, changing nothing; --force replaces its content', async () => {
    await sql(target.url, `INSERT INTO teams (source, external_id, name) VALUES ('api', 'extra', 'Extra')`);
    const dirty = await digest(target.url);
    const refused = await cli('restore', target.url, archive());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^restore: the database is not empty \(rows in [a-z_, ]*teams[a-z_, ]*\); restore into an empty database, or pass --force to replace everything in it\n$/);
    expect(await digest(target.url)).toEqual(dirty);

    const forced = await cli('restore', target.url, archive(), '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/replacing the data that was in .*teams/);
    expect(await digest(target.url)).toEqual(before);
  });
});

describe('restore refuses a bad archive and leaves the database as it was', () => {
  let empty: TestDatabase;
  let emptyDigest: Record<string, { rows: number; md5: string }>;
  beforeAll(async () => {
    empty = await createTestDatabase(inject('pgAdminUrl'));
    emptyDigest = await digest(empty.url);
  });
  afterAll(async () => empty?.drop());

  const variants: Array<[string, () => Promise<Buffer>, RegExp]> = [
    ['a truncated archive', async () => gzipSync(gunzipSync(await readFile(archive())).subarray(0, 2_000_000)), /ends early, in table \w+: the archive is incomplete|is damaged/],
    ['an archive without its trailer', async () => {
      const text = gunzipSync(await readFile(archive())).toString('utf8');
      return gzipSync(text.slice(0, text.lastIndexOf('{"end"')));
    }, /ends early, in the trailer/],
    ['a trailer that disagrees with the rows', async () => {
      const text = gunzipSync(await readFile(archive())).toString('utf8');
      return gzipSync(text.replace(/"activity":(\d+)/, (_m, n) => `"activity":${Number(n) + 1}`));
    }, /is damaged: activity has \d+ rows, the archive says \d+/],
    ['a file that is not gzip', async () => Buffer.from('teams,services\n1,2\n'), /is not a complete Firewatch backup|is not a Firewatch backup/],
    ['gzip of something else', async () => gzipSync('{"hello":"world"}\n'), /is not a Firewatch backup$/m],
    ['a backup of another schema version', async () => {
      const text = gunzipSync(await readFile(archive())).toString('utf8');
      return gzipSync(text.replace('"migrations":[', '"migrations":["FutureChange1999999999999",'));
    }, /the backup was made at a different schema version \(this database lacks FutureChange1999999999999\)/],
  ];

  it.each(variants)('%s', async (label, make, message) => {
    const file = join(dir, `${label.replace(/\W+/g, '-')}.gz`);
    await writeFile(file, await make());
    const result = await cli('restore', empty.url, file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await digest(empty.url)).toEqual(emptyDigest);
  });

  it('names a missing file and asks for FILE', async () => {
    const missing = await cli('restore', empty.url, join(dir, 'nope.gz'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^restore: cannot read .*nope\.gz: ENOENT/);
    const usage = await cli('backup', empty.url);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^backup: FILE is required\nusage: npm run backup -- FILE/);
  });
});
