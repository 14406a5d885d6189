import { describe, expect, it } from 'vitest';
import { describeReviewPeriod, lastCompleteQuarter, parseReviewPeriod, pickerQuarters, quarterRange, withReviewPeriod } from './review-period';

const parse = (query: string, today = '2026-12-07') => parseReviewPeriod(new URLSearchParams(query), today);

describe('quarters', () => {
  it.each([
    ['2026-Q1', { from: '2026-01-01', to: '2026-04-01' }],
    ['2026-Q3', { from: '2026-07-01', to: '2026-10-01' }],
    ['2026-Q4', { from: '2026-10-01', to: '2027-01-01' }], // crosses the year boundary: `to` is exclusive
  ])('%s covers %o', (quarter, range) => {
    expect(quarterRange(quarter)).toEqual(range);
  });

  it.each([
    ['2026-12-07', '2026-Q3'], // in Q4: the last complete one is Q3
    ['2026-10-01', '2026-Q3'], // the first day of Q4: Q3 has just ended
    ['2026-09-30', '2026-Q2'], // the last day of Q3: Q3 is not complete yet
    ['2026-02-10', '2025-Q4'], // across a year
  ])('on %s the last complete quarter is %s', (today, quarter) => {
    expect(lastCompleteQuarter(today)).toBe(quarter);
  });

  it('offers the current quarter and the eight before it, newest first', () => {
    expect(pickerQuarters('2026-12-07')).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1', '2024-Q4']);
  });
});

describe('parseReviewPeriod', () => {
  it('defaults to the last complete quarter', () => {
    expect(parse('')).toEqual({ kind: 'quarter', quarter: '2026-Q3', range: { from: '2026-07-01', to: '2026-10-01' } });
  });

  it('reads a quarter, and it wins over from/to', () => {
    expect(parse('quarter=2025-Q2&from=2026-01-01&to=2026-02-01')).toEqual({ kind: 'quarter', quarter: '2025-Q2', range: { from: '2025-04-01', to: '2025-07-01' } });
  });

  it('reads a custom range, to exclusive', () => {
    expect(parse('from=2026-08-03&to=2026-11-03')).toEqual({ kind: 'custom', range: { from: '2026-08-03', to: '2026-11-03' } });
  });

  it.each(['quarter=2026-Q5', 'quarter=2026Q1', 'from=2026-03-10&to=2026-03-10', 'from=2026-02-30&to=2026-03-10', 'from=2026-03-01'])(
    'falls back to the default for %s',
    (query) => {
      expect(parse(query)).toEqual(parse(''));
    },
  );
});

describe('withReviewPeriod', () => {
  it('writes the period and keeps the filters', () => {
    const params = new URLSearchParams('preset=last90&team=core&from=2026-01-01&to=2026-02-01');
    expect(withReviewPeriod(params, parse('quarter=2026-Q2')).toString()).toBe('team=core&quarter=2026-Q2');
    expect(withReviewPeriod(params, parse('from=2026-08-03&to=2026-11-03')).toString()).toBe('team=core&from=2026-08-03&to=2026-11-03');
  });

  it('round-trips through the URL', () => {
    for (const query of ['quarter=2024-Q4', 'from=2026-08-03&to=2026-11-03']) {
      const period = parse(query);
      expect(parse(withReviewPeriod(new URLSearchParams(), period).toString())).toEqual(period);
    }
  });
});

describe('describeReviewPeriod', () => {
  it('names a quarter with its days, and a custom range by its days', () => {
    expect(describeReviewPeriod(parse('quarter=2026-Q3'))).toBe('Q3 2026 (1 Jul – 30 Sept 2026)');
    expect(describeReviewPeriod(parse('from=2026-08-03&to=2026-11-03'))).toBe('3 Aug – 2 Nov 2026');
  });
});
