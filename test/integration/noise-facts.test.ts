import fc from 'fast-check';
import pg from 'pg';
import pino from 'pino';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolveDateRange } from '@firewatch/shared';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options.js';
import { generateDemo } from '../../apps/api/src/demo/generate-demo.js';
import { loadDemo } from '../../apps/api/src/demo/load-demo.js';
import { IngestService } from '../../apps/api/src/ingest/ingest.service.js';
import { computeNoiseReport, computeNoiseTotals } from '../../apps/api/src/analytics/noise/compute-noise.js';
import { NoiseFactsRepository } from '../../apps/api/src/analytics/noise/facts/noise-facts.repository.js';
import { NoiseFactsService } from '../../apps/api/src/analytics/noise/facts/noise-facts.service.js';
import { queryNoiseAggregates, queryNoiseTotals, type NoiseCriteria } from '../../apps/api/src/analytics/noise/noise.query.js';
import { WorkloadRepository } from '../../apps/api/src/analytics/workload/workload.repository.js';
import { SettingsRepository } from '../../apps/api/src/settings/settings.repository.js';
import { aggregateNoiseRows } from '../reference/noise/aggregate-noise-rows.js';
import { queryNoiseRows } from '../reference/noise/noise-rows.query.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The noise report reads facts kept current at ingest (`alert_facts`, `page_facts`). Differentially:
 * after any changes the facts worker drained, the report must equal the reference (SPEC §2.5 applied
 * row by row to the raw alerts and pages, test/reference/noise), and the facts must equal a full
 * rebuild of them.
 */

const logger: PinoLogger = new PinoLogger({ pinoHttp: { logger: pino({ level: 'silent' }) } }) as PinoLogger;

async function openDatabase(): Promise<{ db: TestDatabase; ds: DataSource; facts: NoiseFactsService; repository: NoiseFactsRepository }> {
  const db = await createTestDatabase(inject('pgAdminUrl'));
  const ds = await new DataSource(dataSourceOptions(db.url, { poolSize: 3 })).initialize();
  const repository = new NoiseFactsRepository(ds);
  return { db, ds, repository, facts: NoiseFactsService.standalone(repository, new WorkloadRepository(ds), logger) };
}

/**
 * Rebuilds every fact from the raw rows and returns the rows that differ from what was maintained
 * incrementally (side `incremental`: only there; `rebuild`: only in the rebuild); none when equal.
 */
async function differencesFromRebuild(ds: DataSource, facts: NoiseFactsService): Promise<Array<{ side: string; row: string }>> {
  await ds.query(`DROP TABLE IF EXISTS kept_alert_facts, kept_page_facts`);
  await ds.query(`CREATE TABLE kept_alert_facts AS SELECT * FROM alert_facts`);
  await ds.query(`CREATE TABLE kept_page_facts AS SELECT * FROM page_facts`);
  await facts.rebuildAll();
  const diff = (kept: string, now: string) => `
    (SELECT 'incremental' AS side, x::text AS row FROM (SELECT * FROM ${kept} EXCEPT ALL SELECT * FROM ${now}) x)
    UNION ALL (SELECT 'rebuild', x::text FROM (SELECT * FROM ${now} EXCEPT ALL SELECT * FROM ${kept}) x)`;
  const rows: Array<{ side: string; row: string }> = await ds.query(
    `SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY side ORDER BY row) AS n FROM (${diff('kept_alert_facts', 'alert_facts')} UNION ALL ${diff('kept_page_facts', 'page_facts')}) d) e
      WHERE n <= 10 ORDER BY side, row`,
  );
  await ds.query(`DROP TABLE kept_alert_facts, kept_page_facts`);
  return rows;
}

/** The report from the facts and from the reference, for one range and filters, under the stored settings. */
async function bothReports(ds: DataSource, from: string, to: string, filters: Partial<NoiseCriteria>) {
  const settings = await new SettingsRepository(ds).read();
  const range = resolveDateRange({ from, to }, settings.timezone, '2026-11-21', 90);
  const criteria: NoiseCriteria = { from: range.from, to: range.to, services: [], ...filters };
  const [aggregates, totals, rows] = await ds.transaction(
    'REPEATABLE READ',
    async (m) => [await queryNoiseAggregates(m, criteria, settings), await queryNoiseTotals(m, criteria, settings), await queryNoiseRows(m, criteria)] as const,
  );
  const facts = computeNoiseReport({ ...aggregates, range, settings });
  const reference = computeNoiseReport({ ...aggregateNoiseRows(rows, settings), range, settings });
  return { facts, reference, totals: computeNoiseTotals(totals) };
}

