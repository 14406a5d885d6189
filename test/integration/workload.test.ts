import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options.js';
import { generateDemo } from '../../apps/api/src/demo/generate-demo.js';
import { loadDemo } from '../../apps/api/src/demo/load-demo.js';
import type { DemoManifest } from '../../apps/api/src/demo/demo-manifest.js';
import { WorkloadRebuildService, type RebuildResult } from '../../apps/api/src/analytics/workload/workload-rebuild.service.js';
import { WorkloadRepository } from '../../apps/api/src/analytics/workload/workload.repository.js';
import { computeResponderWorkload } from '../../apps/api/src/analytics/workload/compute-workload.js';
import { responderCalendar } from '../../apps/api/src/analytics/workload/workload-calendar.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** The stored workload (SPEC §2.1) rebuilt from the demo organisation's activity. */

const OPTIONS = { seed: 1, scale: 1, end: '2026-11-01' };

let db: TestDatabase;
let ds: DataSource;
let manifest: DemoManifest;
let rebuild: WorkloadRebuildService;
let first: RebuildResult;

beforeAll(async () => {
  db = await createTestDatabase(inject('pgAdminUrl'));
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const dataset = generateDemo(OPTIONS);
  manifest = dataset.manifest;
  await loadDemo(client, dataset);
  await client.end();
  ds = await new DataSource(dataSourceOptions(db.url, { poolSize: 2 })).initialize();
  rebuild = new WorkloadRebuildService(new WorkloadRepository(ds));
  first = await rebuild.rebuildAll();
}, 120_000);
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

const minutesSql = `extract(epoch FROM (least(s.end_at, $3::timestamptz) - greatest(s.start_at, $2::timestamptz))) / 60 * s.share`;

