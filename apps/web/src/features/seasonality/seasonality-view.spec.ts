import { describe, expect, it } from 'vitest';
import type { AnnotationListItem, HolidayEffect, SeasonalityPeriod } from '@firewatch/shared';
import {
  annotationMarkers,
  bucketEnd,
  bucketOf,
  describeHeatmapCell,
  heatmapCellAt,
  holidayEffectSentence,
  monthDrillRange,
  parseSeasonalityView,
  periodDrillRange,
  periodLabel,
  profileRows,
  withSeasonalityView,
  yearOverYearRows,
} from './seasonality-view';

const range = { from: '2026-01-07', to: '2026-03-04' }; // Wed 7 Jan … Tue 3 Mar 2026

describe('calendar buckets', () => {
  it.each([
    // [date, granularity, bucket, end]
    ['2026-01-07', 'daily', '2026-01-07', '2026-01-08'],
    ['2026-01-07', 'weekly', '2026-01-05', '2026-01-12'], // Wednesday → its Monday
    ['2026-01-04', 'weekly', '2025-12-29', '2026-01-05'], // a Sunday belongs to the week before (ISO), across the year
    ['2026-02-28', 'monthly', '2026-02-01', '2026-03-01'],
    ['2025-12-31', 'monthly', '2025-12-01', '2026-01-01'],
  ] as const)('%s per %s → %s, ends %s', (date, granularity, bucket, end) => {
    expect(bucketOf(date, granularity)).toBe(bucket);
    expect(bucketEnd(bucket, granularity)).toBe(end);
  });

  it.each([
    // A bar's days inside the range: edge buckets are clipped, `to` exclusive.
    ['2026-01-05', 'weekly', { from: '2026-01-07', to: '2026-01-12' }], // first week starts before the range
    ['2026-02-02', 'weekly', { from: '2026-02-02', to: '2026-02-09' }], // a whole week
    ['2026-03-02', 'weekly', { from: '2026-03-02', to: '2026-03-04' }], // last week ends after it
    ['2026-01-01', 'monthly', { from: '2026-01-07', to: '2026-02-01' }],
    ['2026-03-01', 'monthly', { from: '2026-03-01', to: '2026-03-04' }],
    ['2026-02-10', 'daily', { from: '2026-02-10', to: '2026-02-11' }],
  ] as const)('bucket %s per %s drills to %j', (period, granularity, expected) => {
    expect(periodDrillRange(period, granularity, range)).toEqual(expected);
  });

  it('a month of the overlay drills to its days in the range, or nowhere when none is in it', () => {
    expect(monthDrillRange(2026, 1, range)).toEqual({ from: '2026-01-07', to: '2026-02-01' });
    expect(monthDrillRange(2026, 2, range)).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(monthDrillRange(2025, 12, range)).toBeNull();
    expect(monthDrillRange(2026, 4, range)).toBeNull();
  });

  it('writes a bucket as a person reads it', () => {
    expect(periodLabel('2026-01-05', 'weekly')).toBe('Week of 5 Jan 2026');
    expect(periodLabel('2026-02-01', 'monthly')).toBe('February 2026');
    expect(periodLabel('2026-02-10', 'daily')).toBe('Tue 10 Feb 2026');
  });
});

describe('the page’s own URL parameters', () => {
  it('reads defaults for absent or unknown values and writes only what differs from them', () => {
    expect(parseSeasonalityView(new URLSearchParams('trend=yearly&measure=x'))).toEqual({ trend: 'weekly', measure: 'incidents', heatmap: 'incidents' });
    const params = withSeasonalityView(new URLSearchParams('preset=year&trend=daily'), { trend: 'monthly', measure: 'pages', heatmap: 'incidents' });
    expect(params.toString()).toBe('preset=year&trend=monthly&measure=pages');
    expect(withSeasonalityView(params, { trend: 'weekly', measure: 'incidents', heatmap: 'pages' }).toString()).toBe('preset=year&heatmap=pages');
  });
});

const period = (p: string): SeasonalityPeriod => ({ period: p, incidents: 0, majorIncidents: 0, bySeverity: [0, 0, 0, 0, 0], workloadHours: 0, pages: 0 });
const annotation = (externalId: string, date: string, endDate: string | null = null): AnnotationListItem => ({
  externalId,
  title: externalId,
  kind: 'launch',
  at: `${date}T09:00:00.000Z`,
  endAt: endDate ? `${endDate}T09:00:00.000Z` : null,
  date,
  endDate,
  services: [],
});