describe('noise facts on the demo organisation equal the row-by-row reference', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let facts: NoiseFactsService;
  let repository: NoiseFactsRepository;

  beforeAll(async () => {
    ({ db, ds, facts, repository } = await openDatabase());
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await loadDemo(client, generateDemo({ seed: 1, scale: 1, end: '2026-11-01' }));
    await client.end();
    // Feedback on alerts of a rule that also has unflagged ones, so `flagged` and `actionable` by feedback both occur.
    await ds.query(`UPDATE alerts SET feedback = CASE WHEN id % 2 = 0 THEN 'actionable' ELSE 'false_positive' END WHERE rule = 'KafkaConsumerLag' AND id % 7 = 0`);
    await facts.drain();
  }, 180_000);
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  type Case = [name: string, from: string, to: string, timeZone: string, filters: Partial<NoiseCriteria>, transientMinutes: number];
  const cases: Case[] = [
    ['the whole demo range, UTC', '2025-05-01', '2026-11-01', 'UTC', {}, 10],
    ['one month in Berlin (flap predecessors before `from`)', '2026-03-01', '2026-04-01', 'Europe/Berlin', {}, 10],
    ['a team', '2025-05-01', '2026-11-01', 'UTC', { team: 'payments' }, 10],
    ['two services', '2025-05-01', '2026-11-01', 'America/New_York', { services: ['svc-kafka', 'svc-cdn'] }, 3],
    ['severity ≤ 2', '2025-11-01', '2026-11-01', 'Asia/Kolkata', { maxSeverity: 2 }, 10],
  ];

  it.each(cases)('%s', async (_name, from, to, timeZone, filters, transientMinutes) => {
    // A new org time zone re-places every interruption (queued by the settings trigger); the threshold applies at query time.
    await new SettingsRepository(ds).update((s) => ({ ...s, timezone: timeZone, transientMinutes }));
    await facts.drain();
    const { facts: fromFacts, reference, totals } = await bothReports(ds, from, to, filters);
    expect(fromFacts.totals.escalated).toBeGreaterThan(0); // a case that selects nothing would prove nothing
    expect(fromFacts.totals.interruptions).toBeGreaterThan(0);
    expect(fromFacts).toEqual(reference);
    expect(totals).toEqual(reference.totals);
  });

  it('after late, updated, moved and deleted records, and kinds and calendars changed, the report still equals the reference and the facts a rebuild', async () => {
    // An incident becomes a test: its alerts and their pages leave every report.
    await ds.query(`UPDATE incidents SET kind = 'test' WHERE id IN (SELECT incident_id FROM alerts WHERE incident_id IS NOT NULL ORDER BY id LIMIT 3)`);
    // Resolutions moved (flaps of the next alerts change), acknowledgements added, pages moved in time and to another alert, deleted.
    await ds.query(`UPDATE alerts SET resolved_at = fired_at + interval '3 minutes', resolved_by = 'auto' WHERE id % 97 = 0`);
    await ds.query(`UPDATE alerts SET acknowledged_at = fired_at + interval '4 minutes' WHERE id % 89 = 0 AND acknowledged_at IS NULL`);
    await ds.query(`UPDATE pages SET at = at + interval '50 seconds' WHERE id % 13 = 0`);
    await ds.query(`UPDATE pages SET alert_id = alert_id + 1 WHERE id % 211 = 0 AND EXISTS (SELECT 1 FROM alerts a WHERE a.id = pages.alert_id + 1)`);
    await ds.query(`DELETE FROM pages WHERE id % 101 = 0`);
    await ds.query(`DELETE FROM alerts WHERE id % 173 = 0`);
    // A responder's zone changes; a service moves to another team.
    await ds.query(`UPDATE responders SET timezone = 'Pacific/Auckland' WHERE id IN (SELECT responder_id FROM pages GROUP BY 1 ORDER BY count(*) DESC LIMIT 2)`);
    await ds.query(`UPDATE services SET team_id = (SELECT max(id) FROM teams) WHERE id = (SELECT service_id FROM alerts WHERE service_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)`);
    await facts.drain();
    expect(await repository.queueLength()).toBe(0);

    for (const [from, to, filters] of [
      ['2025-05-01', '2026-11-01', {}],
      ['2026-01-01', '2026-02-01', { team: 'payments' }],
    ] as const) {
      const { facts: fromFacts, reference, totals } = await bothReports(ds, from, to, filters);
      expect(fromFacts).toEqual(reference);
      expect(totals).toEqual(reference.totals);
    }
    expect(await differencesFromRebuild(ds, facts)).toEqual([]);
  });
});