describe('workload rebuilt from the demo activity', () => {
  it('covers every responder with activity, and excludes test incidents', async () => {
    const [{ responders, events }] = await ds.query(
      `SELECT count(DISTINCT a.responder_id)::int AS responders, count(*)::int AS events
         FROM activity a JOIN incidents i ON i.id = a.incident_id WHERE i.kind <> 'test'`,
    );
    expect(first.responders).toBe(responders);
    expect(first.events).toBe(events);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM work_segments s JOIN incidents i ON i.id = s.incident_id WHERE i.kind = 'test'`);
    expect(n).toBe(0);
  });

  it('never books a responder for more than the wall clock of a local day', async () => {
    // Rule 3: on any local date a responder has at most 24 h (25 h on the autumn DST day) of work.
    const [{ worst }] = await ds.query(
      `SELECT max(minutes)::float8 AS worst FROM (
         SELECT responder_id, local_date, sum(extract(epoch FROM end_at - start_at) / 60 * share) AS minutes
           FROM work_segments GROUP BY 1, 2) d`,
    );
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(25 * 60);
  });

  it('splits the planted concurrent episodes 1/k: the responder’s minutes in the window stay within it', async () => {
    const episodes = (manifest.patterns.find((p) => p.id === 'concurrent-incidents')!.entities as {
      episodes: Array<{ responder: string; incidents: string[]; window: { from: string; to: string } }>;
    }).episodes;
    expect(episodes.length).toBeGreaterThanOrEqual(2);
    for (const e of episodes) {
      const windowMinutes = (Date.parse(e.window.to) - Date.parse(e.window.from)) / 60_000;
      const [{ minutes, incidents }] = await ds.query(
        `SELECT coalesce(sum(${minutesSql}), 0)::float8 AS minutes, count(DISTINCT s.incident_id)::int AS incidents
           FROM work_segments s JOIN responders r ON r.id = s.responder_id
          WHERE r.external_id = $1 AND s.start_at < $3 AND s.end_at > $2`,
        [e.responder, e.window.from, e.window.to],
      );
      expect(incidents).toBeGreaterThanOrEqual(e.incidents.length);
      expect(minutes).toBeLessThanOrEqual(windowMinutes + 1e-6); // 1/k: never more than the window
      expect(minutes).toBeGreaterThan(windowMinutes * 0.5); // and they did work through it
    }
  });

  it('puts the nightly batch-job service’s work mostly in sleeping hours', async () => {
    const [row] = await ds.query(
      `SELECT sum(extract(epoch FROM s.end_at - s.start_at) / 60 * s.share) FILTER (WHERE s.bucket = 'sleeping')::float8 AS sleeping,
              sum(extract(epoch FROM s.end_at - s.start_at) / 60 * s.share)::float8 AS total
         FROM work_segments s
        WHERE EXISTS (SELECT 1 FROM incident_services x JOIN services v ON v.id = x.service_id
                       WHERE x.incident_id = s.incident_id AND v.external_id = 'svc-invoicing')`,
    );
    expect(row.total).toBeGreaterThan(0);
    expect(row.sleeping / row.total).toBeGreaterThan(0.5);
  });

  const TRIGGERS_SQL = `SELECT tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = 'work_segments'::regclass AND NOT tgisinternal ORDER BY 1`;

  it('leaves work_segments with the indexes, constraints and triggers the migrations made', async () => {
    const schema = async () => ({
      triggers: (await ds.query(TRIGGERS_SQL)) as unknown[],
      indexes: (await ds.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'work_segments' ORDER BY 1`)) as unknown[],
      constraints: (await ds.query(
        `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'work_segments'::regclass ORDER BY 1`,
      )) as unknown[],
    });
    // A fresh copy of the migrated schema, never rebuilt, is the reference.
    const fresh = await createTestDatabase(inject('pgAdminUrl'));
    const freshDs = await new DataSource(dataSourceOptions(fresh.url, { poolSize: 1 })).initialize();
    try {
      const reference = {
        triggers: await freshDs.query(TRIGGERS_SQL),
        indexes: await freshDs.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'work_segments' ORDER BY 1`),
        constraints: await freshDs.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'work_segments'::regclass ORDER BY 1`),
      };
      expect(reference.indexes.length).toBe(4); // primary key, start, incident, (responder, start)
      expect(reference.triggers.length).toBe(3); // insert, update, delete: they keep work_days current
      expect(await schema()).toEqual(reference);
      const [{ leftover }] = await ds.query(`SELECT to_regclass('work_segments_next') IS NOT NULL AS leftover`);
      expect(leftover).toBe(false);
    } finally {
      await freshDs.destroy();
      await fresh.drop();
    }
  });

  it('a second rebuild gives the same segments', async () => {
    const digest = async () =>
      (await ds.query(`SELECT md5(string_agg(concat_ws('|', responder_id, incident_id, start_at, end_at, share, bucket, local_date), ',' ORDER BY responder_id, incident_id, start_at)) AS d FROM work_segments`))[0].d;
    const before = await digest();
    const again = await rebuild.rebuildAll();
    expect(again.segments).toBe(first.segments);
    expect(await digest()).toBe(before);
  });

  it('stores exactly what sweeping each responder’s activity on its own gives', async () => {
    // The rebuild reads one ordered stream of all activity; this reads each responder's separately.
    const repository = new WorkloadRepository(ds);
    const settings = await repository.settings();
    const stored = await ds.query(
      `SELECT responder_id AS "responderId", incident_id AS "incidentId", (extract(epoch FROM start_at) * 1000)::float8 AS "startMs",
              (extract(epoch FROM end_at) * 1000)::float8 AS "endMs", share, bucket, to_char(local_date, 'YYYY-MM-DD') AS "localDate"
         FROM work_segments ORDER BY 1, 2, 3`,
    );
    const expected = [];
    for (const r of await repository.responderCalendars()) {
      const segments = computeResponderWorkload(await repository.activityOf(r.id), responderCalendar(r, settings));
      expected.push(...segments.map((s) => ({ responderId: r.id, ...s })));
    }
    expected.sort((a, b) => a.responderId - b.responderId || a.incidentId - b.incidentId || a.startMs - b.startMs);
    expect(stored.length).toBe(first.segments);
    expect(stored).toEqual(expected);
  });
});
