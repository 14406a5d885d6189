import { describe, expect, it } from 'vitest';
import {
  customRange,
  defaultFilters,
  filterSearch,
  formatDateRange,
  lastIncludedDay,
  parseFilters,
  parseIsoDate,
  resolveDateRange,
  serializeFilters,
  withFilters,
  type FilterState,
} from './filter-state';

const parse = (query: string) => parseFilters(new URLSearchParams(query));
const today = '2025-11-20'; // a Thursday in Q4

describe('parseFilters', () => {
  it('gives the defaults for an empty query', () => {
    expect(parse('')).toEqual(defaultFilters);
    expect(defaultFilters.date).toEqual({ preset: 'last30' });
  });

  it('reads every parameter', () => {
    expect(parse('preset=last90&team=payments&service=api&service=db&severity=2')).toEqual({
      date: { preset: 'last90' },
      team: 'payments',
      services: ['api', 'db'],
      maxSeverity: 2,
    });
  });

  it.each([
    ['unknown preset', 'preset=last7', { preset: 'last30' }],
    ['custom without dates', 'preset=custom', { preset: 'last30' }],
    ['custom with one date', 'preset=custom&from=2025-01-01', { preset: 'last30' }],
    ['custom with an impossible day', 'preset=custom&from=2025-02-30&to=2025-03-10', { preset: 'last30' }],
    ['custom with a non-ISO date', 'preset=custom&from=01/02/2025&to=2025-03-10', { preset: 'last30' }],
    ['custom ending before it starts', 'preset=custom&from=2025-03-10&to=2025-03-01', { preset: 'last30' }],
    ['custom of zero days (to is exclusive)', 'preset=custom&from=2025-03-10&to=2025-03-10', { preset: 'last30' }],
    ['from/to beside a relative preset', 'preset=year&from=2025-01-01&to=2025-02-01', { preset: 'year' }],
  ])('ignores an invalid date selection: %s', (_, query, expected) => {
    expect(parse(query).date).toEqual(expected);
  });

  it.each([
    ['0', null],
    ['6', null],
    ['2.5', null],
    ['-1', null],
    ['two', null],
    ['', null],
    ['1', 1],
    ['5', 5],
  ])('severity=%s reads as %s', (value, expected) => {
    expect(parse(`severity=${value}`).maxSeverity).toBe(expected);
  });

  it('ignores empty team and service values', () => {
    expect(parse('team=&service=&service=%20')).toEqual(defaultFilters);
  });

  it('takes the first non-empty team when the parameter repeats', () => {
    expect(parse('team=&team=infra&team=data').team).toBe('infra');
  });

  it('keeps repeated services in order, once each', () => {
    expect(parse('service=b&service=a&service=b').services).toEqual(['b', 'a']);
  });

  it('reads a custom range, to exclusive', () => {
    expect(parse('preset=custom&from=2025-01-01&to=2025-04-01').date).toEqual({
      preset: 'custom',
      from: '2025-01-01',
      to: '2025-04-01',
    });
  });

  it('treats a bare from/to pair as a custom range', () => {
    expect(parse('from=2025-01-01&to=2025-02-01').date).toEqual({ preset: 'custom', from: '2025-01-01', to: '2025-02-01' });
  });
});

describe('serializeFilters', () => {
  it('writes nothing for the defaults', () => {
    expect(serializeFilters(defaultFilters).toString()).toBe('');
    expect(filterSearch(defaultFilters)).toBe('');
  });

  it('writes services as a repeated parameter', () => {
    const state: FilterState = { ...defaultFilters, date: { preset: 'last90' }, services: ['a', 'b'] };
    expect(serializeFilters(state).toString()).toBe('preset=last90&service=a&service=b');
    expect(filterSearch(state)).toBe('?preset=last90&service=a&service=b');
  });

  it.each<[string, FilterState]>([
    ['defaults', defaultFilters],
    ['a relative preset', { ...defaultFilters, date: { preset: 'quarter' } }],
    ['a custom range', { ...defaultFilters, date: { preset: 'custom', from: '2024-12-30', to: '2025-01-06' } }],
    ['every filter', { date: { preset: 'year' }, team: 'core platform', services: ['svc-api', 'svc/db'], maxSeverity: 3 }],
  ])('round-trips %s', (_, state) => {
    expect(parseFilters(serializeFilters(state))).toEqual(state);
  });

  it('normalises a messy query: parse → serialise drops what was ignored', () => {
    const messy = 'severity=9&preset=last90&from=2025-01-01&service=a&service=a&team=';
    expect(serializeFilters(parse(messy)).toString()).toBe('preset=last90&service=a');
  });
});

