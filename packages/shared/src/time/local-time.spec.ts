import { describe, expect, it } from 'vitest';
import { localDate, localParts, startOfLocalDay } from './local-time.js';

const at = (iso: string) => new Date(iso);

describe('localParts', () => {
  it('reads the wall clock in the zone, not in UTC', () => {
    // 2026-01-05 is a Monday; Berlin is CET (+1) in January.
    expect(localParts(at('2026-01-05T07:59:00Z'), 'Europe/Berlin')).toEqual({ isoWeekday: 1, hour: 8, minute: 59, date: '2026-01-05' });
    // Sunday 23:30Z is already Monday 00:30 in Berlin: the heatmap row is Monday.
    expect(localParts(at('2026-01-04T23:30:00Z'), 'Europe/Berlin')).toEqual({ isoWeekday: 1, hour: 0, minute: 30, date: '2026-01-05' });
    expect(localParts(at('2026-01-04T23:30:00Z'), 'UTC')).toEqual({ isoWeekday: 7, hour: 23, minute: 30, date: '2026-01-04' });
  });

  it('Asia/Kolkata (+05:30): 18:29Z is still Jan 1, 18:30Z is Jan 2', () => {
    // 18:29 + 5:30 = 23:59 on Thu 2026-01-01; 18:30 + 5:30 = 24:00 → 00:00 on Fri 2026-01-02.
    expect(localParts(at('2026-01-01T18:29:00Z'), 'Asia/Kolkata')).toEqual({ isoWeekday: 4, hour: 23, minute: 59, date: '2026-01-01' });
    expect(localParts(at('2026-01-01T18:30:00Z'), 'Asia/Kolkata')).toEqual({ isoWeekday: 5, hour: 0, minute: 0, date: '2026-01-02' });
  });

  it('America/New_York: the skipped and the repeated hour', () => {
    // 2026-03-08 02:00 EST → 03:00 EDT at 07:00Z: 06:59Z reads 01:59, 07:00Z reads 03:00 (no 02:xx that day).
    expect(localParts(at('2026-03-08T06:59:00Z'), 'America/New_York')).toMatchObject({ hour: 1, minute: 59 });
    expect(localParts(at('2026-03-08T07:00:00Z'), 'America/New_York')).toMatchObject({ hour: 3, minute: 0 });
    // 2026-11-01 02:00 EDT → 01:00 EST at 06:00Z: 05:30Z (−4) and 06:30Z (−5) both read 01:30 on Sunday.
    expect(localParts(at('2026-11-01T05:30:00Z'), 'America/New_York')).toEqual({ isoWeekday: 7, hour: 1, minute: 30, date: '2026-11-01' });
    expect(localParts(at('2026-11-01T06:30:00Z'), 'America/New_York')).toEqual({ isoWeekday: 7, hour: 1, minute: 30, date: '2026-11-01' });
  });

  it('localDate is the date part', () => {
    expect(localDate(at('2025-12-31T13:00:00Z'), 'Australia/Sydney')).toBe('2026-01-01'); // AEDT +11: 13:00Z = 00:00 next day
    expect(localDate(at('2025-12-31T12:59:59Z'), 'Australia/Sydney')).toBe('2025-12-31');
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['2026-01-15', 'UTC', '2026-01-15T00:00:00.000Z'],
    ['2026-01-15', 'Europe/Berlin', '2026-01-14T23:00:00.000Z'], // CET +1
    ['2026-07-15', 'Europe/Berlin', '2026-07-14T22:00:00.000Z'], // CEST +2
    ['2026-01-02', 'Asia/Kolkata', '2026-01-01T18:30:00.000Z'], // IST +5:30
    ['2026-07-15', 'America/New_York', '2026-07-15T04:00:00.000Z'], // EDT −4
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'], // midnight skipped (00:00 −4 → 01:00 −3): day starts at 01:00 local
    ['2026-11-01', 'America/Havana', '2026-11-01T04:00:00.000Z'], // midnight happens twice (−4, then −5): the first one
  ])('%s in %s starts at %s', (date, timeZone, expected) => {
    expect(startOfLocalDay(date, timeZone).toISOString()).toBe(expected);
  });

  it('throws on a bad date or zone', () => {
    expect(() => startOfLocalDay('2026-02-30', 'UTC')).toThrow(RangeError);
    expect(() => startOfLocalDay('2026-02-01', 'Foo/Bar')).toThrow(RangeError);
  });
});
