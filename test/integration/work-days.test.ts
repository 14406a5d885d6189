import fc from 'fast-check';
import pg from 'pg';
import pino from 'pino';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addCalendarDays, resolveDateRange } from '@firewatch/shared';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options.js';
import { generateDemo } from '../../apps/api/src/demo/generate-demo.js';
import { loadDemo } from '../../apps/api/src/demo/load-demo.js';
import { querySeasonality, type AnalyticsCriteria } from '../../apps/api/src/analytics/seasonality/seasonality.query.js';
import { queryBreakdown, SERVICE_SET_WORKLOAD_DAILY_SQL } from '../../apps/api/src/analytics/services/services.query.js';
import { WorkloadQueueService } from '../../apps/api/src/analytics/workload/workload-queue.service.js';
import { WorkloadRebuildService } from '../../apps/api/src/analytics/workload/workload-rebuild.service.js';
import { WorkloadRepository } from '../../apps/api/src/analytics/workload/workload.repository.js';
import { criteriaParams, queryWorkloadReport } from '../../apps/api/src/analytics/workload/workload.query.js';
import { SettingsRepository } from '../../apps/api/src/settings/settings.repository.js';
import { referenceWorkloadRows } from '../reference/workload/segment-workload.query.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * Every report's workload figures read the `work_days` rollup (minutes by responder, incident and org
 * day), kept current by a trigger on `work_segments`. Differentially: whatever was recomputed, the
 * rows the reports read equal the reference (the same figures straight from the segments,
 * test/reference/workload) to a millionth of a minute, and the rollup equals a full refill of it.
 */

const logger: PinoLogger = new PinoLogger({ pinoHttp: { logger: pino({ level: 'silent' }) } }) as PinoLogger;
/** Minutes agree to this (sums of the same pieces in another order differ in the last bits only). */
const EPSILON = 1e-6;

let db: TestDatabase;
let ds: DataSource;
let queue: WorkloadQueueService;

/** A fresh database holding a generated organisation with its workload rebuilt, for the describe block that calls it. */
function useDemo(seed: number, scale: number): void {
  beforeAll(async () => {
    db = await createTestDatabase(inject('pgAdminUrl'));
    ds = await new DataSource(dataSourceOptions(db.url, { poolSize: 3 })).initialize();
    const repository = new WorkloadRepository(ds);
    queue = new WorkloadQueueService(repository, logger);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await loadDemo(client, generateDemo({ seed, scale, end: '2026-11-01' }));
    await client.end();
    await new WorkloadRebuildService(repository).rebuildAll();
  }, 240_000);
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });
}

type Keyed = Record<string, Record<string, number>>;

/** Every key of both sides with every figure within EPSILON; the differences listed when not. */
function differences(app: Keyed, reference: Keyed): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(app), ...Object.keys(reference)])) {
    const a = app[key];
    const r = reference[key];
    if (!a || !r) {
      out.push(`${key}: only in the ${a ? 'rollup' : 'reference'} ${JSON.stringify(a ?? r)}`);
      continue;
    }
    for (const figure of Object.keys(r)) {
      if (Math.abs(a[figure]! - r[figure]!) > EPSILON) out.push(`${key}.${figure}: rollup ${a[figure]} reference ${r[figure]}`);
    }
  }
  return out.slice(0, 10);
}

const keyed = <T extends object>(rows: readonly T[], key: (row: T) => string, figures: (row: T) => Record<string, number>): Keyed =>
  Object.fromEntries(rows.map((row) => [key(row), figures(row)]));

const buckets = (r: { minutes: number; working: number; late: number; sleeping: number }) => ({ minutes: r.minutes, working: r.working, late: r.late, sleeping: r.sleeping });

