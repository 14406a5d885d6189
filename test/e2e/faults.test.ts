import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, hashToken, tokenPrefix } from '@firewatch/api/auth/tokens.js';
import { dataSourceOptions } from '@firewatch/api/database/data-source-options.js';
import { WorkloadRebuildService } from '@firewatch/api/analytics/workload/workload-rebuild.service.js';
import { WorkloadRepository } from '@firewatch/api/analytics/workload/workload.repository.js';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from '../../apps/api/src/database/embedded-postgres.js';
import { embeddedDatabaseUrl, postgresProcessesIn, startServer, type RunningServer } from '../support/server.js';

/**
 * Faults injected into the built API process (`node apps/api/dist/main.js`) and its database, each
 * at a moment the test controls with a lock, not a timer: the API killed with SIGKILL inside an
 * ingest transaction, PostgreSQL stopped under a running API, and the API killed between an ingest
 * and the workload recompute it queued.
 */

const REQUEST_TIMEOUT_MS = 15_000;
const RESPONDERS = 20;
const INCIDENTS = 50;

/** One HTTP call that must answer (any status) within the timeout: a hang fails the test. */
async function call(url: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = {};
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, {
    ...init,
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

const ingest = (server: RunningServer, token: string, kind: string, items: unknown[]) =>
  call(`${server.url}/api/v1/ingest/${kind}`, { method: 'POST', token, json: { items } });

const responders = Array.from({ length: RESPONDERS }, (_, i) => ({ externalId: `r-${i}`, name: `Responder ${i}`, timezone: 'Europe/Berlin' }));
const incidents = Array.from({ length: INCIDENTS }, (_, i) => ({
  externalId: `i-${i}`,
  title: `Incident ${i}`,
  severity: 1 + (i % 5),
  declaredAt: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000).toISOString(),
}));
/** `count` activity events, ids `${prefix}-0…`, spread over the incidents and responders, 7 minutes apart. */
const activity = (prefix: string, count: number, startMs: number) =>
  Array.from({ length: count }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    responder: `r-${i % RESPONDERS}`,
    incident: `i-${i % INCIDENTS}`,
    at: new Date(startMs + i * 7 * 60_000).toISOString(),
    kind: 'message',
  }));

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function insertIngestToken(url: string): Promise<string> {
  const token = generateToken();
  await withClient(url, (c) =>
    c.query(`INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ('faults', $1, $2, '{ingest,read}')`, [tokenPrefix(token), hashToken(token)]),
  );
  return token;
}

/**
 * Waits until a backend of the API has written to `holding` (holds its RowExclusiveLock) and waits for
 * a lock on `waitingOn`: the transaction is then stopped between those two writes. (pg_locks, not
 * pg_stat_activity: the latter can still show the connection's previous statement.)
 */
