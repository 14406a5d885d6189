import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveDateRange, workloadResponseSchema } from '@firewatch/shared';
import { computeWorkloadReport, NO_TEAM_NAME, type WorkloadReportInput } from './compute-workload-report.js';
import type { WorkloadResponderRow } from './workload.query.js';

const CORE = { externalId: 'core', name: 'Core' };
const PAYMENTS = { externalId: 'payments', name: 'Payments' };

const responder = (externalId: string, name: string, team: { id: number; externalId: string; name: string } | null, minutes: { working?: number; late?: number; sleeping?: number }, incidents = 1): WorkloadResponderRow => {
  const working = minutes.working ?? 0;
  const late = minutes.late ?? 0;
  const sleeping = minutes.sleeping ?? 0;
  return {
    externalId,
    name,
    teamId: team?.id ?? null,
    team: team && { externalId: team.externalId, name: team.name },
    minutes: working + late + sleeping,
    working,
    late,
    sleeping,
    incidents,
  };
};

// [Mon 2026-02-02, Mon 2026-02-23) in Berlin: three whole ISO weeks.
const range = resolveDateRange({ from: '2026-02-02', to: '2026-02-23' }, 'Europe/Berlin', '2026-07-01');

function input(overrides: Partial<WorkloadReportInput> = {}): WorkloadReportInput {
  return {
    range,
    timeZone: 'Europe/Berlin',
    hourlyCost: null,
    weeks: [],
    responders: [],
    incidents: [],
    gameDayMinutes: 0,
    ...overrides,
  };
}

