import { describe, expect, it } from 'vitest';
import { DateRangeError, daysInRange, isWithinRange, previousPeriod, resolveDateRange } from './date-range.js';

const HOUR = 3_600_000;
const hours = (range: { from: Date; to: Date }) => (range.to.getTime() - range.from.getTime()) / HOUR;
const iso = (range: { from: Date; to: Date }) => ({ from: range.from.toISOString(), to: range.to.toISOString() });

describe('resolveDateRange', () => {
  const berlin = 'Europe/Berlin';

  it('reads from/to as local midnights, to exclusive', () => {
    const range = resolveDateRange({ from: '2026-03-23', to: '2026-03-30' }, berlin, '2026-07-15');
    expect(iso(range)).toEqual({
      from: '2026-03-22T23:00:00.000Z', // Mon 00:00 CET (+1)
      to: '2026-03-29T22:00:00.000Z', // Mon 00:00 CEST (+2): the clocks went forward on Sunday
    });
    expect(hours(range)).toBe(167); // 7×24 − 1
    expect(range).toMatchObject({ fromDate: '2026-03-23', toDate: '2026-03-30' });
  });

  it('defaults: to = the day after today, from = to − 90 calendar days', () => {
    const range = resolveDateRange({}, berlin, '2026-07-15');
    expect(range.toDate).toBe('2026-07-16'); // today (07-15) is included
    expect(range.fromDate).toBe('2026-04-17'); // 07-16 − 90: 15 (Jul) + 30 (Jun) + 31 (May) + 14 → Apr 17
    expect(iso(range)).toEqual({ from: '2026-04-16T22:00:00.000Z', to: '2026-07-15T22:00:00.000Z' }); // both CEST (+2)
    expect(hours(range)).toBe(90 * 24);
  });

  it('defaults from relative to a given to, with a custom length', () => {
    // 2027-01-04 − 14 days = 2026-12-21, across the year boundary.
    expect(resolveDateRange({ to: '2027-01-04' }, 'UTC', '2026-07-15', 14)).toMatchObject({ fromDate: '2026-12-21', toDate: '2027-01-04' });
    expect(resolveDateRange({ from: '2026-07-01' }, 'UTC', '2026-07-15')).toMatchObject({ fromDate: '2026-07-01', toDate: '2026-07-16' });
  });

  it('a default range over the autumn change keeps whole local days', () => {
    // [2026-10-20, 2026-10-30) in Berlin: 10 local days, one of them (10-25) 25 h long → 241 h.
    const range = resolveDateRange({ to: '2026-10-30' }, berlin, '2026-12-01', 10);
    expect(range.fromDate).toBe('2026-10-20');
    expect(hours(range)).toBe(10 * 24 + 1);
  });

  it.each([
    // params, param named, why
    [{ from: '2026-02-30' }, 'from', 'from must be a calendar date YYYY-MM-DD that exists, got "2026-02-30"'],
    [{ to: 'yesterday' }, 'to', 'to must be a calendar date YYYY-MM-DD that exists, got "yesterday"'],
    [{ from: '' }, 'from', 'from must be a calendar date YYYY-MM-DD that exists, got ""'],
    [{ from: '2026-01-01T00:00:00Z' }, 'from', 'from must be a calendar date YYYY-MM-DD that exists, got "2026-01-01T00:00:00Z"'],
    // to is exclusive, so from = to is an empty range.
    [{ from: '2026-05-01', to: '2026-05-01' }, 'to', 'to must be after from (to is exclusive: for the single day 2026-05-01 use to=2026-05-02)'],
    [{ from: '2026-05-02', to: '2026-05-01' }, 'to', 'to must be after from (to is exclusive: for the single day 2026-05-02 use to=2026-05-03)'],
    // Default to = 2026-07-16, so a from of 07-16 or later is empty.
    [{ from: '2026-07-16' }, 'from', 'from must be on or before today, 2026-07-15 (to defaults to tomorrow)'],
  ] as const)('%j → 400 naming %s', (params, param, message) => {
    let caught: unknown;
    try {
      resolveDateRange(params, berlin, '2026-07-15');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DateRangeError);
    expect(caught).toMatchObject({ name: 'DateRangeError', param, message });
  });

  it('reports the first bad parameter when both are bad', () => {
    expect(() => resolveDateRange({ from: 'x', to: 'y' }, berlin, '2026-07-15')).toThrow(expect.objectContaining({ param: 'from' }));
  });

  it('treats a bad zone, today or default length as a programmer error, not a 400', () => {
    expect(() => resolveDateRange({}, 'Foo/Bar', '2026-07-15')).toThrow(RangeError);
    expect(() => resolveDateRange({ from: 'bad' }, 'Foo/Bar', '2026-07-15')).not.toThrow(DateRangeError);
    expect(() => resolveDateRange({}, berlin, '2026-7-15')).toThrow(RangeError);
    expect(() => resolveDateRange({}, berlin, '2026-07-15', 0)).toThrow(RangeError);
    expect(() => resolveDateRange({}, berlin, '2026-07-15', 1.5)).toThrow(RangeError);
  });
});

