import { describe, expect, it } from 'vitest';
import { DAY_MS, localClock, localToUtcMs, offsetTransitions, utcDateMs } from './demo-time.js';

const epochDay = (iso: string) => utcDateMs(iso) / DAY_MS;

describe('demo time', () => {
  it('turns a local wall-clock time into an instant through the zone database, DST days included', () => {
    expect(new Date(localToUtcMs(epochDay('2026-01-15'), 9 * 3600, 'Europe/Berlin')).toISOString()).toBe('2026-01-15T08:00:00.000Z'); // CET, +1
    expect(new Date(localToUtcMs(epochDay('2026-07-15'), 9 * 3600, 'Europe/Berlin')).toISOString()).toBe('2026-07-15T07:00:00.000Z'); // CEST, +2
    // Spring-forward day in Berlin: 10:00 local is already CEST.
    expect(new Date(localToUtcMs(epochDay('2026-03-29'), 10 * 3600, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(new Date(localToUtcMs(epochDay('2026-01-15'), 9 * 3600, 'Asia/Kolkata')).toISOString()).toBe('2026-01-15T03:30:00.000Z'); // +5:30
    expect(new Date(localToUtcMs(epochDay('2026-01-15'), 9 * 3600, 'Australia/Sydney')).toISOString()).toBe('2026-01-14T22:00:00.000Z'); // AEDT, +11
  });

  it('reads the local hour and ISO weekday of an instant', () => {
    expect(localClock(Date.parse('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toEqual({ hour: 1, isoWeekday: 7, minuteOfDay: 119 });
    expect(localClock(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toEqual({ hour: 3, isoWeekday: 7, minuteOfDay: 180 });
    expect(localClock(Date.parse('2026-01-05T20:00:00Z'), 'Australia/Sydney')).toMatchObject({ hour: 7, isoWeekday: 2 }); // Tuesday morning
  });

  it('finds the offset changes of a zone, to the second', () => {
    expect(offsetTransitions('Europe/Berlin', utcDateMs('2026-01-01'), utcDateMs('2027-01-01'))).toEqual([
      { atMs: Date.parse('2026-03-29T01:00:00Z'), offsetBeforeMinutes: 60, offsetAfterMinutes: 120 },
      { atMs: Date.parse('2026-10-25T01:00:00Z'), offsetBeforeMinutes: 120, offsetAfterMinutes: 60 },
    ]);
    expect(offsetTransitions('Australia/Sydney', utcDateMs('2026-01-01'), utcDateMs('2027-01-01')).map((t) => new Date(t.atMs).toISOString())).toEqual([
      '2026-04-04T16:00:00.000Z', // AEDT → AEST, 03:00 → 02:00 on Sunday 5 April
      '2026-10-03T16:00:00.000Z', // AEST → AEDT, 02:00 → 03:00 on Sunday 4 October
    ]);
    expect(offsetTransitions('Asia/Kolkata', utcDateMs('2026-01-01'), utcDateMs('2027-01-01'))).toEqual([]);
  });

  it('accepts only dates that exist', () => {
    expect(utcDateMs('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(() => utcDateMs('2026-02-29')).toThrow(RangeError);
    expect(() => utcDateMs('2026-6-1')).toThrow(RangeError);
  });
});
