import { DateTime } from 'luxon';
import type { AnnotationListItem, HeatmapCell, HolidayEffect, SeasonalityPeriod, YearOverYear } from '@firewatch/shared';
import { hourSpan, monthNames, weekdayNames } from '../../components/calendar-labels.js';
import { headingSlug } from '../../components/charts/definition-link.js';
import { formatCount, formatRatio } from '../../components/charts/format.js';
import type { DateRange, IsoDate } from '../filters/filter-state.js';

/**
 * The Seasonality page's view model: the API's rows → what the charts draw and where a click leads.
 * No metric is computed here (the API computes them, SPEC §2.3); only calendar keys, labels and links.
 * Relative imports carry `.js`: the browser tests import this module under Node's resolution.
 */

/** The METRICS.md section every chart of the page links to. */
export const SEASONALITY_DEFINITION = headingSlug('Seasonality');

export const granularities = ['daily', 'weekly', 'monthly'] as const;
export type Granularity = (typeof granularities)[number];
export const granularityLabels: Record<Granularity, string> = { daily: 'Day', weekly: 'Week', monthly: 'Month' };

export const trendMeasures = ['incidents', 'workloadHours', 'pages'] as const;
export type TrendMeasure = (typeof trendMeasures)[number];
export const trendMeasureLabels: Record<TrendMeasure, string> = { incidents: 'Incidents', workloadHours: 'Workload hours', pages: 'Pages' };

export const heatmapMeasures = ['incidents', 'pages'] as const;
export type HeatmapMeasure = (typeof heatmapMeasures)[number];

/**
 * The page's own URL parameters, beside the shared filters: `trend` (day / week (default) / month),
 * `measure` of the trend (incidents (default) / workloadHours / pages) and `heatmap` (incidents
 * (default) / pages). An unknown value is the default, never an error.
 */
export interface SeasonalityView {
  trend: Granularity;
  measure: TrendMeasure;
  heatmap: HeatmapMeasure;
}

export const defaultSeasonalityView: SeasonalityView = { trend: 'weekly', measure: 'incidents', heatmap: 'incidents' };

const pick = <T extends string>(values: readonly T[], value: string | null, fallback: T): T =>
  (values as readonly string[]).includes(value ?? '') ? (value as T) : fallback;

export function parseSeasonalityView(params: URLSearchParams): SeasonalityView {
  return {
    trend: pick(granularities, params.get('trend'), defaultSeasonalityView.trend),
    measure: pick(trendMeasures, params.get('measure'), defaultSeasonalityView.measure),
    heatmap: pick(heatmapMeasures, params.get('heatmap'), defaultSeasonalityView.heatmap),
  };
}

/** `params` with the view written in (defaults left out), every other parameter kept. */
export function withSeasonalityView(params: URLSearchParams, view: SeasonalityView): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of ['trend', 'measure', 'heatmap'] as const) {
    if (view[name] === defaultSeasonalityView[name]) next.delete(name);
    else next.set(name, view[name]);
  }
  return next;
}

const utcDay = (value: IsoDate) => DateTime.fromISO(value, { zone: 'utc' });
const iso = (value: DateTime): IsoDate => value.toISODate() ?? '';

/** The bucket of `granularity` a local date falls in: the day, the Monday of its ISO week, the 1st of its month. */
export function bucketOf(date: IsoDate, granularity: Granularity): IsoDate {
  const day = utcDay(date);
  if (granularity === 'weekly') return iso(day.startOf('week'));
  if (granularity === 'monthly') return iso(day.startOf('month'));
  return date;
}

/** The first day after a bucket that starts on `period`. */
export function bucketEnd(period: IsoDate, granularity: Granularity): IsoDate {
  const unit = granularity === 'daily' ? { days: 1 } : granularity === 'weekly' ? { weeks: 1 } : { months: 1 };
  return iso(utcDay(period).plus(unit));
}

/** The days `[from, to)` clipped to the selected range: edge weeks and months may be partial. */
export function clipToRange(from: IsoDate, to: IsoDate, range: DateRange): DateRange {
  return { from: from > range.from ? from : range.from, to: to < range.to ? to : range.to };
}

/** A trend bucket's days inside the range: where a click on its bar leads (the incident list of those days). */
export function periodDrillRange(period: IsoDate, granularity: Granularity, range: DateRange): DateRange {
  return clipToRange(period, bucketEnd(period, granularity), range);
}

/** A month of the year-over-year overlay (1 = January) inside the range, or null when none of its days is. */
export function monthDrillRange(year: number, month: number, range: DateRange): DateRange | null {
  const first = iso(DateTime.utc(year, month, 1));
  const clipped = clipToRange(first, bucketEnd(first, 'monthly'), range);
  return clipped.from < clipped.to ? clipped : null;
}

/** Axis tick and tooltip heading of a bucket. */
export function periodTick(period: IsoDate, granularity: Granularity): string {
  const day = utcDay(period).setLocale('en-GB');
  return granularity === 'monthly' ? day.toFormat('LLL yy') : day.toFormat('d LLL');
}

export function periodLabel(period: IsoDate, granularity: Granularity): string {
  const day = utcDay(period).setLocale('en-GB');
  if (granularity === 'weekly') return `Week of ${day.toFormat('d LLL yyyy')}`;
  if (granularity === 'monthly') return day.toFormat('LLLL yyyy');
  return day.toFormat('ccc d LLL yyyy');
}

/** The value a trend bar draws for a measure. */
export const trendValue = (row: SeasonalityPeriod, measure: TrendMeasure): number => row[measure];