/** The rollup's rows against the reference for one range and filters, under the stored time zone. */
async function compare(from: string, to: string, filters: Partial<AnalyticsCriteria>): Promise<{ checked: number; differences: string[] }> {
  const { timezone } = await new SettingsRepository(ds).read();
  const range = resolveDateRange({ from, to }, timezone, '2026-11-21', 90);
  const criteria: AnalyticsCriteria = { from: range.from, to: range.to, services: [], ...filters };
  return ds.transaction('REPEATABLE READ', async (m) => {
    const reference = await referenceWorkloadRows(m, criteria, timezone);
    const report = await queryWorkloadReport(m, criteria, 1_000_000);
    const days = (await querySeasonality(m, criteria, timezone)).workload;
    const breakdown = await queryBreakdown(m, 'cause', criteria, 2);
    const refWeeks: Keyed = {};
    for (const w of reference.weeks) {
      const week = (refWeeks[`week ${w.key}`] ??= { minutes: 0, working: 0, late: 0, sleeping: 0 });
      week.minutes! += w.minutes;
      week[w.bucket]! += w.minutes;
    }
    const refTotal = reference.incidents.reduce((sum, i) => sum + i.minutes, 0);
    const refOutOfHours = reference.incidents.reduce((sum, i) => sum + i.late + i.sleeping, 0);
    const all = [
      ...differences(keyed(report.weeks, (w) => `week ${w.week}`, buckets), refWeeks),
      ...differences(keyed(days, (d) => `day ${d.day}`, (d) => ({ minutes: d.minutes })), keyed(reference.days, (d) => `day ${d.key}`, (d) => ({ minutes: d.minutes }))),
      ...differences(
        keyed(report.responders, (r) => `responder ${r.externalId}`, (r) => ({ ...buckets(r), incidents: r.incidents })),
        keyed(reference.responders, (r) => `responder ${r.externalId}`, (r) => ({ ...buckets(r), incidents: r.incidents })),
      ),
      ...differences(
        keyed(report.incidents, (i) => `incident ${i.externalId}`, (i) => ({ ...buckets(i), responders: i.responders })),
        keyed(reference.incidents, (i) => `incident ${i.externalId}`, (i) => ({ ...buckets(i), responders: i.responders })),
      ),
      ...differences(
        { causes: { minutes: breakdown.totals.minutes, outOfHours: breakdown.totals.outOfHoursMinutes } },
        { causes: { minutes: refTotal, outOfHours: refOutOfHours } },
      ),
    ];
    if (criteria.services.length > 0) {
      const serviceSet: Array<{ day: string; minutes: number }> = await m.query(SERVICE_SET_WORKLOAD_DAILY_SQL, criteriaParams({ ...criteria, kind: 'incident' }));
      all.push(...differences(keyed(serviceSet, (d) => `service-set day ${d.day}`, (d) => ({ minutes: d.minutes })), keyed(reference.serviceSetDays, (d) => `service-set day ${d.key}`, (d) => ({ minutes: d.minutes }))));
    }
    return { checked: report.incidents.length, differences: all };
  });
}

/** The rollup as maintained against a full refill from the segments (rows rounded to 1e-9 minute), as differing rows. */
async function differencesFromRefill(): Promise<string[]> {
  const rows = (table: string) => `SELECT responder_id, day, incident_id, round(working::numeric, 9) AS w, round(late::numeric, 9) AS l, round(sleeping::numeric, 9) AS s FROM ${table}`;
  await ds.query(`DROP TABLE IF EXISTS kept_work_days`);
  await ds.query(`CREATE TABLE kept_work_days AS SELECT * FROM work_days`);
  await ds.query(`SELECT firewatch_work_days_rebuild()`);
  const diff: Array<{ side: string; row: string }> = await ds.query(
    `(SELECT 'incremental' AS side, x::text AS row FROM (${rows('kept_work_days')} EXCEPT ALL ${rows('work_days')}) x LIMIT 10)
     UNION ALL (SELECT 'refill', x::text FROM (${rows('work_days')} EXCEPT ALL ${rows('kept_work_days')}) x LIMIT 10)`,
  );
  await ds.query(`DROP TABLE kept_work_days`);
  return diff.map((d) => `${d.side}: ${d.row}`);
}

async function setZone(timezone: string): Promise<void> {
  // A new org zone reclassifies everyone's history: the settings trigger queues it, the worker recomputes it.
  await new SettingsRepository(ds).update((s) => ({ ...s, timezone }));
  await queue.drain();
}

