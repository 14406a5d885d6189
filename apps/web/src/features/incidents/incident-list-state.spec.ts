import { describe, expect, it } from 'vitest';
import { defaultFilters } from '../filters/filter-state';
import { defaultView, incidentsPagePath, lastPage, listQuery, parseView, sortBy, withView } from './incident-list-state';

const parse = (query: string) => parseView(new URLSearchParams(query));

describe('parseView', () => {
  it('gives the defaults for an empty query', () => {
    expect(parse('')).toEqual({ kind: 'incident', q: '', sort: 'declaredAt', order: 'desc', page: 1, weekday: null, hour: null, cause: null, escalationReason: null, responder: null });
  });

  it('reads every parameter', () => {
    expect(parse('kind=all&q=disk%20full&sort=severity&order=asc&page=3&weekday=2&hour=0&cause=bad%20deploy&escalationReason=timeout&responder=r-ada')).toEqual({
      kind: 'all',
      q: 'disk full',
      sort: 'severity',
      order: 'asc',
      page: 3,
      weekday: 2,
      hour: 0,
      cause: 'bad deploy',
      escalationReason: 'timeout',
      responder: 'r-ada',
    });
  });

  it.each([
    ['kind=incidents', { kind: 'incident' }],
    ['sort=drop', { sort: 'declaredAt' }],
    ['order=up', { order: 'desc' }],
    ['page=0', { page: 1 }],
    ['page=two', { page: 1 }],
    ['page=1.5', { page: 1 }],
    ['q=%20%20', { q: '' }],
    ['weekday=0', { weekday: null }], // ISO weekdays are 1–7
    ['weekday=8', { weekday: null }],
    ['hour=24', { hour: null }],
    ['hour=-1', { hour: null }],
    ['cause=', { cause: null }],
    ['escalationReason=paged', { escalationReason: null }],
    ['responder=r%20ada', { responder: null }],
  ])('ignores an invalid value: %s', (query, expected) => {
    expect(parse(query)).toEqual({ ...defaultView, ...expected });
  });
});

describe('withView', () => {
  it('writes only what differs from the defaults and keeps the filter parameters', () => {
    const params = new URLSearchParams('preset=year&service=a&service=b&page=4&q=old');
    expect(withView(params, { ...defaultView, sort: 'severity', order: 'asc', page: 2 }).toString()).toBe(
      'preset=year&service=a&service=b&sort=severity&order=asc&page=2',
    );
  });

  it('writes sort and order together once either differs from the default', () => {
    expect(withView(new URLSearchParams(), { ...defaultView, sort: 'severity' }).toString()).toBe('sort=severity&order=desc');
    expect(withView(new URLSearchParams(), { ...defaultView, order: 'asc' }).toString()).toBe('sort=declaredAt&order=asc');
    expect(withView(new URLSearchParams('sort=title&order=asc'), defaultView).toString()).toBe('');
  });

  it('round-trips', () => {
    const view = { kind: 'game_day', q: '100% & more', sort: 'title', order: 'asc', page: 7, weekday: 7, hour: 0, cause: 'a & b', escalationReason: 'manual', responder: 'r-ada' } as const;
    expect(parseView(withView(new URLSearchParams(), view))).toEqual(view);
  });
});

describe('incidentsPagePath', () => {
  it('keeps the page filters and adds the drill-down', () => {
    const filters = { ...defaultFilters, team: 'core', services: ['svc-db'] };
    expect(incidentsPagePath(filters, { weekday: 2, hour: 14 })).toBe('/incidents?team=core&service=svc-db&weekday=2&hour=14');
    expect(incidentsPagePath(defaultFilters, { cause: 'bad deploy' })).toBe('/incidents?cause=bad+deploy');
    expect(incidentsPagePath(defaultFilters)).toBe('/incidents');
    expect(incidentsPagePath(defaultFilters, { escalationReason: 'timeout', responder: 'r-ada' })).toBe('/incidents?escalationReason=timeout&responder=r-ada');
  });

  it('reads back as the same drill-down', () => {
    const path = incidentsPagePath(defaultFilters, { weekday: 1, hour: 0, cause: 'dns' });
    expect(parseView(new URLSearchParams(path.split('?')[1]))).toMatchObject({ weekday: 1, hour: 0, cause: 'dns' });
  });
});

describe('sortBy', () => {
  it.each([
    ['severity', 'asc'], // most severe (SEV1) first
    ['ttrMinutes', 'desc'], // longest first
    ['title', 'asc'],
  ] as const)('a new column %s starts %s, on page 1', (field, order) => {
    expect(sortBy({ ...defaultView, page: 5 }, field)).toEqual({ ...defaultView, sort: field, order, page: 1 });
  });

  it('the same column again flips the direction', () => {
    expect(sortBy(defaultView, 'declaredAt')).toMatchObject({ sort: 'declaredAt', order: 'asc' });
    expect(sortBy({ ...defaultView, sort: 'severity', order: 'asc' }, 'severity')).toMatchObject({ order: 'desc' });
  });
});

describe('listQuery', () => {
  it('combines the filters, the resolved range and the view', () => {
    const filters = { ...defaultFilters, team: 'core', services: ['svc-db'], maxSeverity: 2 as const };
    expect(listQuery(filters, { from: '2026-01-01', to: '2026-04-01' }, { ...defaultView, q: 'disk', page: 2 })).toEqual({
      from: '2026-01-01',
      to: '2026-04-01',
      team: 'core',
      service: ['svc-db'],
      severity: 2,
      kind: 'incident',
      q: 'disk',
      sort: 'declaredAt',
      order: 'desc',
      page: 2,
      pageSize: 50,
    });
  });

  it('passes the drill-down filters', () => {
    expect(listQuery(defaultFilters, { from: '2026-01-01', to: '2026-04-01' }, { ...defaultView, weekday: 3, hour: 9, cause: 'dns' })).toMatchObject({
      weekday: 3,
      hour: 9,
      cause: 'dns',
    });
  });

  it('leaves out what is not set', () => {
    expect(listQuery(defaultFilters, { from: '2026-01-01', to: '2026-04-01' }, defaultView)).toMatchObject({
      team: undefined,
      service: [],
      severity: undefined,
      q: undefined,
    });
  });
});

describe('lastPage', () => {
  it.each([
    [0, 1],
    [1, 1],
    [50, 1],
    [51, 2],
    [1234, 25], // 24 full pages of 50 + 34
  ])('%i incidents → %i pages of 50', (total, pages) => {
    expect(lastPage(total, 50)).toBe(pages);
  });
});