/** An annotation drawn on the trend (a `ChartMarker` of the combo chart, with the annotation it stands for). */
export interface AnnotationMarker {
  key: string;
  category: IsoDate;
  endCategory?: IsoDate;
  label: string;
  annotation: AnnotationListItem;
}

/**
 * Annotations as chart markers on a trend of `granularity`: a line at the bucket of its start, a band
 * to the bucket of its end; numbered 1, 2… in date order for the list under the chart. Annotations
 * ending before the first bucket or starting after the last are left out.
 */
export function annotationMarkers(annotations: readonly AnnotationListItem[], granularity: Granularity, rows: readonly SeasonalityPeriod[]): AnnotationMarker[] {
  const first = rows[0]?.period;
  const last = rows.at(-1)?.period;
  if (first === undefined || last === undefined) return [];
  const markers: AnnotationMarker[] = [];
  for (const annotation of annotations) {
    const start = bucketOf(annotation.date, granularity);
    const end = bucketOf(annotation.endDate ?? annotation.date, granularity);
    if (end < first || start > last) continue;
    const category = start < first ? first : start;
    const endCategory = end > last ? last : end;
    markers.push({
      key: annotation.externalId,
      category,
      ...(endCategory !== category ? { endCategory } : {}),
      label: String(markers.length + 1),
      annotation,
    });
  }
  return markers;
}

/** The heatmap's cell of ISO weekday `weekday` (1 = Monday) and `hour`; the API sends all 168, Monday 00:00 first. */
export function heatmapCellAt(cells: readonly HeatmapCell[], weekday: number, hour: number): HeatmapCell {
  return cells[(weekday - 1) * 24 + hour] ?? { weekday, hour, incidents: 0, pages: 0 };
}

/** "Tuesday 14:00–15:00". */
export function describeHeatmapCell(weekday: number, hour: number): string {
  return `${weekdayNames[weekday - 1]} ${hourSpan(hour)}`;
}

export interface ProfileRow {
  label: string;
  /** Mean incidents per day in this bucket ÷ mean incidents per day (1 = an average day). */
  index: number;
}

/** An index array (weekday or month) as chart rows; empty when the API has none (null). */
export function profileRows(index: readonly number[] | null, labels: readonly string[]): ProfileRow[] {
  return index ? index.map((value, i) => ({ label: labels[i] ?? String(i + 1), index: value })) : [];
}

/** A bar of the weekday profile, with its ISO weekday (1 = Monday) and the incidents declared on it. */
export interface WeekdayProfileRow extends ProfileRow {
  weekday: number;
  /** Incidents declared on this weekday over the range: its row of the heatmap, summed (what the list drills down to). */
  incidents: number;
}

/** The weekday profile's rows; empty when the API has no index (null). */
export function weekdayProfileRows(index: readonly number[] | null, heatmap: readonly HeatmapCell[]): WeekdayProfileRow[] {
  return profileRows(index, weekdayNames).map((row, i) => ({
    ...row,
    weekday: i + 1,
    incidents: heatmap.reduce((sum, cell) => (cell.weekday === i + 1 ? sum + cell.incidents : sum), 0),
  }));
}

export interface YearOverYearRow {
  /** 1 = January. */
  month: number;
  /** Incidents per year key (`y2025`), null for a month outside the range. */
  counts: Record<string, number | null>;
}

export const yearKey = (year: number) => `y${year}`;

/** The overlay's rows: one per month of the year, a count per calendar year. */
export function yearOverYearRows(years: readonly YearOverYear[]): YearOverYearRow[] {
  return monthNames.map((_, i) => ({
    month: i + 1,
    counts: Object.fromEntries(years.map((y) => [yearKey(y.year), y.months[i] ?? null])),
  }));
}

/** "On the 15 holiday days … 0.73 incidents per day …": the holiday effect as a sentence with the numbers behind it. */
export function holidayEffectSentence(effect: HolidayEffect): string {
  const days = (n: number) => `${formatCount(n)} ${n === 1 ? 'day' : 'days'}`;
  const rate = (value: number | null) => (value === null ? 'no' : value.toLocaleString('en-US', { maximumFractionDigits: 2 }));
  if (effect.holidayDays === 0) {
    const which = effect.country ? `public holidays in ${effect.country} or Dec 20 – Jan 3` : 'Dec 20 – Jan 3; no holiday country is set';
    return `The selected range has no holiday day (${which}), so there is no holiday effect to measure; its ${days(effect.otherDays)} had ${rate(effect.otherRate)} incidents per day.`;
  }
  const which = effect.country
    ? `${formatCount(effect.publicHolidayDays)} public ${effect.publicHolidayDays === 1 ? 'holiday' : 'holidays'} in ${effect.country} and ${days(effect.endOfYearDays)} of Dec 20 – Jan 3, a day in both counted once`
    : 'Dec 20 – Jan 3; no holiday country is set, so public holidays do not count';
  const base = `On the ${days(effect.holidayDays).replace('days', 'holiday days').replace(/ day$/, ' holiday day')} (${which}) there were ${rate(effect.holidayRate)} incidents per day (${formatCount(effect.holidayIncidents)} incidents), against ${rate(effect.otherRate)} per day on the other ${days(effect.otherDays)} (${formatCount(effect.otherIncidents)} incidents)`;
  if (effect.ratio === null) return `${base}.`;
  const change = effect.ratio - 1;
  const direction = Math.abs(change) < 0.005 ? 'about the same rate' : change < 0 ? `${formatRatio(-change)} fewer incidents per day` : `${formatRatio(change)} more incidents per day`;
  return `${base}: a ratio of ${effect.ratio.toLocaleString('en-US', { maximumFractionDigits: 3 })}, ${direction} on holidays.`;
}
