import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, hashToken, tokenPrefix } from '@firewatch/api/auth/tokens.js';
import { dataSourceOptions } from '@firewatch/api/database/data-source-options.js';
import { NoiseFactsRepository } from '@firewatch/api/analytics/noise/facts/noise-facts.repository.js';
import { NoiseFactsService } from '@firewatch/api/analytics/noise/facts/noise-facts.service.js';
import { WorkloadRebuildService } from '@firewatch/api/analytics/workload/workload-rebuild.service.js';
import { WorkloadRepository } from '@firewatch/api/analytics/workload/workload.repository.js';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from '../../apps/api/src/database/embedded-postgres.js';
import { startServer, type RunningServer } from '../support/server.js';

/**
 * Two API processes on one database (how users scale out first): both ingest concurrently and both run
 * the workload and noise-facts workers, which coordinate through PostgreSQL (row claims with SKIP
 * LOCKED, advisory locks). One is killed with SIGKILL in the middle of a noise-facts claim; the other
 * takes the claim over, and the maintained facts then equal a full rebuild from the raw rows.
 */

const RESPONDERS = 20;
const HOUR = 3_600_000;
const START = Date.UTC(2026, 9, 5, 20);

const responders = Array.from({ length: RESPONDERS }, (_, i) => ({ externalId: `r-${i}`, name: `Responder ${i}`, timezone: i % 2 ? 'Asia/Kolkata' : 'Europe/Berlin' }));
const incidents = Array.from({ length: 10 }, (_, i) => ({ externalId: `i-${i}`, title: `Incident ${i}`, severity: 1 + (i % 5), declaredAt: new Date(START + i * HOUR).toISOString() }));

/** `count` alerts of 4 rules, 7 minutes apart from `startMs`, resolved after 3–40 min; each paged once or twice (40 s apart). */
function alertsAndPages(prefix: string, count: number, startMs: number) {
  const alerts = Array.from({ length: count }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    rule: `Rule${i % 4}`,
    firedAt: new Date(startMs + i * 7 * 60_000).toISOString(),
    resolvedAt: new Date(startMs + i * 7 * 60_000 + (3 + (i % 38)) * 60_000).toISOString(),
    resolvedBy: i % 3 ? 'auto' : 'human',
    ...(i % 11 === 0 ? { incident: `i-${i % 10}` } : {}),
  }));
  const pages = alerts.flatMap((a, i) => [
    { externalId: `${a.externalId}-p1`, alert: a.externalId, responder: `r-${i % RESPONDERS}`, at: new Date(Date.parse(a.firedAt) + 30_000).toISOString(), channel: 'phone' },
    ...(i % 3 === 0
      ? [{ externalId: `${a.externalId}-p2`, alert: a.externalId, responder: `r-${(i + 1) % RESPONDERS}`, at: new Date(Date.parse(a.firedAt) + 70_000).toISOString(), channel: 'sms', level: 2, reason: 'timeout' }]
      : []),
  ]);
  const activity = alerts.map((a, i) => ({ externalId: `${a.externalId}-m`, responder: `r-${i % RESPONDERS}`, incident: `i-${i % 10}`, at: a.firedAt, kind: 'message' }));
  return { alerts, pages, activity };
}

async function post(server: RunningServer, token: string, kind: string, items: unknown[]): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/ingest/${kind}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function ingestAll(server: RunningServer, token: string, data: ReturnType<typeof alertsAndPages>): Promise<void> {
  await post(server, token, 'alerts', data.alerts);
  await post(server, token, 'pages', data.pages);
  await post(server, token, 'activity', data.activity);
}

