import fc from 'fast-check';
import pino from 'pino';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options.js';
import { IngestService } from '../../apps/api/src/ingest/ingest.service.js';
import { WorkloadQueueService } from '../../apps/api/src/analytics/workload/workload-queue.service.js';
import { WorkloadRebuildService } from '../../apps/api/src/analytics/workload/workload-rebuild.service.js';
import { WorkloadRepository } from '../../apps/api/src/analytics/workload/workload.repository.js';
import { SettingsRepository } from '../../apps/api/src/settings/settings.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * SPEC §2.1 kept up to date incrementally: triggers queue the changed windows in the ingest
 * transaction, the worker recomputes only the affected clusters. Property: any split of the same
 * events into batches, in any order, re-sends and moved events included, ends with exactly the
 * segments of one full recompute, and with the same `work_days` rollup.
 */

let db: TestDatabase;
let ds: DataSource;
let ingest: IngestService;
let queue: WorkloadQueueService;
let rebuild: WorkloadRebuildService;

const logger: PinoLogger = new PinoLogger({ pinoHttp: { logger: pino({ level: 'silent' }) } }) as PinoLogger;

beforeAll(async () => {
  db = await createTestDatabase(inject('pgAdminUrl'));
  ds = await new DataSource(dataSourceOptions(db.url, { poolSize: 3 })).initialize();
  ingest = IngestService.standalone(ds, logger);
  const repository = new WorkloadRepository(ds);
  queue = new WorkloadQueueService(repository, logger);
  rebuild = new WorkloadRebuildService(repository);
  await ingest.ingest({
    responders: [
      { externalId: 'r-berlin', name: 'Berlin', timezone: 'Europe/Berlin' },
      { externalId: 'r-ny', name: 'New York', timezone: 'America/New_York' },
    ],
    incidents: [1, 2, 3, 4].map((n) => ({ externalId: `i-${n}`, title: `Incident ${n}`, severity: 2, declaredAt: '2026-03-27T00:00:00Z' })),
  });
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

const digest = async (): Promise<string> =>
  (
    await ds.query(
      `SELECT (SELECT coalesce(md5(string_agg(concat_ws('|', responder_id, incident_id, start_at, end_at, share, bucket, local_date), ','
                ORDER BY responder_id, incident_id, start_at)), 'empty') FROM work_segments)
              -- and the rollup by org day the reports read (sums to 1e-9 minute: another order of addition may differ in the last bits)
              || ' ' || (SELECT coalesce(md5(string_agg(concat_ws('|', responder_id, day, incident_id, round(working::numeric, 9), round(late::numeric, 9), round(sleeping::numeric, 9)), ','
                ORDER BY responder_id, day, incident_id)), 'empty') FROM work_days) AS d`,
    )
  )[0].d;

const BASE = Date.UTC(2026, 2, 28, 20, 0); // Saturday evening before the Berlin spring-forward
const MINUTE = 60_000;

const eventArb = fc.record({
  responder: fc.constantFrom('r-berlin', 'r-ny'),
  incident: fc.constantFrom('i-1', 'i-2', 'i-3', 'i-4'),
  minute: fc.integer({ min: 0, max: 12 * 60 }), // dense enough that new events join older clusters
  callMinutes: fc.option(fc.integer({ min: 1, max: 120 }), { freq: 5 }),
});

const item = (id: number, e: { responder: string; incident: string; minute: number; callMinutes: number | null }) => ({
  externalId: `a-${id}`,
  responder: e.responder,
  incident: e.incident,
  at: new Date(BASE + e.minute * MINUTE).toISOString(),
  kind: e.callMinutes === null ? 'message' : 'call',
  ...(e.callMinutes === null ? {} : { endAt: new Date(BASE + (e.minute + e.callMinutes) * MINUTE).toISOString() }),
});

describe('incremental workload', () => {
  it('any split into batches (late events, re-sends, moved events) equals one full recompute', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), eventArb), { maxLength: 4 }),
        fc.integer(),
        async (events, batchSizes, moves, seed) => {
          await ds.query(`DELETE FROM activity; DELETE FROM work_segments; DELETE FROM workload_queue;`);
          // Events arrive out of time order: the generated order is random.
          const items = events.map((e, i) => item(i, e));
          const shuffled = fc.sample(fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }), { seed, numRuns: 1 })[0]!;
          let at = 0;
          for (let b = 0; at < shuffled.length; b++) {
            const size = batchSizes[b % batchSizes.length]!;
            await ingest.ingest({ activity: shuffled.slice(at, at + size) });
            await queue.drain();
            at += size;
          }
          // Re-send some items moved to another time (the old window must be recomputed too).
          for (const [pick, moved] of moves) {
            const index = pick % items.length;
            await ingest.ingest({ activity: [item(index, moved)] });
            await queue.drain();
          }
          expect((await ds.query(`SELECT count(*)::int AS n FROM workload_queue`))[0].n).toBe(0);
          const incremental = await digest();
          await rebuild.rebuildAll();
          expect(incremental).toBe(await digest());
        },
      ),
      {
        numRuns: 150,
        examples: [
          // Found by this property: an event moved to another responder left its old bridge behind.
          [
            [
              { responder: 'r-ny', incident: 'i-3', minute: 10, callMinutes: null },
              { responder: 'r-ny', incident: 'i-3', minute: 0, callMinutes: null },
              { responder: 'r-berlin', incident: 'i-1', minute: 0, callMinutes: null },
            ],
            [1],
            [[0, { responder: 'r-berlin', incident: 'i-1', minute: 0, callMinutes: null }]],
            0,
          ],
        ],
      },
    );
  }, 240_000);

  it('work queued before a crash is recomputed after it (the queue is durable)', async () => {
    await ds.query(`DELETE FROM activity; DELETE FROM work_segments; DELETE FROM workload_queue;`);
    await ingest.ingest({ activity: [item(1, { responder: 'r-berlin', incident: 'i-1', minute: 60, callMinutes: null })] });
    // No worker ran: the ingest transaction committed the window with the activity.
    expect(await ds.query(`SELECT count(*)::int AS n FROM workload_queue`)).toEqual([{ n: 1 }]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM work_segments`)).toEqual([{ n: 0 }]);
    // A new process's worker drains it.
    const restarted = new WorkloadQueueService(new WorkloadRepository(ds), logger);
    expect(await restarted.drain()).toBe(1);
    const [row] = await ds.query(`SELECT sum(extract(epoch FROM end_at - start_at) / 60 * share)::float8 AS minutes FROM work_segments`);
    expect(row.minutes).toBe(10); // one message: [21:00, 21:10)
  });

  it('an incident turned into a test drops its workload; a responder moving zones is reclassified', async () => {
    await ds.query(`DELETE FROM activity; DELETE FROM work_segments; DELETE FROM workload_queue;`);
    // Monday 30 March 2026, 06:55Z: 08:55 in Berlin (working), 02:55 in New York (sleeping).
    await ingest.ingest({ activity: [{ externalId: 'z-1', responder: 'r-berlin', incident: 'i-2', at: '2026-03-30T06:55:00Z', kind: 'message' }] });
    await queue.drain();
    const buckets = async () => ds.query(`SELECT bucket, round(sum(extract(epoch FROM end_at - start_at) / 60 * share))::int AS minutes FROM work_segments GROUP BY 1 ORDER BY 1`);
    expect(await buckets()).toEqual([{ bucket: 'working', minutes: 10 }]);
    await ingest.ingest({ responders: [{ externalId: 'r-berlin', name: 'Berlin', timezone: 'America/New_York' }] });
    await queue.drain();
    expect(await buckets()).toEqual([{ bucket: 'sleeping', minutes: 10 }]);
    await ingest.ingest({ incidents: [{ externalId: 'i-2', title: 'Incident 2', kind: 'test', severity: 2, declaredAt: '2026-03-27T00:00:00Z' }] });
    await queue.drain();
    expect(await buckets()).toEqual([]);
  });

  it('an organisation calendar change asks for one full rebuild, swapped in whole: the previous workload answers until then', async () => {
    await ds.query(`DELETE FROM activity; DELETE FROM work_segments; DELETE FROM workload_queue;`);
    // Monday 30 March 2026: 17:30Z is 13:30 in New York (working); 23:30Z is 19:30 there (late: work ends at 19:00).
    await ingest.ingest({
      activity: [
        { externalId: 'o-1', responder: 'r-ny', incident: 'i-1', at: '2026-03-30T17:30:00Z', kind: 'message' },
        { externalId: 'o-2', responder: 'r-ny', incident: 'i-1', at: '2026-03-30T23:30:00Z', kind: 'message' },
      ],
    });
    await queue.drain();
    const buckets = async () => ds.query(`SELECT bucket, round(sum(extract(epoch FROM end_at - start_at) / 60 * share))::int AS minutes FROM work_segments GROUP BY 1 ORDER BY 1`);
    expect(await buckets()).toEqual([
      { bucket: 'late', minutes: 10 },
      { bucket: 'working', minutes: 10 },
    ]);
    const tableBefore = (await ds.query(`SELECT 'work_segments'::regclass::oid::int AS oid`))[0].oid;
    const settings = new SettingsRepository(ds);
    const original = await settings.read();
    // Working hours until 20:00 for everyone without their own: 19:30 becomes working.
    await settings.update((s) => ({ ...s, workingHours: { ...s.workingHours, end: '20:00' } }));
    try {
      // One request for everyone, not a window per responder; the workload is untouched until it runs.
      expect(await ds.query(`SELECT responder_id, from_at::text AS "from", to_at::text AS "to" FROM workload_queue`)).toEqual([{ responder_id: null, from: '-infinity', to: 'infinity' }]);
      expect(await buckets()).toEqual([
        { bucket: 'late', minutes: 10 },
        { bucket: 'working', minutes: 10 },
      ]);
      await queue.drain();
      expect(await ds.query(`SELECT count(*)::int AS n FROM workload_queue`)).toEqual([{ n: 0 }]);
      expect(await buckets()).toEqual([{ bucket: 'working', minutes: 20 }]);
      // Rebuilt into a fresh table that took the old one's place.
      expect((await ds.query(`SELECT 'work_segments'::regclass::oid::int AS oid`))[0].oid).not.toBe(tableBefore);
      const incremental = await digest();
      await rebuild.rebuildAll();
      expect(await digest()).toBe(incremental);
    } finally {
      await settings.update(() => original);
      await queue.drain();
    }
  });
});
