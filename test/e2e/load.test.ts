import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateToken, hashToken, tokenPrefix } from '@firewatch/api/auth/tokens.js';
import { dataSourceOptions } from '@firewatch/api/database/data-source-options.js';
import { WorkloadRebuildService } from '@firewatch/api/analytics/workload/workload-rebuild.service.js';
import { WorkloadRepository } from '@firewatch/api/analytics/workload/workload.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startServer, type RunningServer } from '../support/server.js';

/**
 * A bounded load test against the built API on loopback (fixed counts, no duration): concurrent
 * writers send overlapping batches (the same events in several batches, from several clients, and
 * every third batch sent twice as a retry) while readers query the analytics endpoints. Afterwards
 * the database holds exactly the expected rows, the incrementally maintained workload equals a full
 * rebuild, and no request got a 5xx.
 */

const WRITERS = 8;
const BATCHES_PER_WRITER = 15;
const RETRY_EVERY = 3; // every 3rd batch is sent twice, as a client does when it saw no answer
const READERS = 4;
const READS_PER_READER = 25;
const CHUNKS = 30;
const CHUNK_SIZE = 200; // a batch is two neighbouring chunks: 400 events, half shared with the next batch
const EVENTS = CHUNKS * CHUNK_SIZE; // 6,000 distinct activity events
const RESPONDERS = 30;
const INCIDENTS = 60;
const REQUEST_TIMEOUT_MS = 30_000;
const START = Date.UTC(2026, 9, 5, 6); // 2026-10-05 06:00 UTC

const responders = Array.from({ length: RESPONDERS }, (_, i) => ({
  externalId: `r-${i}`,
  name: `Responder ${i}`,
  timezone: ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo'][i % 3],
}));
const incidents = Array.from({ length: INCIDENTS }, (_, i) => ({
  externalId: `i-${i}`,
  title: `Incident ${i}`,
  severity: 1 + (i % 5),
  declaredAt: new Date(START + i * 12 * 3_600_000).toISOString(),
}));
/** Event `n`, always with the same content, whichever batch carries it. Calls every 7th. */
const event = (n: number) => {
  const at = START + Math.floor(n / RESPONDERS) * 11 * 60_000 + (n % 7) * 60_000;
  return {
    externalId: `a-${n}`,
    responder: `r-${n % RESPONDERS}`,
    incident: `i-${Math.floor(n / 100) % INCIDENTS}`,
    at: new Date(at).toISOString(),
    ...(n % 7 === 0 ? { kind: 'call', endAt: new Date(at + 25 * 60_000).toISOString() } : { kind: 'message' }),
  };
};
const chunk = (j: number) => Array.from({ length: CHUNK_SIZE }, (_, i) => event((j % CHUNKS) * CHUNK_SIZE + i));
/** Writer `w`'s `k`th batch: chunks j and j+1 with j = w + 8k (mod 30), so every chunk is sent by several writers. */
const batchOf = (w: number, k: number) => [...chunk(w + 8 * k), ...chunk(w + 8 * k + 1)];

interface Tally {
  sent: number;
  byStatus: Map<number, number>;
  failures: string[];
}

async function timedFetch(tally: Tally, url: string, init: RequestInit): Promise<{ status: number; body: any }> {
  tally.sent++;
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    tally.byStatus.set(res.status, (tally.byStatus.get(res.status) ?? 0) + 1);
    if (res.status >= 400) tally.failures.push(`${init.method ?? 'GET'} ${url} → ${res.status} ${text.slice(0, 300)}`);
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  } catch (error) {
    tally.failures.push(`${init.method ?? 'GET'} ${url} → ${(error as Error).message}`);
    throw error;
  }
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const segmentsDigest = async (url: string) =>
  (
    await query<{ n: number; d: string }>(
      url,
      `SELECT count(*)::int AS n, coalesce(md5(string_agg(concat_ws('|', responder_id, incident_id, start_at, end_at, share, bucket, local_date), ','
              ORDER BY responder_id, incident_id, start_at)), 'empty') AS d FROM work_segments`,
    )
  )[0]!;

