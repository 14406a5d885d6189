import { describe, expect, it } from 'vitest';
import type { AnnotationListItem, BeforeAfterResponse } from '@firewatch/shared';
import {
  annotationOptionLabel,
  beforeAfterSentence,
  beforeAfterWeekLabel,
  beforeAfterWeekName,
  beforeAfterWeekRange,
  beforeAfterWeekTick,
  breakdownRows,
  comparedServices,
  defaultAnnotation,
  formatChange,
  parseServicesView,
  withServicesView,
} from './services-view';

describe('the page’s own URL parameters', () => {
  it.each([
    ['', { by: 'services', annotation: null, weeks: 8 }],
    ['by=causes&annotation=ann-1&weeks=12', { by: 'causes', annotation: 'ann-1', weeks: 12 }],
    ['by=teams&annotation=%20&weeks=53', { by: 'services', annotation: null, weeks: 8 }], // 53 > the API's 52
    ['weeks=2.5', { by: 'services', annotation: null, weeks: 8 }],
    ['weeks=1', { by: 'services', annotation: null, weeks: 1 }],
  ])('%j → %j', (search, view) => {
    expect(parseServicesView(new URLSearchParams(search))).toEqual(view);
  });

  it('writes only what differs from the defaults and keeps the filters', () => {
    const params = withServicesView(new URLSearchParams('preset=year&weeks=4'), { by: 'causes', annotation: 'ann-1', weeks: 8 });
    expect(params.toString()).toBe('preset=year&by=causes&annotation=ann-1');
  });
});

describe('formatChange', () => {
  it.each([
    [0.4, 10, '+40%'],
    [-0.25, 3, '−25%'],
    [0.0001, 5, '0%'],
    [-1, 0, '−100%'], // gone entirely
    [null, 4, 'new'], // the previous period had none
    [null, 0, '—'],
    [0.053, 1, '+5.3%'],
  ])('%s (now %s) → %s', (change, current, text) => {
    expect(formatChange(change, current)).toBe(text);
  });
});

const figures = { incidents: 2, majorIncidents: 1, workloadHours: 3.5, outOfHoursHours: 1, pages: 4 };
const item = { ...figures, name: 'API', ttrMedianMinutes: 30, ttrExcluded: 0, previous: figures, workloadHoursChange: 0, incidentsChange: 0, share: 1, cumulativeShare: 1 };

it('breakdown rows carry their key: the service’s external id or the cause tag', () => {
  expect(breakdownRows([{ ...item, externalId: 'svc-api' }]).map((r) => r.key)).toEqual(['svc-api']);
  expect(breakdownRows([{ ...item, cause: 'deploy' }]).map((r) => r.key)).toEqual(['deploy']);
});

const annotation = (externalId: string, services: string[], date = '2026-03-17'): AnnotationListItem => ({
  externalId,
  title: `Title ${externalId}`,
  kind: 'launch',
  at: `${date}T09:00:00.000Z`,
  endAt: null,
  date,
  endDate: null,
  services: services.map((s) => ({ externalId: s, name: s.toUpperCase() })),
});

describe('choosing the annotation and its services', () => {
  it('defaults to the latest annotation that names services', () => {
    expect(defaultAnnotation([annotation('a', ['x']), annotation('b', ['y']), annotation('freeze', [])])?.externalId).toBe('b');
    expect(defaultAnnotation([annotation('freeze', [])])).toBeNull();
  });

  it.each([
    [['svc-a'], [], []], // its own services: none sent
    [['svc-a'], ['svc-b'], []], // its own win over the filter bar
    [[], ['svc-b', 'svc-c'], ['svc-b', 'svc-c']], // none of its own: the filter bar's
    [[], [], null], // neither: nothing to compare
  ])('annotation services %j, filter %j → %j', (own, filter, expected) => {
    expect(comparedServices(annotation('a', own), filter)).toEqual(expected);
  });

  it('labels an option with its title, kind, day and services', () => {
    expect(annotationOptionLabel(annotation('a', ['svc-a', 'svc-b']))).toBe('Title a · launch, 17 Mar 2026 · SVC-A, SVC-B');
    expect(annotationOptionLabel(annotation('f', []))).toBe('Title f · launch, 17 Mar 2026 · no services');
  });
});

describe('before/after weeks', () => {
  it.each([
    [-8, '2026-01-20', '−8', '8th week before (from 20 Jan 2026)'],
    [-1, '2026-03-10', '−1', '1st week before (from 10 Mar 2026)'],
    [0, '2026-03-17', '+1', '1st week after (from 17 Mar 2026)'],
    [2, '2026-03-31', '+3', '3rd week after (from 31 Mar 2026)'],
  ])('week %s from %s → tick %s, label %s', (week, from, tick, label) => {
    expect(beforeAfterWeekTick(week)).toBe(tick);
    expect(beforeAfterWeekName(week)).toBe(week < 0 ? `${-week} before` : `${week + 1} after`);
    expect(beforeAfterWeekLabel(week, from)).toBe(label);
  });

  it('a week drills to its seven days, across a month end', () => {
    expect(beforeAfterWeekRange({ week: 1, from: '2026-03-28', incidents: 0, workloadHours: 0 })).toEqual({ from: '2026-03-28', to: '2026-04-04' });
  });

  it('states the finding with the numbers behind both ratios', () => {
    const window = (from: string, to: string, incidents: number, hours: number) => ({
      from, to, incidents, workloadHours: hours, incidentsPerWeek: incidents / 8, workloadHoursPerWeek: Math.round((hours / 8) * 100) / 100,
    });
    const report: BeforeAfterResponse = {
      annotation: { externalId: 'ann', title: 'Checkout v2 launch', kind: 'launch', at: '2026-03-17T09:00:00.000Z', date: '2026-03-17' },
      services: [{ externalId: 'svc-checkout', name: 'Checkout' }],
      timezone: 'UTC',
      weeks: 8,
      before: window('2026-01-20', '2026-03-17', 10, 20), // 1.25 / week, 2.5 h / week
      after: window('2026-03-17', '2026-05-12', 21, 41), // 2.625 / week, 5.13 h / week
      incidentsRatio: 2.1,
      workloadHoursRatio: 2.05,
      weekly: [],
    };
    expect(beforeAfterSentence(report)).toBe(
      'In the 8 weeks after Checkout v2 launch (17 Mar 2026), Checkout had 2.63 incidents per week (21) against 1.25 (10) in the 8 weeks before: ×2.1. ' +
        'Workload: 5.1 h per week (41 h) against 2.5 h (20 h): ×2.05.',
    );
    expect(beforeAfterSentence({ ...report, incidentsRatio: null })).toContain('(10) in the 8 weeks before: no ratio (none before).');
  });
});
