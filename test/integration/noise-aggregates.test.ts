import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveDateRange } from '@firewatch/shared';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options.js';
import { generateDemo } from '../../apps/api/src/demo/generate-demo.js';
import { loadDemo } from '../../apps/api/src/demo/load-demo.js';
import { aggregateNoiseRows, computeNoiseReport, computeNoiseTotals } from '../../apps/api/src/analytics/noise/compute-noise.js';
import { queryNoiseAggregates, queryNoiseRows, queryNoiseTotals, type NoiseCriteria } from '../../apps/api/src/analytics/noise/noise.query.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The noise report reads its aggregates from one SQL statement (NOISE_AGGREGATES_SQL) instead of every
 * alert and page. Here it must equal SPEC §2.5 applied row by row (aggregateNoiseRows over every alert
 * and page) on the demo organisation, for the whole range and with each filter; so must the totals
 * alone (NOISE_TOTALS_SQL), which the overview reads.
 */

let db: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase(inject('pgAdminUrl'));
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await loadDemo(client, generateDemo({ seed: 1, scale: 1, end: '2026-11-01' }));
  // Feedback on alerts of a rule that also has unflagged ones, so `flagged` and `actionable` by feedback both occur.
  await client.query(`UPDATE alerts SET feedback = CASE WHEN id % 2 = 0 THEN 'actionable' ELSE 'false_positive' END WHERE rule = 'KafkaConsumerLag' AND id % 7 = 0`);
  await client.end();
  ds = await new DataSource(dataSourceOptions(db.url, { poolSize: 2 })).initialize();
}, 120_000);
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

type Case = [name: string, from: string, to: string, timeZone: string, filters: Partial<NoiseCriteria>, transientMinutes: number];

describe('noise report: the SQL aggregates equal the row-by-row definition on the demo', () => {
  it.each<Case>([
    ['the whole demo range, UTC', '2025-05-01', '2026-11-01', 'UTC', {}, 10],
    ['one month in Berlin (flap predecessors before `from`)', '2026-03-01', '2026-04-01', 'Europe/Berlin', {}, 10],
    ['a team', '2025-05-01', '2026-11-01', 'UTC', { team: 'payments' }, 10],
    ['two services', '2025-05-01', '2026-11-01', 'America/New_York', { services: ['svc-kafka', 'svc-cdn'] }, 3],
    ['severity ≤ 2', '2025-11-01', '2026-11-01', 'Asia/Kolkata', { maxSeverity: 2 }, 10],
  ])('%s', async (_name, from, to, timeZone, filters, transientMinutes) => {
    const range = resolveDateRange({ from, to }, timeZone, '2026-11-21', 90);
    const criteria: NoiseCriteria = { from: range.from, to: range.to, services: [], ...filters };
    const settings = { ...DEFAULT_SETTINGS, timezone: timeZone, transientMinutes };
    const [aggregates, totals, rows] = await ds.transaction(
      'REPEATABLE READ',
      async (m) => [await queryNoiseAggregates(m, criteria, settings), await queryNoiseTotals(m, criteria, settings), await queryNoiseRows(m, criteria)] as const,
    );
    const fromSql = computeNoiseReport({ ...aggregates, range, settings });
    const rowByRow = computeNoiseReport({ ...aggregateNoiseRows(rows, settings), range, settings });
    expect(fromSql.totals.escalated).toBeGreaterThan(0); // a case that selects nothing would prove nothing
    expect(fromSql).toEqual(rowByRow);
    // The totals alone (the overview's figures) from their own, lighter statement.
    expect(computeNoiseTotals({ ...totals, settings })).toEqual(rowByRow.totals);
  });
});