async function writerBlocked(client: pg.Client, holding: string, waitingOn: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query(
      `SELECT w.pid FROM pg_locks w
         JOIN pg_locks h ON h.pid = w.pid AND h.granted AND h.locktype = 'relation' AND h.relation = $1::regclass AND h.mode = 'RowExclusiveLock'
         JOIN pg_stat_activity a ON a.pid = w.pid AND a.application_name = 'firewatch'
        WHERE NOT w.granted AND w.locktype = 'relation' AND w.relation = $2::regclass`,
      [holding, waitingOn],
    );
    if (rows.length > 0) return;
    if (Date.now() > deadline) throw new Error(`no API transaction wrote ${holding} and waited for ${waitingOn} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A connection of the test's own that will hold a lock. It is ended before each restart; should a
 * test fail first, the orphaned server's shutdown ends it, which is not an error of the test.
 */
async function lockingClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  lockers.push(client);
  return client;
}
const lockers: pg.Client[] = [];
afterAll(async () => {
  for (const client of lockers) await client.end().catch(() => undefined);
});

const count = async (url: string, sql: string, params: unknown[] = []): Promise<number> =>
  withClient(url, async (c) => Number(Object.values((await c.query(sql, params)).rows[0]!)[0]));

/** md5 of every stored work segment, in a fixed order. */
const segmentsDigest = (url: string) =>
  withClient(url, async (c) => {
    const { rows } = await c.query<{ n: number; d: string }>(
      `SELECT count(*)::int AS n, coalesce(md5(string_agg(concat_ws('|', responder_id, incident_id, start_at, end_at, share, bucket, local_date), ','
              ORDER BY responder_id, incident_id, start_at)), 'empty') AS d FROM work_segments`,
    );
    return rows[0]!;
  });

describe('the API killed with SIGKILL, on the embedded database', () => {
  let dataDir: string;
  let server: RunningServer;
  let token: string;
  const dbUrl = () => embeddedDatabaseUrl(dataDir);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'firewatch-faults-'));
    server = await startServer({ FIREWATCH_DATA_DIR: dataDir });
    token = await insertIngestToken(dbUrl());
    expect((await ingest(server, token, 'responders', responders)).status).toBe(200);
    expect((await ingest(server, token, 'incidents', incidents)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const restart = async () => {
    server = await startServer({ FIREWATCH_DATA_DIR: dataDir });
    expect(server.output()).toContain('left running by a previous process');
  };

  it('(a) in the middle of a 10,000-item batch: after restart the batch is absent, and one retry stores it exactly once', async () => {
    const batch = activity('kill', 10_000, Date.UTC(2026, 9, 2));
    const url = dbUrl();
    const locker = await lockingClient(url);
    // The activity trigger writes the workload queue inside the ingest transaction: holding this lock
    // stops the batch after its 10,000 rows are inserted and before it can commit.
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE workload_queue IN SHARE MODE');
    const pending = ingest(server, token, 'activity', batch).then(
      (res) => ({ answered: res.status }),
      (error: Error) => ({ failed: error.message }),
    );
    // Inside the INSERT of the 10,000 rows: its trigger waits to queue their workload windows.
    await writerBlocked(locker, 'activity', 'workload_queue');

    expect(await server.stop('SIGKILL')).toBeNull(); // killed: no exit code
    // The client saw the connection drop, not an answer: it does not know whether the batch was stored.
    expect(await pending).toMatchObject({ failed: expect.any(String) });
    await locker.query('ROLLBACK');
    await locker.end();

    await restart();
    const stored = await count(dbUrl(), `SELECT count(*) FROM activity WHERE external_id LIKE 'kill-%'`);
    expect(stored).toBe(0); // all or nothing: never a part of the 10,000

    const retry = await ingest(server, token, 'activity', batch);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ created: 10_000, updated: 0, unchanged: 0 });
    const again = await ingest(server, token, 'activity', batch); // a client unsure of the first retry
    expect(again.body).toEqual({ created: 0, updated: 0, unchanged: 10_000 });
    expect(await count(dbUrl(), `SELECT count(*) FROM activity WHERE external_id LIKE 'kill-%'`)).toBe(10_000);
  });

  it('(c) between an ingest and the workload recompute it queued: the queue survives, is processed on the next start, and equals a full rebuild', async () => {
    const url = dbUrl();
    // Let the worker finish what (a) queued, so only the next batch is pending.
    for (const deadline = Date.now() + 30_000; (await count(url, 'SELECT count(*) FROM workload_queue')) > 0; ) {
      if (Date.now() > deadline) throw new Error('the workload queue did not drain');
      await new Promise((r) => setTimeout(r, 100));
    }
    const before = await segmentsDigest(url);

    const locker = await lockingClient(url);
    // The worker claims the queued windows and then writes work_segments: this lock stops it there.
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE work_segments IN SHARE MODE');
    const batch = activity('late', 2_000, Date.UTC(2026, 9, 20, 22));
    const res = await ingest(server, token, 'activity', batch);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(2_000);
    // The worker has claimed (deleted, uncommitted) the queued windows and waits to write segments.
    await writerBlocked(locker, 'workload_queue', 'work_segments');
    // At the crash: the events are stored, their windows queued, and the stored workload is stale.
    expect(await count(url, `SELECT count(*) FROM activity WHERE external_id LIKE 'late-%'`)).toBe(2_000);
    const queued = await count(url, 'SELECT count(*) FROM workload_queue');
    expect(queued).toBeGreaterThan(0);
    expect(await segmentsDigest(url)).toEqual(before);

    expect(await server.stop('SIGKILL')).toBeNull();
    await locker.query('ROLLBACK');
    await locker.end();

    await restart();
    const after = dbUrl();
    for (const deadline = Date.now() + 30_000; (await count(after, 'SELECT count(*) FROM workload_queue')) > 0; ) {
      if (Date.now() > deadline) throw new Error('the workload queue was not processed after the restart');
      await new Promise((r) => setTimeout(r, 100));
    }
    const recomputed = await segmentsDigest(after);
    expect(recomputed.n).toBeGreaterThan(before.n); // the late events are in the stored workload now

    // A full rebuild from raw activity gives exactly the same segments: nothing stale, nothing twice.
    const ds = await new DataSource(dataSourceOptions(after, { poolSize: 2 })).initialize();
    try {
      await new WorkloadRebuildService(new WorkloadRepository(ds)).rebuildAll();
    } finally {
      await ds.destroy();
    }
    expect(await segmentsDigest(after)).toEqual(recomputed);
  });

  it('leaves no postgres process behind after the last stop', async () => {
    expect(await server.stop()).toBe(0);
    expect(postgresProcessesIn(dataDir)).toEqual([]);
  });
});

describe('(b) PostgreSQL stopped while the API runs (DATABASE_URL)', () => {
  let pgDir: string;
  let apiDir: string;
  let port: number;
  let database: RunningPostgres;
  let server: RunningServer;
  let token: string;
  const log = pino({ level: 'silent' });

  beforeAll(async () => {
    pgDir = await mkdtemp(join(tmpdir(), 'firewatch-faults-pg-'));
    apiDir = await mkdtemp(join(tmpdir(), 'firewatch-faults-api-'));
    port = await freePort();
    database = await startEmbeddedPostgres(pgDir, log, { port });
    server = await startServer({ DATABASE_URL: database.url, FIREWATCH_DATA_DIR: apiDir });
    token = await insertIngestToken(database.url);
    expect((await ingest(server, token, 'teams', [{ externalId: 'before', name: 'Before the outage' }])).status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.stop();
    await rm(pgDir, { recursive: true, force: true });
    await rm(apiDir, { recursive: true, force: true });
  });

  it('answers 503 (readiness, ingest with Retry-After, reads) while it is down, and works again when it returns, without a restart', async () => {
    await database.stop();

    const ready = await call(`${server.url}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', database: 'down' });

    const write = await ingest(server, token, 'teams', [{ externalId: 'during', name: 'During the outage' }]);
    expect(write.status).toBe(503);
    expect(write.headers.get('retry-after')).toBe('5');
    expect(write.body).toMatchObject({ statusCode: 503, message: 'The database is unavailable; nothing was written. Retry later.' });

    const read = await call(`${server.url}/api/v1/teams`, { token });
    expect(read.status).toBe(503);
    expect(read.headers.get('retry-after')).toBe('5');

    // Liveness still answers: the process is up and serving, not crashed.
    expect((await call(`${server.url}/api/health`)).status).toBe(200);
    expect(server.process.exitCode).toBeNull();

    database = await startEmbeddedPostgres(pgDir, log, { port });
    let readyAgain = 0;
    for (const deadline = Date.now() + 30_000; readyAgain !== 200; ) {
      if (Date.now() > deadline) throw new Error('the API did not become ready again');
      readyAgain = (await call(`${server.url}/api/health/ready`)).status;
      if (readyAgain !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    const retried = await ingest(server, token, 'teams', [{ externalId: 'during', name: 'During the outage' }]);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const teams = await call(`${server.url}/api/v1/teams`, { token });
    expect(teams.body).toEqual({
      items: [
        { externalId: 'before', name: 'Before the outage' },
        { externalId: 'during', name: 'During the outage' },
      ],
    });
    expect(server.process.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/"level":60/); // nothing fatal logged
  });
});