describe('withFilters', () => {
  it('replaces the filter parameters and keeps the page’s own', () => {
    const current = new URLSearchParams('sort=-declaredAt&service=old&page=2&preset=year');
    const next = withFilters(current, { ...defaultFilters, services: ['new'] });
    expect(next.toString()).toBe('sort=-declaredAt&page=2&service=new');
  });
});

describe('resolveDateRange', () => {
  it.each([
    // Relative presets include today; `to` is tomorrow because it is exclusive.
    ['last30', { from: '2025-10-22', to: '2025-11-21' }], // 10 days of Oct (22–31) + 20 of Nov = 30
    ['last90', { from: '2025-08-23', to: '2025-11-21' }], // 9 (Aug 23–31) + 30 + 31 + 20 = 90
    ['quarter', { from: '2025-10-01', to: '2025-11-21' }], // Q4 starts 1 Oct
    ['year', { from: '2024-11-21', to: '2025-11-21' }], // 365 days, no 29 Feb in between
  ] as const)('%s relative to %s', (preset, expected) => {
    expect(resolveDateRange({ preset }, today)).toEqual(expected);
  });

  it('returns a custom range as given', () => {
    expect(resolveDateRange({ preset: 'custom', from: '2025-01-01', to: '2025-04-01' }, today)).toEqual({
      from: '2025-01-01',
      to: '2025-04-01',
    });
  });

  it('crosses a year boundary', () => {
    expect(resolveDateRange({ preset: 'last30' }, '2026-01-05')).toEqual({ from: '2025-12-07', to: '2026-01-06' });
    expect(resolveDateRange({ preset: 'quarter' }, '2026-01-05')).toEqual({ from: '2026-01-01', to: '2026-01-06' });
  });

  it('counts 29 February in a leap year', () => {
    // [2023-03-02, 2024-03-02) would be 366 days because it holds 29 Feb 2024, so 365 days start a day later.
    expect(resolveDateRange({ preset: 'year' }, '2024-03-01')).toEqual({ from: '2023-03-03', to: '2024-03-02' });
  });

  it('starts "this quarter" today on the first day of a quarter', () => {
    expect(resolveDateRange({ preset: 'quarter' }, '2025-07-01')).toEqual({ from: '2025-07-01', to: '2025-07-02' });
  });
});

describe('custom ranges as people pick them', () => {
  it('turns two inclusive days into an exclusive `to`', () => {
    expect(customRange('2025-01-01', '2025-03-31')).toEqual({ preset: 'custom', from: '2025-01-01', to: '2025-04-01' });
  });

  it('accepts the days in either order', () => {
    expect(customRange('2025-03-31', '2025-01-01')).toEqual({ preset: 'custom', from: '2025-01-01', to: '2025-04-01' });
  });

  it('allows a single day', () => {
    expect(customRange('2025-02-28', '2025-02-28')).toEqual({ preset: 'custom', from: '2025-02-28', to: '2025-03-01' });
  });

  it('shows the last included day of an exclusive range', () => {
    expect(lastIncludedDay({ from: '2024-02-01', to: '2024-03-01' })).toBe('2024-02-29');
  });
});

describe('parseIsoDate', () => {
  it.each([
    ['2025-01-31', '2025-01-31'],
    ['2024-02-29', '2024-02-29'],
    ['2025-02-29', null],
    ['2025-13-01', null],
    ['2025-1-1', null],
    ['2025-01-01T00:00:00Z', null],
    ['', null],
  ])('%s → %s', (value, expected) => {
    expect(parseIsoDate(value)).toBe(expected);
  });
});

describe('formatDateRange', () => {
  it.each([
    [{ from: '2025-10-22', to: '2025-11-21' }, '22 Oct – 20 Nov 2025'],
    [{ from: '2024-12-07', to: '2025-01-06' }, '7 Dec 2024 – 5 Jan 2025'],
    [{ from: '2025-03-04', to: '2025-03-05' }, '4 Mar 2025'],
  ])('%o → %s', (range, expected) => {
    expect(formatDateRange(range)).toBe(expected);
  });
});