describe('work_days on the demo organisation equal the workload straight from the segments', () => {
  useDemo(1, 1);
  type Case = [name: string, from: string, to: string, timeZone: string, filters: Partial<AnalyticsCriteria>];
  const cases: Case[] = [
    ['the whole demo range, UTC', '2025-05-01', '2026-11-01', 'UTC', {}],
    ['one month in Berlin (across the spring-forward)', '2026-03-01', '2026-04-01', 'Europe/Berlin', {}],
    ['a team, New York', '2025-05-01', '2026-11-01', 'America/New_York', { team: 'payments' }],
    ['two services, Kolkata (half-hour offset)', '2025-11-01', '2026-11-01', 'Asia/Kolkata', { services: ['svc-kafka', 'svc-cdn'] }],
    ['severity ≤ 2, Auckland', '2026-06-01', '2026-11-01', 'Pacific/Auckland', { maxSeverity: 2 }],
  ];

  it.each(cases)('%s', async (_name, from, to, timeZone, filters) => {
    await setZone(timeZone);
    const { checked, differences: found } = await compare(from, to, filters);
    expect(checked).toBeGreaterThan(5); // a case that selects nothing would prove nothing
    expect(found).toEqual([]);
    expect(await differencesFromRefill()).toEqual([]);
  }, 120_000);

  it('random ranges and filters under a zone with holidays (São Paulo, BR) equal the reference', async () => {
    await new SettingsRepository(ds).update((s) => ({ ...s, timezone: 'America/Sao_Paulo', holidayCountry: 'BR' }));
    await queue.drain();
    const teams: string[] = (await ds.query(`SELECT external_id FROM teams ORDER BY id`)).map((r: { external_id: string }) => r.external_id);
    const services: string[] = (await ds.query(`SELECT external_id FROM services ORDER BY id`)).map((r: { external_id: string }) => r.external_id);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 540 }),
        fc.integer({ min: 1, max: 120 }),
        fc.option(fc.constantFrom(...teams), { nil: undefined }),
        fc.subarray(services, { maxLength: 3 }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        async (offset, days, team, chosen, maxSeverity) => {
          const from = addCalendarDays('2025-05-01', offset);
          const to = addCalendarDays(from, days);
          const { differences: found } = await compare(from, to, { team, services: chosen, maxSeverity });
          expect(found).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  }, 180_000);

  it('after late, moved, updated and deleted activity, an incident turned test and a responder moved zones: still equal, and equal to a refill', async () => {
    await setZone('Europe/Berlin');
    await ds.query(`UPDATE activity SET at = at + interval '7 hours', end_at = end_at + interval '7 hours' WHERE id % 97 = 0`);
    await ds.query(`UPDATE activity SET at = at - interval '20 minutes' WHERE id % 89 = 0 AND end_at IS NULL`);
    await ds.query(`DELETE FROM activity WHERE id % 101 = 0`);
    await ds.query(
      `INSERT INTO activity (external_id, source, responder_id, incident_id, kind, at)
       SELECT 'late-' || id, source, responder_id, incident_id, kind, at + interval '23 hours' FROM activity WHERE id % 211 = 0 AND end_at IS NULL`,
    );
    await ds.query(`UPDATE incidents SET kind = 'test' WHERE id IN (SELECT incident_id FROM activity GROUP BY 1 ORDER BY count(*) DESC LIMIT 2)`);
    await ds.query(`UPDATE responders SET timezone = 'Pacific/Auckland' WHERE id IN (SELECT responder_id FROM activity GROUP BY 1 ORDER BY count(*) DESC LIMIT 2)`);
    await queue.drain();
    for (const [from, to, filters] of [
      ['2025-05-01', '2026-11-01', {}],
      ['2026-01-01', '2026-02-01', { team: 'payments' }],
    ] as const) {
      expect((await compare(from, to, filters)).differences).toEqual([]);
    }
    expect(await differencesFromRefill()).toEqual([]);
  }, 120_000);
});

describe('work_days of another organisation (seed 7, twice the size) equal the reference after random batches of changes', () => {
  useDemo(7, 2);

  it('random ranges and filters in Berlin, then again after moved, deleted and late activity, and the rollup equals a refill', async () => {
    await setZone('Europe/Berlin');
    const teams: string[] = (await ds.query(`SELECT external_id FROM teams ORDER BY id`)).map((r: { external_id: string }) => r.external_id);
    const ranges = fc.tuple(fc.integer({ min: 0, max: 540 }), fc.integer({ min: 1, max: 200 }), fc.option(fc.constantFrom(...teams), { nil: undefined }));
    const check = (label: string) =>
      fc.assert(
        fc.asyncProperty(ranges, async ([offset, days, team]) => {
          const from = addCalendarDays('2025-05-01', offset);
          expect((await compare(from, addCalendarDays(from, days), { team })).differences, label).toEqual([]);
        }),
        { numRuns: 15 },
      );
    await check('as loaded');
    // Random batches: each moves, deletes or re-sends a random slice of activity, then the worker drains.
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('move', 'delete', 'late'), fc.integer({ min: 50, max: 400 }), fc.nat(1000)), { minLength: 1, maxLength: 4 }), async (batches) => {
        for (const [op, modulo, seed] of batches) {
          const pick = `id % ${modulo} = ${seed % modulo}`;
          if (op === 'move') await ds.query(`UPDATE activity SET at = at + interval '97 minutes', end_at = end_at + interval '97 minutes' WHERE ${pick}`);
          if (op === 'delete') await ds.query(`DELETE FROM activity WHERE ${pick}`);
          if (op === 'late') {
            await ds.query(
              `INSERT INTO activity (external_id, source, responder_id, incident_id, kind, at)
               SELECT 'late-' || id || '-' || ${seed}, source, responder_id, incident_id, kind, at - interval '5 hours' FROM activity WHERE ${pick} AND end_at IS NULL
               ON CONFLICT DO NOTHING`,
            );
          }
          await queue.drain();
        }
      }),
      { numRuns: 3 },
    );
    await check('after the batches');
    expect(await differencesFromRefill()).toEqual([]);
  }, 240_000);
});
