import { describe, expect, it } from 'vitest';
import { addCalendarDays, resolveDateRange } from '@firewatch/shared';
import { computeSeasonality, detectAnomalies, holidayEffect, isEndOfYear, median, spansTwelveMonths } from './compute-seasonality.js';

/** Consecutive weeks from Monday 2026-01-05 with these incident counts. */
const weeks = (counts: number[]) => counts.map((incidents, i) => ({ period: addCalendarDays('2026-01-05', 7 * i), incidents }));

describe('median', () => {
  it.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5], // (2 + 3) / 2
  ])('%j → %d', (values, expected) => expect(median(values)).toBe(expected));
});

describe('detectAnomalies', () => {
  it('flags no week of a flat series', () => {
    expect(detectAnomalies(weeks(new Array(30).fill(7)))).toEqual([]);
  });

  it('flags a planted spike, and only it', () => {
    // Baseline 5,6,5,6,…: median 5.5, |deviations| all 0.5 → MAD 0.5; threshold excess > 1.5 and ≥ 3.
    const counts = [5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 15, 5, 6, 5];
    expect(detectAnomalies(weeks(counts))).toEqual([
      // week 10 (2026-03-16): trailing weeks 2–9 = 5,6,5,6,5,6,5,6 → median 5.5, MAD 0.5; 15 − 5.5 = 9.5
      { period: '2026-03-16', incidents: 15, expected: 5.5, mad: 0.5, excess: 9.5 },
    ]);
  });

  it.each([
    // counts, flagged periods, why
    [[2, 2, 2, 2, 2, 2, 2, 2, 4], [], 'MAD 0: excess 2 is under the minimum of 3'],
    [[2, 2, 2, 2, 2, 2, 2, 2, 5], ['2026-03-02'], 'MAD 0: excess 3 meets the minimum'],
    [[0, 10, 0, 10, 0, 10, 0, 10, 16], [], 'median 5, MAD 5: excess 11 is not above 3 × 5 = 15'],
    [[0, 10, 0, 10, 0, 10, 0, 10, 21], ['2026-03-02'], 'median 5, MAD 5: excess 16 > 15'],
    [[1, 1, 1, 1, 1, 1, 1, 40], [], 'only 7 weeks before the spike: not measured'],
  ])('%j → %j (%s)', (counts, flagged) => {
    expect(detectAnomalies(weeks(counts)).map((a) => a.period)).toEqual(flagged);
  });
});

describe('isEndOfYear', () => {
  it.each([
    ['2026-12-19', false],
    ['2026-12-20', true],
    ['2026-12-31', true],
    ['2027-01-03', true],
    ['2027-01-04', false],
  ])('%s → %s', (date, expected) => expect(isEndOfYear(date)).toBe(expected));
});

describe('spansTwelveMonths', () => {
  it.each([
    ['2025-01-15', '2026-01-15', true],
    ['2025-01-15', '2026-01-14', false],
    ['2024-02-29', '2025-02-28', false], // leap day: a year later is 2025-03-01
    ['2024-02-29', '2025-03-01', true],
    ['2025-11-01', '2026-11-01', true],
  ])('[%s, %s) → %s', (from, to, expected) => expect(spansTwelveMonths(from, to)).toBe(expected));
});

describe('holidayEffect', () => {
  const days = (from: string, n: number, incidents: (date: string) => number) =>
    Array.from({ length: n }, (_, i) => addCalendarDays(from, i)).map((date) => ({ date, incidents: incidents(date) }));

  it('counts public holidays and Dec 20 – Jan 3 once each, with the days behind the ratio', () => {
    // 2026-12-15 … 2027-01-09 (26 days): 15 end-of-year days (12-20 … 01-03), 11 other days; 1 incident a day
    // except 3 on each other day. A "public holiday" on 12-25 (in the window) and 01-06 (outside it).
    const perDay = days('2026-12-15', 26, (d) => (isEndOfYear(d) ? 1 : 3));
    const effect = holidayEffect(perDay, 'XX', (d) => d === '2026-12-25' || d === '2027-01-06');
    expect(effect).toEqual({
      country: 'XX',
      holidayDays: 16, // 15 end-of-year + 01-06
      publicHolidayDays: 2,
      endOfYearDays: 15,
      holidayIncidents: 18, // 15 × 1 + 3 on 01-06
      holidayRate: 1.125, // 18 / 16
      otherDays: 10, // 26 − 16
      otherIncidents: 30, // 10 × 3
      otherRate: 3,
      ratio: 0.375, // 1.125 / 3
    });
  });

  it('without a country only the end-of-year window counts; no other day → no ratio', () => {
    const effect = holidayEffect(days('2026-12-20', 15, () => 2), null, () => true);
    expect(effect).toMatchObject({ holidayDays: 15, publicHolidayDays: 0, otherDays: 0, holidayRate: 2, otherRate: null, ratio: null });
  });
});