describe('isWithinRange (half-open)', () => {
  const range = resolveDateRange({ from: '2026-01-01', to: '2026-01-02' }, 'Asia/Kolkata', '2026-07-15');

  it.each([
    ['2025-12-31T18:29:59.999Z', false], // 23:59:59.999 IST on Dec 31
    ['2025-12-31T18:30:00.000Z', true], // from: 00:00 IST on Jan 1, included
    ['2026-01-01T18:29:00.000Z', true], // 23:59 IST on Jan 1
    ['2026-01-01T18:29:59.999Z', true], // last millisecond
    ['2026-01-01T18:30:00.000Z', false], // exactly `to` (00:00 IST on Jan 2): outside
  ])('%s → %s', (instant, inside) => {
    expect(isWithinRange(new Date(instant), range)).toBe(inside);
  });
});

describe('previousPeriod', () => {
  const berlin = 'Europe/Berlin';

  it('is the same number of local days immediately before, whatever their length in hours', () => {
    // The week after the spring change [03-30, 04-06) is 168 h; before it, [03-23, 03-30) is 167 h.
    const range = resolveDateRange({ from: '2026-03-30', to: '2026-04-06' }, berlin, '2026-07-15');
    const previous = previousPeriod(range, berlin);
    expect(iso(previous)).toEqual({ from: '2026-03-22T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' }); // Mon 03-23 00:00 CET → Mon 03-30 00:00 CEST
    expect(hours(range)).toBe(168);
    expect(hours(previous)).toBe(167); // 7 whole local days; 168 h back would start at Sun 03-22 23:00 CET
    expect(previous.to).toEqual(range.from); // contiguous, no gap or overlap
  });

  it('across the autumn change and a year boundary', () => {
    // [2026-10-25, 2026-11-01): 7 days with a 25 h Sunday → previous is [10-18, 10-25): 168 h.
    const autumn = resolveDateRange({ from: '2026-10-25', to: '2026-11-01' }, berlin, '2026-12-01');
    expect(hours(autumn)).toBe(169);
    expect(iso(previousPeriod(autumn, berlin))).toEqual({ from: '2026-10-17T22:00:00.000Z', to: '2026-10-24T22:00:00.000Z' });
    // January 2027 (31 days) → the 31 days before: [2026-12-01, 2027-01-01).
    const january = resolveDateRange({ from: '2027-01-01', to: '2027-02-01' }, berlin, '2027-03-01');
    expect(iso(previousPeriod(january, berlin))).toEqual({ from: '2026-11-30T23:00:00.000Z', to: '2026-12-31T23:00:00.000Z' });
  });

  it('a 90-day default range in Sydney spanning the October change', () => {
    // [2026-08-01, 2026-10-30): 90 days; previous is 90 days before 08-01 → [2026-05-03, 2026-08-01), all AEST (+10).
    const range = resolveDateRange({ from: '2026-08-01', to: '2026-10-30' }, 'Australia/Sydney', '2026-12-01');
    expect(hours(range)).toBe(90 * 24 - 1);
    const previous = previousPeriod(range, 'Australia/Sydney');
    expect(iso(previous)).toEqual({ from: '2026-05-02T14:00:00.000Z', to: '2026-07-31T14:00:00.000Z' });
    expect(hours(previous)).toBe(90 * 24);
  });

  it('rejects an empty range', () => {
    const instant = new Date('2026-01-01T00:00:00Z');
    expect(() => previousPeriod({ from: instant, to: instant }, 'UTC')).toThrow(RangeError);
  });
});

describe('daysInRange', () => {
  it('lists local dates of the half-open range', () => {
    const range = resolveDateRange({ from: '2026-12-30', to: '2027-01-02' }, 'America/New_York', '2027-03-01');
    expect(daysInRange(range, 'America/New_York')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']); // 01-02 is `to`: excluded
  });

  it('includes the 23 h and 25 h days once each', () => {
    const ny = 'America/New_York';
    expect(daysInRange(resolveDateRange({ from: '2026-03-07', to: '2026-03-10' }, ny, '2026-07-01'), ny)).toEqual([
      '2026-03-07',
      '2026-03-08', // 23 h
      '2026-03-09',
    ]);
    expect(daysInRange(resolveDateRange({ from: '2026-10-31', to: '2026-11-03' }, ny, '2026-12-01'), ny)).toEqual([
      '2026-10-31',
      '2026-11-01', // 25 h
      '2026-11-02',
    ]);
  });
});
