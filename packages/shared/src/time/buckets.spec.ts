import { describe, expect, it } from 'vitest';
import { bucketKey, bucketKeyOfDate, bucketKeysInRange, bucketStart, bucketUnitSchema, zeroFill } from './buckets.js';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
const hoursBetween = (from: string, to: string, timeZone: string) =>
  (bucketStart(to, timeZone).getTime() - bucketStart(from, timeZone).getTime()) / HOUR;

describe('bucketUnitSchema', () => {
  it('accepts day, week, month only', () => {
    expect(bucketUnitSchema.options).toEqual(['day', 'week', 'month']);
    expect(bucketUnitSchema.safeParse('year').success).toBe(false);
  });
});

describe('bucketKeyOfDate', () => {
  it.each([
    // date, unit, key
    ['2028-02-29', 'day', '2028-02-29'], // leap day
    ['2028-02-29', 'week', '2028-02-28'], // Tue → Mon 02-28
    ['2028-02-29', 'month', '2028-02-01'],
    ['2027-01-03', 'week', '2026-12-28'], // Sun of 2026-W53, across the year boundary
    ['2027-01-04', 'week', '2027-01-04'], // Mon of 2027-W01
    ['2026-12-31', 'month', '2026-12-01'],
  ] as const)('%s by %s → %s', (date, unit, key) => {
    expect(bucketKeyOfDate(date, unit)).toBe(key);
  });

  it('refuses a date that does not exist', () => {
    expect(() => bucketKeyOfDate('2027-02-29', 'day')).toThrow(RangeError);
  });
});

describe('bucketKey', () => {
  it.each([
    // instant, unit, zone, key
    ['2026-03-25T12:00:00Z', 'day', 'Europe/Berlin', '2026-03-25'],
    ['2026-03-25T12:00:00Z', 'week', 'Europe/Berlin', '2026-03-23'], // Wed → Mon 03-23
    ['2026-03-29T23:30:00Z', 'week', 'Europe/Berlin', '2026-03-30'], // Sun 23:30Z = Mon 01:30 CEST → next week
    ['2026-03-29T21:59:59Z', 'week', 'Europe/Berlin', '2026-03-23'], // Sun 23:59:59 CEST → still the week of 03-23
    ['2026-03-25T12:00:00Z', 'month', 'Europe/Berlin', '2026-03-01'],
    ['2026-03-31T22:30:00Z', 'month', 'Europe/Berlin', '2026-04-01'], // 00:30 CEST on Apr 1
    ['2026-01-01T18:29:00Z', 'day', 'Asia/Kolkata', '2026-01-01'], // 23:59 IST
    ['2026-01-01T18:30:00Z', 'day', 'Asia/Kolkata', '2026-01-02'], // 00:00 IST
    ['2026-01-04T18:29:00Z', 'week', 'Asia/Kolkata', '2025-12-29'], // Sun 23:59 IST → week of Mon 2025-12-29
    ['2026-01-04T18:30:00Z', 'week', 'Asia/Kolkata', '2026-01-05'], // Mon 00:00 IST
    ['2026-10-04T12:00:00Z', 'day', 'Australia/Sydney', '2026-10-04'], // 23:00 AEDT (+11, DST began that morning)
    ['2026-10-04T13:00:00Z', 'day', 'Australia/Sydney', '2026-10-05'], // 00:00 AEDT
  ] as const)('%s by %s in %s → %s', (instant, unit, timeZone, key) => {
    expect(bucketKey(at(instant), unit, timeZone)).toBe(key);
  });

  it('year boundary: ISO weeks cross it, months do not', () => {
    // 2026 started on a Thursday and is not a leap year, so Thu 2026-12-31 → its ISO week starts Mon 2026-12-28.
    expect(bucketKey(at('2026-12-31T12:00:00Z'), 'week', 'UTC')).toBe('2026-12-28');
    // Fri 2027-01-01 is in the same ISO week (2026-W53), Sun 2027-01-03 ends it, Mon 2027-01-04 starts 2027-W01.
    expect(bucketKey(at('2027-01-01T12:00:00Z'), 'week', 'UTC')).toBe('2026-12-28');
    expect(bucketKey(at('2027-01-03T23:59:59Z'), 'week', 'UTC')).toBe('2026-12-28');
    expect(bucketKey(at('2027-01-04T00:00:00Z'), 'week', 'UTC')).toBe('2027-01-04');
    expect(bucketKey(at('2026-12-31T23:00:00Z'), 'month', 'Europe/Berlin')).toBe('2027-01-01'); // 00:00 CET on Jan 1
    expect(bucketKey(at('2026-12-31T22:59:59Z'), 'month', 'Europe/Berlin')).toBe('2026-12-01');
    expect(bucketKey(at('2025-12-31T13:00:00Z'), 'month', 'Australia/Sydney')).toBe('2026-01-01'); // 00:00 AEDT (+11)
    expect(bucketKey(at('2026-12-31T23:00:00Z'), 'week', 'America/New_York')).toBe('2026-12-28'); // Thu 18:00 EST
  });

  it('rejects an invalid Date and an unknown zone', () => {
    expect(() => bucketKey(new Date(Number.NaN), 'day', 'UTC')).toThrow(RangeError);
    expect(() => bucketKey(at('2026-01-01T00:00:00Z'), 'day', 'Foo/Bar')).toThrow(RangeError);
  });
});

