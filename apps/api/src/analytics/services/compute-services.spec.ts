import { describe, expect, it } from 'vitest';
import { resolveDateRange } from '@firewatch/shared';
import { computeBreakdown, previousRange } from './compute-services.js';
import type { BreakdownRows } from './services.query.js';

const totals = { incidents: 0, minutes: 0, outOfHoursMinutes: 0, unassignedIncidents: 0, unassignedMinutes: 0, unassignedOutOfHoursMinutes: 0 };
const rows = (r: Partial<BreakdownRows>): BreakdownRows => ({ incidents: [], workload: [], pages: [], totals, ...r });
const incident = (key: string, incidents: number, ttrMedianMinutes: number | null = null) => ({ key, name: key.toUpperCase(), incidents, majorIncidents: 0, ttrMedianMinutes, ttrExcluded: 0 });
const work = (key: string, minutes: number, outOfHoursMinutes = 0) => ({ key, name: key.toUpperCase(), minutes, outOfHoursMinutes });

describe('computeBreakdown', () => {
  const range = resolveDateRange({ from: '2026-03-01', to: '2026-04-01' }, 'UTC', '2026-04-01');
  const previous = previousRange(range, 'UTC');

  it('ranks by hours with shares, the Pareto cumulative share and the change vs the previous period', () => {
    const report = computeBreakdown({
      range,
      previousRange: previous,
      timeZone: 'UTC',
      current: rows({
        incidents: [incident('a', 2, 30), incident('b', 3), incident('c', 1)],
        workload: [work('a', 360, 120), work('b', 180), work('c', 60)],
        pages: [{ key: 'b', name: 'B', pages: 4 }],
      }),
      previous: rows({ incidents: [incident('a', 4), incident('d', 1)], workload: [work('a', 240), work('d', 30)] }),
    });
    expect(report.incidentCountsAdditive).toBe(false);
    expect(report.previousRange).toEqual({ from: '2026-01-29', to: '2026-03-01', timeZone: 'UTC' }); // 31 days before 03-01
    expect(report.items.map((i) => [i.key, i.workloadHours, i.share, i.cumulativeShare])).toEqual([
      ['a', 6, 0.6, 0.6], // 360 min of 600
      ['b', 3, 0.3, 0.9], // (360 + 180) / 600
      ['c', 1, 0.1, 1],
      ['d', 0, 0, 1], // only in the previous period: listed, at the bottom
    ]);
    expect(report.items[0]).toMatchObject({
      outOfHoursHours: 2, // 120 min
      ttrMedianMinutes: 30,
      previous: { incidents: 4, workloadHours: 4 },
      workloadHoursChange: 0.5, // 360 / 240 − 1
      incidentsChange: -0.5, // 2 / 4 − 1
    });
    expect(report.items[1]).toMatchObject({ pages: 4, workloadHoursChange: null, incidentsChange: null }); // nothing before
    expect(report.items[3]).toMatchObject({ incidents: 0, previous: { incidents: 1, workloadHours: 0.5 }, workloadHoursChange: -1 });
  });

  it('has no shares without hours', () => {
    const report = computeBreakdown({ range, previousRange: previous, timeZone: 'UTC', current: rows({ incidents: [incident('a', 1)] }), previous: rows({}) });
    expect(report.items).toEqual([expect.objectContaining({ key: 'a', incidents: 1, share: null, cumulativeShare: null })]);
  });
});

describe('previousRange', () => {
  it.each([
    // from, to, previous from, why
    ['2026-03-01', '2026-04-01', '2026-01-29', '31 days'],
    ['2028-03-01', '2028-03-08', '2028-02-23', '7 days across the leap day 02-29'],
    ['2027-01-01', '2027-01-15', '2026-12-18', '14 days back across the year boundary'],
  ])('[%s, %s) → [%s, from) (%s)', (from, to, previousFrom) => {
    const r = previousRange(resolveDateRange({ from, to }, 'Europe/Berlin', to), 'Europe/Berlin');
    expect([r.fromDate, r.toDate]).toEqual([previousFrom, from]);
  });

  it('keeps whole local days across a DST change', () => {
    // [03-30, 04-06) Berlin; previous [03-23, 03-30) holds the spring-forward night of 03-29: 167 hours.
    const r = previousRange(resolveDateRange({ from: '2026-03-30', to: '2026-04-06' }, 'Europe/Berlin', '2026-04-06'), 'Europe/Berlin');
    expect(r.from.toISOString()).toBe('2026-03-22T23:00:00.000Z'); // 00:00 CET
    expect(r.to.toISOString()).toBe('2026-03-29T22:00:00.000Z'); // 00:00 CEST
  });
});