describe('computeSeasonality', () => {
  const input = (from: string, to: string, timeZone = 'UTC') => ({
    range: resolveDateRange({ from, to }, timeZone, to),
    timeZone,
    majorSeverity: 2,
    holidayCountry: null,
    isPublicHoliday: () => false,
    incidents: [] as Array<{ day: string; hour: number; severity: number; incidents: number }>,
    pages: [] as Array<{ day: string; hour: number; pages: number }>,
    workload: [] as Array<{ day: string; minutes: number }>,
  });

  it('sums days into ISO weeks and months across a year boundary, zero-filled', () => {
    const i = input('2026-12-28', '2027-01-12');
    i.incidents.push(
      { day: '2026-12-31', hour: 23, severity: 1, incidents: 2 }, // Thu
      { day: '2027-01-01', hour: 0, severity: 3, incidents: 1 }, // Fri, same ISO week (2026-W53)
      { day: '2027-01-04', hour: 9, severity: 2, incidents: 1 }, // Mon of 2027-W01
    );
    i.workload.push({ day: '2027-01-01', minutes: 90 });
    i.pages.push({ day: '2027-01-01', hour: 0, pages: 4 });
    const r = computeSeasonality(i);
    expect(r.daily).toHaveLength(15); // 12-28 … 01-11
    expect(r.weekly).toEqual([
      { period: '2026-12-28', incidents: 3, majorIncidents: 2, bySeverity: [2, 0, 1, 0, 0], workloadHours: 1.5, pages: 4 }, // 2 + 1; 90 min
      { period: '2027-01-04', incidents: 1, majorIncidents: 1, bySeverity: [0, 1, 0, 0, 0], workloadHours: 0, pages: 0 },
      { period: '2027-01-11', incidents: 0, majorIncidents: 0, bySeverity: [0, 0, 0, 0, 0], workloadHours: 0, pages: 0 }, // partial, zero-filled
    ]);
    expect(r.monthly.map((m) => [m.period, m.incidents])).toEqual([
      ['2026-12-01', 2],
      ['2027-01-01', 2],
    ]);
    // Heatmap: Thu 23:00 → 2; Fri 00:00 → 1 incident and 4 pages; Mon 09:00 → 1.
    expect(r.heatmap.filter((c) => c.incidents + c.pages > 0)).toEqual([
      { weekday: 1, hour: 9, incidents: 1, pages: 0 },
      { weekday: 4, hour: 23, incidents: 2, pages: 0 },
      { weekday: 5, hour: 0, incidents: 1, pages: 4 },
    ]);
    expect(r.yearOverYear).toEqual([
      { year: 2026, months: [null, null, null, null, null, null, null, null, null, null, null, 2] },
      { year: 2027, months: [2, null, null, null, null, null, null, null, null, null, null, null] },
    ]);
    expect(r.monthIndex).toBeNull(); // 15 days, not 12 months
  });

  it('weekday index: mean per day of each weekday ÷ mean per day', () => {
    // Two whole weeks from Mon 2026-03-02: 2 incidents every Monday, nothing else → 4 over 14 days.
    const i = input('2026-03-02', '2026-03-16');
    i.incidents.push({ day: '2026-03-02', hour: 10, severity: 3, incidents: 2 }, { day: '2026-03-09', hour: 10, severity: 3, incidents: 2 });
    // Monday: 2 per day ÷ (4 / 14) = 7; other weekdays 0.
    expect(computeSeasonality(i).weekdayIndex).toEqual([7, 0, 0, 0, 0, 0, 0]);
  });

  it('weekday index is null without incidents or with a weekday missing from the range', () => {
    expect(computeSeasonality(input('2026-03-02', '2026-03-16')).weekdayIndex).toBeNull();
    const i = input('2026-03-02', '2026-03-05'); // Mon–Wed only
    i.incidents.push({ day: '2026-03-02', hour: 10, severity: 3, incidents: 1 });
    expect(computeSeasonality(i).weekdayIndex).toBeNull();
  });

  it('month index over a leap year: per day, so February’s 29 days do not lower it', () => {
    // 2028 is a leap year: 366 days, 1 incident on each. Every month's mean per day is 1 → index 1.
    const i = input('2028-01-01', '2029-01-01');
    for (let d = '2028-01-01'; d < '2029-01-01'; d = addCalendarDays(d, 1)) i.incidents.push({ day: d, hour: 12, severity: 4, incidents: 1 });
    const r = computeSeasonality(i);
    expect(r.monthIndex).toEqual(new Array(12).fill(1));
    expect(r.monthly.find((m) => m.period === '2028-02-01')!.incidents).toBe(29); // leap day included
    expect(r.yearOverYear).toEqual([{ year: 2028, months: [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] }]);
  });

  it('measures anomalies on whole weeks only: a partial edge week is not compared', () => {
    // From Wed 2026-01-07: the week of 01-05 is partial (5 of 7 days) and left out.
    const i = input('2026-01-07', '2026-03-16');
    const whole = ['2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09'];
    whole.forEach((day, n) => i.incidents.push({ day, hour: 10, severity: 3, incidents: n === 8 ? 9 : 2 }));
    // 03-09: trailing 8 whole weeks of 2 → median 2, MAD 0; 9 − 2 = 7 ≥ 3.
    expect(computeSeasonality(i).anomalies).toEqual([{ period: '2026-03-09', incidents: 9, expected: 2, mad: 0, excess: 7 }]);
  });
});
