import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  calendarDaysBetween,
  civilOfEpochDay,
  epochDayOf,
  formatEpochDay,
  isoDateSchema,
  isoWeekdayOfEpochDay,
  parseIsoDate,
} from './calendar-date.js';

describe('isoDateSchema', () => {
  it.each([
    ['2026-01-01', true],
    ['2024-02-29', true], // 2024 divisible by 4
    ['2000-02-29', true], // divisible by 400
    ['1900-02-29', false], // divisible by 100, not 400
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false], // April has 30 days
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-1', false],
    ['2026-01-01T00:00:00Z', false], // a date, not an instant
    ['', false],
  ])('%s → %s', (text, valid) => {
    expect(isoDateSchema.safeParse(text).success).toBe(valid);
    expect(parseIsoDate(text) !== undefined).toBe(valid);
  });

  it('says what is wrong', () => {
    const result = isoDateSchema.safeParse('2026-02-30');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be a calendar date YYYY-MM-DD that exists');
  });

  it('agrees with parseIsoDate on every day-of-month candidate 1899–2101', () => {
    // One definition of "a date that exists": the schema (for OpenAPI) and the parser (for arithmetic) must not drift.
    const disagreements: string[] = [];
    for (let year = 1899; year <= 2101; year++) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          if (isoDateSchema.safeParse(text).success !== (parseIsoDate(text) !== undefined)) disagreements.push(text);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('epoch-day arithmetic', () => {
  it('matches Date for every day 1900–2100', () => {
    const start = Date.UTC(1900, 0, 1) / 86_400_000;
    const end = Date.UTC(2100, 11, 31) / 86_400_000;
    for (let epochDay = start; epochDay <= end; epochDay++) {
      const date = new Date(epochDay * 86_400_000);
      const civil = civilOfEpochDay(epochDay);
      if (
        civil.year !== date.getUTCFullYear() ||
        civil.month !== date.getUTCMonth() + 1 ||
        civil.day !== date.getUTCDate() ||
        epochDayOf(civil.year, civil.month, civil.day) !== epochDay ||
        isoWeekdayOfEpochDay(epochDay) !== (date.getUTCDay() || 7)
      ) {
        throw new Error(`mismatch at ${date.toISOString()}`);
      }
    }
  });

  it('handles years before 100 and before 1970', () => {
    expect(formatEpochDay(epochDayOf(1, 1, 1))).toBe('0001-01-01'); // Date.UTC would read year 1 as 1901
    expect(epochDayOf(1970, 1, 1)).toBe(0);
    expect(epochDayOf(1969, 12, 31)).toBe(-1);
    expect(isoWeekdayOfEpochDay(0)).toBe(4); // 1970-01-01 was a Thursday
  });

  it('adds calendar days across month, leap day and year ends', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2026-07-16', -90)).toBe('2026-04-17'); // 15 (Jul) + 30 (Jun) + 31 (May) + 14 → Apr 17
    expect(calendarDaysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(calendarDaysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
  });
});