describe('computeWorkloadReport', () => {
  it('is an empty, zero-filled report when there is no work', () => {
    const report = computeWorkloadReport(input());
    expect(workloadResponseSchema.omit({ freshness: true }).parse(report)).toEqual(report);
    expect(report).toEqual({
      range: { from: '2026-02-02', to: '2026-02-23', timeZone: 'Europe/Berlin' },
      timezone: 'Europe/Berlin',
      totals: { minutes: 0, working: 0, late: 0, sleeping: 0, hours: 0, responders: 0, costAmount: null },
      weekly: [
        { week: '2026-02-02', minutes: 0, working: 0, late: 0, sleeping: 0 },
        { week: '2026-02-09', minutes: 0, working: 0, late: 0, sleeping: 0 },
        { week: '2026-02-16', minutes: 0, working: 0, late: 0, sleeping: 0 },
      ],
      responders: [],
      teams: [],
      topIncidents: [],
      gameDayMinutes: 0,
    });
  });

  it('sums responders into totals and teams, sorts by minutes, rounds only what it answers', () => {
    const core = { id: 1, ...CORE };
    const payments = { id: 2, ...PAYMENTS };
    const report = computeWorkloadReport(
      input({
        hourlyCost: 90,
        responders: [
          responder('r-ada', 'Ada', core, { working: 10 / 3, late: 10 / 3 }, 2), // two thirds of 10 min: 6.666…
          responder('r-bob', 'Bob', payments, { working: 60, sleeping: 52 }, 4),
          responder('r-kei', 'Kei', core, { working: 10 / 3 }), // 3.333…
          responder('r-nia', 'Nia', null, { working: 10 / 3 }), // ties with Kei: by name
        ],
        weeks: [
          { week: '2026-02-09', minutes: 112, working: 60, late: 0, sleeping: 52 },
          { week: '2026-02-16', minutes: 40 / 3, working: 10, late: 10 / 3, sleeping: 0 },
          { week: '2026-01-26', minutes: 99, working: 99, late: 0, sleeping: 0 }, // not a week of the range: dropped
        ],
        gameDayMinutes: 15.04,
      }),
    );
    expect(workloadResponseSchema.omit({ freshness: true }).parse(report)).toEqual(report);
    expect(report.totals).toEqual({
      minutes: 125.3, // 10/3 + 10/3 + 112 + 10/3 + 10/3 = 125.333…
      working: 70, // 10/3 × 3 + 60 = 70.000…
      late: 3.3, // 10/3
      sleeping: 52,
      hours: 2.09, // 125.333… / 60 = 2.0888…
      responders: 4,
      costAmount: 188, // 2.0888… h × 90 = 188.00 (from full-precision hours, not from 2.09 × 90 = 188.10)
    });
    expect(report.responders.map((r) => [r.externalId, r.minutes, r.team?.externalId ?? null, r.incidents])).toEqual([
      ['r-bob', 112, 'payments', 4],
      ['r-ada', 6.7, 'core', 2], // 20/3
      ['r-kei', 3.3, 'core', 1],
      ['r-nia', 3.3, null, 1],
    ]);
    expect(report.teams).toEqual([
      { externalId: 'payments', name: 'Payments', minutes: 112, working: 60, late: 0, sleeping: 52, responders: 1 },
      { externalId: 'core', name: 'Core', minutes: 10, working: 6.7, late: 3.3, sleeping: 0, responders: 2 }, // Ada 20/3 + Kei 10/3 = 10
      { externalId: null, name: NO_TEAM_NAME, minutes: 3.3, working: 3.3, late: 0, sleeping: 0, responders: 1 },
    ]);
    expect(report.weekly).toEqual([
      { week: '2026-02-02', minutes: 0, working: 0, late: 0, sleeping: 0 }, // zero-filled
      { week: '2026-02-09', minutes: 112, working: 60, late: 0, sleeping: 52 },
      { week: '2026-02-16', minutes: 13.3, working: 10, late: 3.3, sleeping: 0 },
    ]);
    expect(report.gameDayMinutes).toBe(15);
  });

  it('keeps the order of the top incidents as ranked by the query, rounded', () => {
    const report = computeWorkloadReport(
      input({
        incidents: [
          { externalId: 'inc-2', title: 'Slow', severity: 3, minutes: 55.04, working: 55.04, late: 0, sleeping: 0, responders: 1 },
          { externalId: 'inc-1', title: 'Down', severity: 1, minutes: 24.05, working: 14.05, late: 10, sleeping: 0, responders: 2 },
        ],
      }),
    );
    expect(report.topIncidents).toEqual([
      { externalId: 'inc-2', title: 'Slow', severity: 3, minutes: 55, working: 55, late: 0, sleeping: 0, responders: 1 },
      { externalId: 'inc-1', title: 'Down', severity: 1, minutes: 24.1, working: 14.1, late: 10, sleeping: 0, responders: 2 },
    ]);
  });

  it('a responder row without minutes is not counted', () => {
    const report = computeWorkloadReport(input({ responders: [responder('r-0', 'Zero', null, {})] }));
    expect(report.totals.responders).toBe(0);
    expect(report.responders).toEqual([]);
    expect(report.teams).toEqual([]);
  });

  it('totals equal the sum over responders and over teams (before rounding), whatever the rows', () => {
    const minutesArb = fc.double({ min: 0, max: 10_000, noNaN: true });
    const rowArb = fc.record({ working: minutesArb, late: minutesArb, sleeping: minutesArb, team: fc.constantFrom(null, 1, 2) });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), (rows) => {
        const teams = { 1: { id: 1, ...CORE }, 2: { id: 2, ...PAYMENTS } } as const;
        const report = computeWorkloadReport(
          input({ responders: rows.map((r, i) => responder(`r-${i}`, `R ${i}`, r.team === null ? null : teams[r.team], r)) }),
        );
        const exact = rows.reduce((sum, r) => sum + r.working + r.late + r.sleeping, 0);
        expect(Math.abs(report.totals.minutes - exact)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(report.teams.reduce((n, t) => n + t.responders, 0)).toBe(report.totals.responders);
        for (let i = 1; i < report.responders.length; i++) expect(report.responders[i - 1]!.minutes).toBeGreaterThanOrEqual(report.responders[i]!.minutes);
      }),
    );
  });
});