describe('noise facts after random batches', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let facts: NoiseFactsService;
  let repository: NoiseFactsRepository;
  let ingest: IngestService;

  beforeAll(async () => {
    ({ db, ds, facts, repository } = await openDatabase());
    ingest = IngestService.standalone(ds, logger);
    await ingest.ingest({
      teams: [{ externalId: 't-1', name: 'One' }],
      services: [
        { externalId: 's-1', name: 'S1', team: 't-1' },
        { externalId: 's-2', name: 'S2' },
      ],
      responders: [
        { externalId: 'r-1', name: 'Berlin', timezone: 'Europe/Berlin' },
        { externalId: 'r-2', name: 'Kolkata', timezone: 'Asia/Kolkata' },
      ],
      incidents: [
        { externalId: 'i-1', title: 'Real', severity: 1, declaredAt: '2026-03-02T00:00:00Z' },
        { externalId: 'i-2', title: 'Drill', severity: 2, declaredAt: '2026-03-02T00:00:00Z', kind: 'test' },
      ],
    });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const BASE = Date.UTC(2026, 2, 2, 20, 0);
  const SECOND = 1000;
  const iso = (s: number) => new Date(BASE + s * SECOND).toISOString();
  const alertArb = fc.record({
    id: fc.integer({ min: 1, max: 12 }),
    rule: fc.constantFrom('A', 'B'),
    service: fc.constantFrom('s-1', 's-2', undefined),
    fired: fc.integer({ min: 0, max: 6 * 3600 }),
    openFor: fc.option(fc.integer({ min: 0, max: 3 * 3600 })),
    auto: fc.boolean(),
    acked: fc.boolean(),
    incident: fc.constantFrom(undefined, undefined, 'i-1', 'i-2'),
  });
  const pageArb = fc.record({
    id: fc.integer({ min: 1, max: 30 }),
    alert: fc.integer({ min: 1, max: 12 }),
    responder: fc.constantFrom('r-1', 'r-2'),
    at: fc.integer({ min: 0, max: 7 * 3600 }),
    channel: fc.constantFrom('phone', 'sms', 'push', 'email'),
    level: fc.integer({ min: 1, max: 3 }),
  });
  type AlertGen = typeof alertArb extends fc.Arbitrary<infer T> ? T : never;
  type PageGen = typeof pageArb extends fc.Arbitrary<infer T> ? T : never;
  const alertItem = (a: AlertGen) => ({
    externalId: `a-${a.id}`,
    rule: a.rule,
    ...(a.service ? { service: a.service } : {}),
    severity: 'critical',
    firedAt: iso(a.fired),
    ...(a.openFor === null ? {} : { resolvedAt: iso(a.fired + a.openFor), resolvedBy: a.auto ? ('auto' as const) : ('human' as const) }),
    ...(a.acked ? { acknowledgedAt: iso(a.fired + 60) } : {}),
    ...(a.incident ? { incident: a.incident } : {}),
  });
  const pageItem = (p: PageGen) => ({
    externalId: `p-${p.id}`,
    alert: `a-${p.alert}`,
    responder: p.responder,
    at: iso(p.at),
    channel: p.channel,
    level: p.level,
    reason: p.level > 1 ? ('timeout' as const) : ('initial' as const),
  });

  it('any sequence of batches (late, re-sent, updated, deleted) leaves the facts of a full rebuild and the reference report', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.array(alertArb, { maxLength: 6 }), fc.array(pageArb, { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 2 })), {
          minLength: 1,
          maxLength: 5,
        }),
        async (batches) => {
          await ds.query(`DELETE FROM pages; DELETE FROM alerts; TRUNCATE alert_facts, page_facts, noise_queue`);
          const known = new Set<number>();
          for (const [alerts, pages, deletes] of batches) {
            for (const a of alerts) known.add(a.id);
            // One item per external id in a batch (the batch API refuses repeats); the last one wins.
            const lastById = <T extends { id: number }>(items: T[]) => [...new Map(items.map((i) => [i.id, i])).values()];
            await ingest.ingest({ alerts: lastById(alerts).map(alertItem), pages: lastById(pages.filter((p) => known.has(p.alert))).map(pageItem) });
            if (deletes.length > 0) await ds.query(`DELETE FROM pages WHERE external_id = ANY($1::text[])`, [deletes.map((d) => `p-${d}`)]);
            await facts.drain();
          }
          const { facts: fromFacts, reference } = await bothReports(ds, '2026-03-01', '2026-03-05', {});
          expect(fromFacts).toEqual(reference);
          expect(await differencesFromRebuild(ds, facts)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
