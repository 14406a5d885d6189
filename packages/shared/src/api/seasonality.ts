import { z } from 'zod';
import { isoDateSchema } from '../time/index.js';
import { analyticsFiltersShape, resolvedRangeSchema } from './filters.js';
import { freshnessSchema } from './meta.js';

/** Query of `GET /api/v1/analytics/seasonality`: the analytics filters (SPEC §3), nothing else. */
export const seasonalityQuerySchema = z.strictObject({ ...analyticsFiltersShape });
export type SeasonalityQuery = z.output<typeof seasonalityQuerySchema>;

/** Trailing whole ISO weeks an anomaly is measured against (SPEC §2.3). */
export const ANOMALY_TRAILING_WEEKS = 8;
/** A week is anomalous when it exceeds the trailing median by more than this many MADs… */
export const ANOMALY_MAD_FACTOR = 3;
/** …and by at least this many incidents. */
export const ANOMALY_MIN_EXCESS = 3;

const count = (what: string) => z.number().int().min(0).describe(what);
const ratio = (what: string) => z.number().min(0).nullable().describe(what);

/** One day, ISO week or month of the trend (SPEC §2.3 trend), in the organisation time zone. */
export const seasonalityPeriodSchema = z.object({
  period: isoDateSchema.describe('First local day of the bucket: the day, the Monday of the ISO week, or the 1st of the month.'),
  incidents: count('Incidents (kind incident) declared in the bucket.'),
  majorIncidents: count('Of those, with severity ≤ the major threshold of the settings.'),
  bySeverity: z.array(z.number().int().min(0)).length(5).describe('Incidents by severity: [SEV1, SEV2, SEV3, SEV4, SEV5].'),
  workloadHours: z.number().min(0).describe('Workload (SPEC §2.1) inside the bucket, in hours (rounded to 0.01).'),
  pages: count('Pages sent in the bucket.'),
});
export type SeasonalityPeriod = z.infer<typeof seasonalityPeriodSchema>;

/** One cell of the weekday × hour heatmap (org time zone). */
export const heatmapCellSchema = z.object({
  weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday … 7 = Sunday.'),
  hour: z.number().int().min(0).max(23).describe('Local hour of the day, 0–23.'),
  incidents: count('Incidents declared in this weekday and hour.'),
  pages: count('Pages sent in this weekday and hour.'),
});
export type HeatmapCell = z.infer<typeof heatmapCellSchema>;

/** SPEC §2.3 holiday effect, with the day counts behind the ratio. */
export const holidayEffectSchema = z.object({
  country: z.string().nullable().describe('Holiday country of the settings whose public holidays count; null = none, only the end-of-year window.'),
  holidayDays: count('Days of the range that are public holidays or in Dec 20 – Jan 3.'),
  publicHolidayDays: count('Of those, public holidays (some may also be in the end-of-year window).'),
  endOfYearDays: count('Of those, days in Dec 20 – Jan 3.'),
  holidayIncidents: count('Incidents declared on the holiday days.'),
  holidayRate: ratio('Incidents per holiday day; null when the range has none.'),
  otherDays: count('All other days of the range.'),
  otherIncidents: count('Incidents declared on the other days.'),
  otherRate: ratio('Incidents per other day; null when the range has none.'),
  ratio: ratio('holidayRate ÷ otherRate; null when either is missing or otherRate is 0.'),
});
export type HolidayEffect = z.infer<typeof holidayEffectSchema>;

/** A week whose incidents exceed its trailing baseline (SPEC §2.3 anomalies). */
export const seasonalityAnomalySchema = z.object({
  period: isoDateSchema.describe('Monday of the anomalous ISO week.'),
  incidents: count('Incidents declared in the week.'),
  expected: z.number().min(0).describe(`Median incidents of the ${ANOMALY_TRAILING_WEEKS} whole weeks before it.`),
  mad: z.number().min(0).describe('Median absolute deviation of those weeks from their median.'),
  excess: z.number().describe('incidents − expected.'),
});
export type SeasonalityAnomaly = z.infer<typeof seasonalityAnomalySchema>;

/** One calendar year's incidents per month, for the year-over-year overlay. */
export const yearOverYearSchema = z.object({
  year: z.number().int(),
  months: z
    .array(z.number().int().min(0).nullable())
    .length(12)
    .describe('Incidents declared in each month, January first; null for a month with no day in the range.'),
});
export type YearOverYear = z.infer<typeof yearOverYearSchema>;

/**
 * `GET /api/v1/analytics/seasonality` (SPEC §2.3): when incidents, workload and pages come, in the
 * organisation time zone. Incidents are of kind `incident` and count by `declaredAt`.
 */
export const seasonalityResponseSchema = z.object({
  range: resolvedRangeSchema.describe('The local days covered, [from, to).'),
  timezone: z.string().describe('Organisation IANA time zone: days, weeks, months and hours are counted in it.'),
  daily: z.array(seasonalityPeriodSchema).describe('Every day of the range, zero-filled.'),
  weekly: z.array(seasonalityPeriodSchema).describe('Every ISO week overlapping the range, zero-filled; the first and last may be partial.'),
  monthly: z.array(seasonalityPeriodSchema).describe('Every month overlapping the range, zero-filled; the first and last may be partial.'),
  heatmap: z.array(heatmapCellSchema).length(168).describe('All 7 × 24 cells, Monday 00:00 first.'),
  weekdayIndex: z
    .array(z.number().min(0))
    .length(7)
    .nullable()
    .describe('Per ISO weekday (Monday first): mean incidents per day on that weekday ÷ mean incidents per day; null without incidents or with a weekday missing from the range.'),
  monthIndex: z
    .array(z.number().min(0))
    .length(12)
    .nullable()
    .describe('Per month of the year (January first): mean incidents per day in that month ÷ mean incidents per day; null unless the range spans ≥ 12 months and has incidents.'),
  holidayEffect: holidayEffectSchema,
  anomalies: z.array(seasonalityAnomalySchema).describe('Anomalous whole ISO weeks of the range, oldest first.'),
  yearOverYear: z.array(yearOverYearSchema).describe('Each calendar year the range touches, oldest first.'),
  freshness: freshnessSchema,
});
export type SeasonalityResponse = z.infer<typeof seasonalityResponseSchema>;