let db: TestDatabase;
let dataDir: string;
let server: RunningServer;
const tokens: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase(inject('pgAdminUrl'));
  dataDir = await mkdtemp(join(tmpdir(), 'firewatch-load-'));
  server = await startServer({ DATABASE_URL: db.url, FIREWATCH_DATA_DIR: dataDir });
  // One token per client, as separate loaders would have: the per-token rate limit stays the default.
  for (let i = 0; i < WRITERS + READERS + 1; i++) {
    const token = generateToken();
    await query(db.url, `INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ($1, $2, $3, '{ingest,read}')`, [`load-${i}`, tokenPrefix(token), hashToken(token)]);
    tokens.push(token);
  }
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('load: concurrent overlapping ingest with readers', () => {
  it(`${WRITERS} writers × ${BATCHES_PER_WRITER} overlapping batches (+ retries) and ${READERS} readers × ${READS_PER_READER}: exact rows, workload = full rebuild, no 5xx`, async () => {
    const tally: Tally = { sent: 0, byStatus: new Map(), failures: [] };
    const post = (token: string, kind: string, items: unknown[]) =>
      timedFetch(tally, `${server.url}/api/v1/ingest/${kind}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ items }),
      });
    const setup = tokens[WRITERS + READERS]!;
    expect((await post(setup, 'responders', responders)).status).toBe(200);
    expect((await post(setup, 'incidents', incidents)).status).toBe(200);

    let created = 0;
    const writer = async (w: number) => {
      for (let k = 0; k < BATCHES_PER_WRITER; k++) {
        const items = batchOf(w, k);
        const sends = k % RETRY_EVERY === RETRY_EVERY - 1 ? 2 : 1;
        for (let s = 0; s < sends; s++) {
          const res = await post(tokens[w]!, 'activity', items);
          if (res.status === 200) created += res.body.created;
        }
        // Writers also re-send an incident now and then (same content): upserts on a parent table
        // while children referencing it are written by others.
        if (k % 5 === 0) await post(tokens[w]!, 'incidents', incidents.slice(w * 5, w * 5 + 5));
      }
    };
    const reader = async (r: number) => {
      const headers = { Authorization: `Bearer ${tokens[WRITERS + r]}` };
      for (let i = 0; i < READS_PER_READER; i++) {
        const path = [
          '/api/v1/analytics/workload?from=2026-10-01&to=2026-11-30',
          '/api/v1/incidents?from=2026-10-01&to=2026-11-30&sort=severity&pageSize=50',
          '/api/v1/analytics/workload?from=2026-10-05&to=2026-10-12&severity=2',
          '/api/v1/incidents?from=2026-10-01&to=2026-11-30&severity=3',
        ][(r + i) % 4]!;
        expect((await timedFetch(tally, `${server.url}${path}`, { headers })).status).toBe(200);
      }
    };
    await Promise.all([...Array.from({ length: WRITERS }, (_, w) => writer(w)), ...Array.from({ length: READERS }, (_, r) => reader(r))]);

    const fivexx = [...tally.byStatus].filter(([status]) => status >= 500).reduce((n, [, c]) => n + c, 0);
    const writes = WRITERS * (BATCHES_PER_WRITER + Math.floor(BATCHES_PER_WRITER / RETRY_EVERY) + Math.ceil(BATCHES_PER_WRITER / 5));
    console.info(
      `load: ${tally.sent} requests (${writes + 2} writes, ${READERS * READS_PER_READER} reads), statuses ${JSON.stringify(Object.fromEntries(tally.byStatus))}, 5xx ${fivexx}`,
    );
    expect(tally.failures).toEqual([]); // no 5xx, no 4xx, no hang
    expect(tally.sent).toBe(2 + writes + READERS * READS_PER_READER); // 2 + 8 × (15 + 5 + 3) + 100 = 286
    // Each of the 6,000 events was created by exactly one request, whatever the interleaving.
    expect(created).toBe(EVENTS);

    // Exactly the expected rows: 6,000 events (every one with its content), 30 responders, 60 incidents.
    const ids = Array.from({ length: EVENTS }, (_, n) => event(n));
    const [found] = await query<{ total: number; matching: number }>(
      db.url,
      `SELECT (SELECT count(*)::int FROM activity) AS total,
              (SELECT count(*)::int FROM activity a
                 JOIN responders r ON r.id = a.responder_id
                 JOIN incidents i ON i.id = a.incident_id
                 JOIN unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]) AS e(id, responder, incident, at, kind)
                   ON e.id = a.external_id AND e.responder = r.external_id AND e.incident = i.external_id AND e.at = a.at AND e.kind = a.kind) AS matching`,
      [ids.map((e) => e.externalId), ids.map((e) => e.responder), ids.map((e) => e.incident), ids.map((e) => e.at), ids.map((e) => e.kind)],
    );
    expect(found).toEqual({ total: EVENTS, matching: EVENTS });
    const [counts] = await query<{ responders: number; incidents: number }>(
      db.url,
      `SELECT (SELECT count(*)::int FROM responders) AS responders, (SELECT count(*)::int FROM incidents) AS incidents`,
    );
    expect(counts).toEqual({ responders: RESPONDERS, incidents: INCIDENTS });

    // The stored workload, once the queue has drained, equals a full rebuild from raw activity.
    for (const deadline = Date.now() + 60_000; ; ) {
      const [{ n }] = await query<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM workload_queue`);
      if (n === 0) break;
      if (Date.now() > deadline) throw new Error(`the workload queue still holds ${n} windows`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const incremental = await segmentsDigest(db.url);
    expect(incremental.n).toBeGreaterThan(0);
    const ds = await new DataSource(dataSourceOptions(db.url, { poolSize: 2 })).initialize();
    try {
      await new WorkloadRebuildService(new WorkloadRepository(ds)).rebuildAll();
    } finally {
      await ds.destroy();
    }
    const rebuilt = await segmentsDigest(db.url);
    console.info(`load: rows expected ${EVENTS} activity / found ${found!.total}; work_segments ${incremental.n} incremental = ${rebuilt.n} rebuilt`);
    expect(rebuilt).toEqual(incremental);
    expect(server.output()).not.toMatch(/"level":50/); // nothing logged as an error
  });
});