describe('bucketStart and DST weeks', () => {
  it('is local midnight of the key', () => {
    expect(bucketStart('2026-03-23', 'Europe/Berlin').toISOString()).toBe('2026-03-22T23:00:00.000Z'); // CET +1
    expect(bucketStart('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z'); // CEST +2
    expect(bucketStart('2026-12-28', 'UTC').toISOString()).toBe('2026-12-28T00:00:00.000Z');
    expect(() => bucketStart('2026-W13', 'UTC')).toThrow(RangeError);
  });

  it('round-trips with bucketKey', () => {
    for (const timeZone of ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata']) {
      for (const key of ['2026-03-23', '2026-03-29', '2026-10-04', '2026-10-25', '2026-11-01', '2026-12-28', '2027-01-01']) {
        expect(bucketKey(bucketStart(key, timeZone), 'day', timeZone)).toBe(key);
        // One millisecond earlier is the previous local day.
        expect(bucketKey(new Date(bucketStart(key, timeZone).getTime() - 1), 'day', timeZone)).not.toBe(key);
      }
    }
  });

  it.each([
    // zone, from key, to key, hours, why
    ['Europe/Berlin', '2026-03-23', '2026-03-30', 167], // 2026-03-29 02:00→03:00 skipped: 7×24 − 1 = 167 h
    ['Europe/Berlin', '2026-10-19', '2026-10-26', 169], // 2026-10-25 03:00→02:00 repeated: 7×24 + 1 = 169 h
    ['Europe/Berlin', '2026-03-16', '2026-03-23', 168], // no change that week: 7×24
    ['Europe/Berlin', '2026-03-29', '2026-03-30', 23], // the spring-forward day itself
    ['Europe/Berlin', '2026-10-25', '2026-10-26', 25], // the fall-back day itself
    ['America/New_York', '2026-03-02', '2026-03-09', 167], // 2026-03-08 02:00 EST → 03:00 EDT
    ['America/New_York', '2026-10-26', '2026-11-02', 169], // 2026-11-01 02:00 EDT → 01:00 EST
    ['America/New_York', '2026-03-08', '2026-03-09', 23],
    ['Australia/Sydney', '2026-09-28', '2026-10-05', 167], // southern spring: 2026-10-04 02:00 AEST → 03:00 AEDT
    ['Australia/Sydney', '2026-03-30', '2026-04-06', 169], // southern autumn: 2026-04-05 03:00 AEDT → 02:00 AEST
    ['Australia/Sydney', '2026-10-04', '2026-10-05', 23],
    ['Asia/Kolkata', '2026-03-23', '2026-03-30', 168], // no DST in India
    ['Europe/Berlin', '2026-03-01', '2026-04-01', 31 * 24 - 1], // March holds the spring-forward hour: 743 h
  ] as const)('%s: %s → %s is %i h', (timeZone, from, to, hours) => {
    expect(hoursBetween(from, to, timeZone)).toBe(hours);
  });
});

describe('bucketKeysInRange (half-open)', () => {
  const berlin = 'Europe/Berlin';
  const range = (from: string, to: string, timeZone: string) => ({ from: bucketStart(from, timeZone), to: bucketStart(to, timeZone) });

  it('lists the ISO weeks of the Berlin DST change, the next Monday excluded', () => {
    // [Mon 03-16, Mon 04-06): three whole weeks; the week of 04-06 starts exactly at `to` so is outside.
    expect(bucketKeysInRange(range('2026-03-16', '2026-04-06', berlin), 'week', berlin)).toEqual(['2026-03-16', '2026-03-23', '2026-03-30']);
  });

  it('includes partial buckets at both ends', () => {
    // Sun 2026-12-20 is in the week of Mon 12-14; to = Tue 2027-01-12 exclusive → last day Mon 01-11, week of 01-11.
    expect(bucketKeysInRange(range('2026-12-20', '2027-01-12', 'UTC'), 'week', 'UTC')).toEqual([
      '2026-12-14',
      '2026-12-21',
      '2026-12-28', // the ISO week containing Thu 2026-12-31 and Fri 2027-01-01
      '2027-01-04',
      '2027-01-11',
    ]);
  });

  it('months across Dec → Jan', () => {
    expect(bucketKeysInRange(range('2026-11-15', '2027-02-10', berlin), 'month', berlin)).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
      '2027-02-01',
    ]);
    // to = Jan 1 exclusive: January is not touched.
    expect(bucketKeysInRange(range('2026-12-01', '2027-01-01', berlin), 'month', berlin)).toEqual(['2026-12-01']);
  });

  it('an instant exactly at `to` is outside, one millisecond before it is inside', () => {
    const to = bucketStart('2026-03-30', berlin);
    const from = bucketStart('2026-03-28', berlin);
    expect(bucketKeysInRange({ from, to }, 'day', berlin)).toEqual(['2026-03-28', '2026-03-29']);
    expect(bucketKeysInRange({ from, to: new Date(to.getTime() + 1) }, 'day', berlin)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
  });

  it('buckets are local: the same UTC range gives different days in Kolkata', () => {
    const utcDay = { from: at('2026-01-01T00:00:00Z'), to: at('2026-01-02T00:00:00Z') };
    expect(bucketKeysInRange(utcDay, 'day', 'UTC')).toEqual(['2026-01-01']);
    expect(bucketKeysInRange(utcDay, 'day', 'Asia/Kolkata')).toEqual(['2026-01-01', '2026-01-02']); // 05:30 Jan 1 → 05:30 Jan 2 IST
  });

  it('an empty or inverted range has no buckets', () => {
    const instant = at('2026-05-01T00:00:00Z');
    expect(bucketKeysInRange({ from: instant, to: instant }, 'day', 'UTC')).toEqual([]);
    expect(bucketKeysInRange({ from: instant, to: at('2026-04-01T00:00:00Z') }, 'day', 'UTC')).toEqual([]);
  });

  it('every instant of the range falls in a listed bucket (Sydney, spring forward)', () => {
    const sydney = 'Australia/Sydney';
    const r = range('2026-09-28', '2026-10-12', sydney);
    const keys = new Set(bucketKeysInRange(r, 'day', sydney));
    expect(keys.size).toBe(14); // 14 local days, one of them 23 h long
    for (let ms = r.from.getTime(); ms < r.to.getTime(); ms += 15 * 60_000) {
      expect(keys.has(bucketKey(new Date(ms), 'day', sydney))).toBe(true);
    }
  });
});

describe('zeroFill', () => {
  const keys = ['2026-03-23', '2026-03-30', '2026-04-06'];
  const empty = (period: string) => ({ period, incidents: 0 });

  it('keeps the order of keys and fills gaps (Map rows)', () => {
    const rows = new Map([
      ['2026-04-06', { period: '2026-04-06', incidents: 2 }],
      ['2026-03-23', { period: '2026-03-23', incidents: 5 }],
      ['2025-01-01', { period: '2025-01-01', incidents: 9 }], // outside the keys: dropped
    ]);
    expect(zeroFill(keys, rows, empty)).toEqual([
      { period: '2026-03-23', incidents: 5 },
      { period: '2026-03-30', incidents: 0 }, // no row → zero
      { period: '2026-04-06', incidents: 2 },
    ]);
  });

  it('accepts a record and ignores inherited properties', () => {
    expect(zeroFill(['2026-03-30', 'constructor'], { '2026-03-30': 3 }, () => 0)).toEqual([3, 0]);
  });

  it('keeps a falsy row rather than replacing it', () => {
    expect(zeroFill(['a'], { a: 0 }, () => -1)).toEqual([0]);
  });
});