describe('annotationMarkers', () => {
  const weeks = ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26'].map(period);

  it('puts each annotation on its bucket, numbered in order, with a band to its end bucket clipped to the chart', () => {
    const markers = annotationMarkers(
      [
        annotation('before', '2025-11-01'), // ends before the first week: left out
        annotation('freeze', '2025-12-20', '2026-01-04'), // ends on Sunday 4 Jan: week of 29 Dec, before the chart
        annotation('launch', '2026-01-14'), // Wednesday → week of 12 Jan
        annotation('long', '2026-01-20', '2026-03-01'), // band from week of 19 Jan to the last week shown
        annotation('after', '2026-02-09'),
      ],
      'weekly',
      weeks,
    );
    expect(markers.map(({ key, category, endCategory, label }) => ({ key, category, endCategory, label }))).toEqual([
      { key: 'launch', category: '2026-01-12', endCategory: undefined, label: '1' },
      { key: 'long', category: '2026-01-19', endCategory: '2026-01-26', label: '2' },
    ]);
  });

  it('has no marker on an empty chart', () => {
    expect(annotationMarkers([annotation('launch', '2026-01-14')], 'weekly', [])).toEqual([]);
  });
});

describe('heatmap, profiles and overlay rows', () => {
  it('finds a cell by ISO weekday and hour in the API’s Monday-00:00-first order', () => {
    const cells = Array.from({ length: 168 }, (_, i) => ({ weekday: Math.floor(i / 24) + 1, hour: i % 24, incidents: i, pages: 0 }));
    expect(heatmapCellAt(cells, 2, 14)).toMatchObject({ weekday: 2, hour: 14, incidents: 38 }); // 24 + 14
    expect(heatmapCellAt(cells, 7, 23).incidents).toBe(167);
    expect(describeHeatmapCell(2, 14)).toBe('Tuesday 14:00–15:00');
    expect(describeHeatmapCell(7, 23)).toBe('Sunday 23:00–00:00');
  });

  it('profiles are empty when the API has no index', () => {
    expect(profileRows(null, ['Mon'])).toEqual([]);
    expect(profileRows([1.25, 0.75], ['Mon', 'Tue'])).toEqual([
      { label: 'Mon', index: 1.25 },
      { label: 'Tue', index: 0.75 },
    ]);
  });

  it('the overlay has one row per month and one count per year, null outside the range', () => {
    const rows = yearOverYearRows([
      { year: 2025, months: [null, null, null, null, null, null, null, null, null, null, 4, 9] },
      { year: 2026, months: [7, 3, null, null, null, null, null, null, null, null, null, null] },
    ]);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual({ month: 1, counts: { y2025: null, y2026: 7 } });
    expect(rows[11]).toEqual({ month: 12, counts: { y2025: 9, y2026: null } });
  });
});

describe('holidayEffectSentence', () => {
  const effect = (over: Partial<HolidayEffect>): HolidayEffect => ({
    country: 'DE',
    holidayDays: 20,
    publicHolidayDays: 9,
    endOfYearDays: 15,
    holidayIncidents: 10,
    holidayRate: 0.5,
    otherDays: 345,
    otherIncidents: 345,
    otherRate: 1,
    ratio: 0.5,
    ...over,
  });

  it.each([
    [
      effect({}),
      'On the 20 holiday days (9 public holidays in DE and 15 days of Dec 20 – Jan 3, a day in both counted once) there were 0.5 incidents per day (10 incidents), against 1 per day on the other 345 days (345 incidents): a ratio of 0.5, 50% fewer incidents per day on holidays.',
    ],
    [
      effect({ country: null, holidayDays: 15, publicHolidayDays: 0, holidayIncidents: 30, holidayRate: 2, ratio: 2 }),
      'On the 15 holiday days (Dec 20 – Jan 3; no holiday country is set, so public holidays do not count) there were 2 incidents per day (30 incidents), against 1 per day on the other 345 days (345 incidents): a ratio of 2, 100% more incidents per day on holidays.',
    ],
    [
      effect({ holidayDays: 0, publicHolidayDays: 0, endOfYearDays: 0, holidayIncidents: 0, holidayRate: null, otherDays: 30, otherIncidents: 45, otherRate: 1.5, ratio: null }),
      'The selected range has no holiday day (public holidays in DE or Dec 20 – Jan 3), so there is no holiday effect to measure; its 30 days had 1.5 incidents per day.',
    ],
    [
      effect({ otherIncidents: 0, otherRate: 0, ratio: null }),
      'On the 20 holiday days (9 public holidays in DE and 15 days of Dec 20 – Jan 3, a day in both counted once) there were 0.5 incidents per day (10 incidents), against 0 per day on the other 345 days (0 incidents).',
    ],
    [
      effect({ holidayDays: 1, publicHolidayDays: 1, endOfYearDays: 0, holidayIncidents: 3, holidayRate: 3, ratio: 3 }),
      'On the 1 holiday day (1 public holiday in DE and 0 days of Dec 20 – Jan 3, a day in both counted once) there were 3 incidents per day (3 incidents), against 1 per day on the other 345 days (345 incidents): a ratio of 3, 200% more incidents per day on holidays.',
    ],
  ])('%#', (value, sentence) => {
    expect(holidayEffectSentence(value)).toBe(sentence);
  });
});
