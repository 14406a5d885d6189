import { describe, expect, it } from 'vitest';
import type { WorkloadResponse } from '@firewatch/shared';
import { bucketHourColumns, bucketHourSeries, weekDrillRange, weekLabel, workloadHeadline } from './workload-view';

const report: WorkloadResponse = {
  range: { from: '2026-01-01', to: '2026-02-01', timeZone: 'UTC' },
  timezone: 'UTC',
  totals: { minutes: 600, working: 360, late: 150, sleeping: 90, hours: 10, responders: 3, costAmount: 1000 },
  weekly: [],
  responders: [],
  teams: [],
  topIncidents: [],
  gameDayMinutes: 45,
  freshness: { asOf: '2026-03-01T00:00:00.000Z', queuedChanges: 0, lagSeconds: 0 },
};

describe('workloadHeadline', () => {
  it('states shares of the total and game-day hours apart', () => {
    expect(workloadHeadline(report)).toEqual({
      hours: 10,
      workingShare: 0.6, // 360 / 600
      lateShare: 0.25, // 150 / 600
      sleepingShare: 0.15, // 90 / 600
      responders: 3,
      costAmount: 1000,
      gameDayHours: 0.75, // 45 min / 60
    });
  });

  it('has zero shares, not NaN, when there is no workload', () => {
    const empty = { ...report, totals: { ...report.totals, minutes: 0, working: 0, late: 0, sleeping: 0 } };
    expect(workloadHeadline(empty).sleepingShare).toBe(0);
  });
});

describe('bucket series and columns', () => {
  const week = { week: '2026-01-05', minutes: 130, working: 90, late: 30, sleeping: 10 };
  it('draws each bucket in hours, working first', () => {
    expect(bucketHourSeries().map((s) => [s.key, s.value(week)])).toEqual([
      ['working', 1.5], // 90 / 60
      ['late', 0.5], // 30 / 60
      ['sleeping', 10 / 60],
    ]);
  });
  it('writes hours rounded to 0.01 in the table and CSV', () => {
    expect(bucketHourColumns().map((c) => [c.csvHeader, c.value(week)])).toEqual([
      ['hours', 2.17], // 130 / 60 = 2.1666…
      ['working_hours', 1.5],
      ['late_hours', 0.5],
      ['sleeping_hours', 0.17], // 10 / 60 = 0.1666…
    ]);
  });
});

describe('weekDrillRange', () => {
  const range = { from: '2026-01-01', to: '2026-02-01' }; // Thu 1 Jan … Sat 31 Jan
  it.each([
    ['a whole week inside the range', '2026-01-12', { from: '2026-01-12', to: '2026-01-19' }],
    ['the first week starts before the range', '2025-12-29', { from: '2026-01-01', to: '2026-01-05' }],
    ['the last week ends after the range', '2026-01-26', { from: '2026-01-26', to: '2026-02-01' }],
  ])('%s', (_, week, expected) => {
    expect(weekDrillRange(week, range)).toEqual(expected);
  });

  it('keeps a whole week across a year boundary when the range covers it', () => {
    expect(weekDrillRange('2025-12-29', { from: '2025-12-01', to: '2026-02-01' })).toEqual({ from: '2025-12-29', to: '2026-01-05' });
  });

  it('labels a week by its Monday', () => {
    expect(weekLabel('2026-01-12')).toBe('Week of 12 Jan 2026');
  });
});