const query = async (url: string, sql: string): Promise<any[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

/** Every maintained row (workload, its rollup by org day to 1e-9 minute, and noise facts), hashed. */
const digest = async (url: string): Promise<string> =>
  (
    await query(
      url,
      `SELECT (SELECT coalesce(md5(string_agg(f::text, ',' ORDER BY alert_id)), 'empty') FROM alert_facts f)
           || (SELECT coalesce(md5(string_agg(p::text, ',' ORDER BY page_id)), 'empty') FROM page_facts p)
           || (SELECT coalesce(md5(string_agg(s::text, ',' ORDER BY responder_id, incident_id, start_at)), 'empty') FROM work_segments s)
           || (SELECT coalesce(md5(string_agg(concat_ws('|', responder_id, day, incident_id, round(working::numeric, 9), round(late::numeric, 9), round(sleeping::numeric, 9)), ','
                                             ORDER BY responder_id, day, incident_id)), 'empty') FROM work_days) AS d`,
    )
  )[0].d;

async function queuesDrained(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await query(url, `SELECT (SELECT count(*) FROM noise_queue) + (SELECT count(*) FROM workload_queue) AS n`);
    if (Number(n) === 0) return;
    if (Date.now() > deadline) throw new Error('the queues did not drain');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The API process whose database connection comes from local port `clientPort`: the socket with that
 * port in the kernel's TCP tables (/proc/net/tcp, tcp6), matched to the inodes of each process's open
 * file descriptors.
 */
function processOfClientPort(clientPort: number, candidates: RunningServer[]): RunningServer | undefined {
  const port = clientPort.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${port}`)) inodes.add(fields[9]!);
    }
  }
  return candidates.find((s) =>
    readdirSync(`/proc/${s.process.pid}/fd`).some((fd) => {
      const target = (() => {
        try {
          return readlinkSync(`/proc/${s.process.pid}/fd/${fd}`);
        } catch {
          return ''; // closed meanwhile
        }
      })();
      return inodes.has(target.replace(/^socket:\[(\d+)\]$/, '$1'));
    }),
  );
}

describe('two API processes on one database', () => {
  let pgDir: string;
  let apiDirs: string[];
  let database: RunningPostgres;
  let a: RunningServer;
  let b: RunningServer;
  let token: string;

  beforeAll(async () => {
    pgDir = await mkdtemp(join(tmpdir(), 'firewatch-two-pg-'));
    apiDirs = [await mkdtemp(join(tmpdir(), 'firewatch-two-a-')), await mkdtemp(join(tmpdir(), 'firewatch-two-b-'))];
    database = await startEmbeddedPostgres(pgDir, pino({ level: 'silent' }), { port: await freePort() });
    // One process migrates first; the second finds the schema current.
    a = await startServer({ DATABASE_URL: database.url, FIREWATCH_DATA_DIR: apiDirs[0]! });
    b = await startServer({ DATABASE_URL: database.url, FIREWATCH_DATA_DIR: apiDirs[1]! });
    token = generateToken();
    await query(database.url, `INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ('two', '${tokenPrefix(token)}', '${hashToken(token)}', '{ingest,read}')`);
    await post(a, token, 'responders', responders);
    await post(b, token, 'incidents', incidents);
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.stop();
    for (const dir of [pgDir, ...(apiDirs ?? [])]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ingesting concurrently through both, one killed mid-claim: the survivor takes the claim over and the facts equal a full rebuild', async () => {
    // Both processes ingest at once, and both workers drain what the batches queue.
    await Promise.all([
      ingestAll(a, token, alertsAndPages('a1', 300, START)),
      ingestAll(b, token, alertsAndPages('b1', 300, START + 20 * 60_000)),
      ingestAll(a, token, alertsAndPages('a2', 200, START + 3 * HOUR)),
      ingestAll(b, token, alertsAndPages('b2', 200, START + 3 * HOUR + 30_000)),
    ]);
    await queuesDrained(database.url);

    // Stop the next noise-facts claim after it wrote alert_facts, before page_facts: this lock holds it there.
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE page_facts IN SHARE MODE');
    await ingestAll(b, token, alertsAndPages('late', 150, START + HOUR));
    let holder: { pid: number; client_port: number } | undefined;
    for (const deadline = Date.now() + 20_000; !holder; await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() > deadline) throw new Error('no worker claimed the queued noise facts');
      [holder] = await locker
        .query(
          `SELECT w.pid, a.client_port FROM pg_locks w JOIN pg_stat_activity a ON a.pid = w.pid
            WHERE NOT w.granted AND w.locktype = 'relation' AND w.relation = 'page_facts'::regclass`,
        )
        .then((r) => r.rows);
    }
    const victim = processOfClientPort(holder.client_port, [a, b])!;
    const survivor = victim === a ? b : a;
    expect(victim).toBeDefined();
    // The claim is taken: the queue rows are deleted in the victim's open transaction.
    expect(await victim.stop('SIGKILL')).toBeNull();
    await locker.query('ROLLBACK');
    await locker.end();

    // The killed transaction rolled back: its claim is queued again, and the survivor processes it.
    await queuesDrained(database.url);
    const [{ n }] = await query(database.url, `SELECT count(*)::int AS n FROM page_facts p JOIN pages x ON x.id = p.page_id JOIN alerts al ON al.id = x.alert_id WHERE al.external_id LIKE 'late-%'`);
    expect(n).toBe(150 + 50); // every late alert paged once, every third twice
    const incremental = await digest(database.url);

    const ds = await new DataSource(dataSourceOptions(database.url, { poolSize: 2 })).initialize();
    try {
      const workload = new WorkloadRepository(ds);
      await new WorkloadRebuildService(workload).rebuildAll();
      await NoiseFactsService.standalone(new NoiseFactsRepository(ds), workload).rebuildAll();
    } finally {
      await ds.destroy();
    }
    expect(await digest(database.url)).toBe(incremental);

    // The survivor answers the noise report with everything: 1,150 alerts fired.
    const res = await fetch(`${survivor.url}/api/v1/analytics/noise?from=2026-10-01&to=2026-11-01`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect((await res.json()).totals.fired).toBe(300 + 300 + 200 + 200 + 150);
  });
});
