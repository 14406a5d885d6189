import {
  ANOMALY_MAD_FACTOR,
  ANOMALY_MIN_EXCESS,
  ANOMALY_TRAILING_WEEKS,
  addCalendarDays,
  bucketKeyOfDate,
  bucketKeysInRange,
  daysInRange,
  isoWeekdayOfEpochDay,
  parseIsoDate,
  type BucketUnit,
  type HeatmapCell,
  type HolidayEffect,
  type ResolvedDateRange,
  type SeasonalityAnomaly,
  type SeasonalityPeriod,
  type SeasonalityResponse,
  type YearOverYear,
} from '@firewatch/shared';
import type { SeasonalityRows } from './seasonality.query.js';
import { roundRatio } from '../workload/compute-workload-report.js';

export interface SeasonalityInput extends SeasonalityRows {
  range: ResolvedDateRange;
  /** Org IANA time zone the rows' days and hours are in. */
  timeZone: string;
  /** Incidents with severity ≤ this are major (settings). */
  majorSeverity: number;
  /** Holiday country of the settings (null = none) and its public-holiday test. */
  holidayCountry: string | null;
  isPublicHoliday: (date: string) => boolean;
}

const SEVERITIES = 5;
/** Hours to 0.01; ratios and indices to 0.001. */
const roundCents = (value: number): number => Math.round(value * 100) / 100;

/** The median of a non-empty list of numbers (mean of the middle two for an even length). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * SPEC §2.3 anomalies over consecutive whole weeks, oldest first. Week i is measured against the
 * {@link ANOMALY_TRAILING_WEEKS} weeks before it (weeks with fewer before them are not measured): it is
 * anomalous when `incidents − median > ANOMALY_MAD_FACTOR × MAD` and `incidents − median ≥ ANOMALY_MIN_EXCESS`.
 * MAD is the raw median absolute deviation (no normal-consistency factor). With MAD = 0 (a flat
 * baseline), any week at least ANOMALY_MIN_EXCESS above the median is anomalous; a flat series never is.
 */
export function detectAnomalies(weeks: ReadonlyArray<{ period: string; incidents: number }>): SeasonalityAnomaly[] {
  const anomalies: SeasonalityAnomaly[] = [];
  for (let i = ANOMALY_TRAILING_WEEKS; i < weeks.length; i++) {
    const trailing = weeks.slice(i - ANOMALY_TRAILING_WEEKS, i).map((w) => w.incidents);
    const expected = median(trailing);
    const mad = median(trailing.map((n) => Math.abs(n - expected)));
    const { period, incidents } = weeks[i]!;
    const excess = incidents - expected;
    if (excess > ANOMALY_MAD_FACTOR * mad && excess >= ANOMALY_MIN_EXCESS) anomalies.push({ period, incidents, expected, mad, excess });
  }
  return anomalies;
}

/** Whether a date is in the end-of-year window Dec 20 – Jan 3 (both included). */
export function isEndOfYear(date: string): boolean {
  const monthDay = date.slice(5);
  return monthDay >= '12-20' || monthDay <= '01-03';
}

/** Whether `[fromDate, toDate)` spans at least 12 calendar months (e.g. 2025-01-15 → 2026-01-15). */
export function spansTwelveMonths(fromDate: string, toDate: string): boolean {
  const nextYear = String(Number(fromDate.slice(0, 4)) + 1).padStart(4, '0');
  // The same day a year later; from 02-29, the day after 02-28 of the next year (03-01).
  const yearLater = parseIsoDate(`${nextYear}${fromDate.slice(4)}`) ?? parseIsoDate(`${nextYear}-03-01`)!;
  return parseIsoDate(toDate)! >= yearLater;
}

interface DayTotals {
  bySeverity: number[];
  pages: number;
  minutes: number;
}

const emptyDay = (): DayTotals => ({ bySeverity: new Array<number>(SEVERITIES).fill(0), pages: 0, minutes: 0 });
const incidentsOf = (d: DayTotals): number => d.bySeverity.reduce((a, b) => a + b, 0);

/** Mean incidents per day of each group ÷ mean incidents per day overall; null when undefined. */
function index(days: ReadonlyArray<{ group: number; incidents: number }>, groups: number): number[] | null {
  const total = days.reduce((n, d) => n + d.incidents, 0);
  if (total === 0) return null;
  const overall = total / days.length;
  const sums = new Array<number>(groups).fill(0);
  const counts = new Array<number>(groups).fill(0);
  for (const d of days) {
    sums[d.group] += d.incidents;
    counts[d.group]++;
  }
  if (counts.some((c) => c === 0)) return null;
  return sums.map((s, g) => roundRatio(s / counts[g]! / overall));
}

/**
 * The seasonality report (SPEC §2.3, §3) from rows grouped by local date and hour: trends by day,
 * ISO week and month (zero-filled), weekday × hour heatmap, weekday and month-of-year indices,
 * holiday effect, anomalous weeks and the year-over-year overlay. Every day of the range counts,
 * including days without incidents.
 */
export function computeSeasonality(input: SeasonalityInput): Omit<SeasonalityResponse, 'freshness'> {
  const { range, majorSeverity } = input;
  const days = daysInRange(range, input.timeZone);
  const byDay = new Map<string, DayTotals>(days.map((d) => [d, emptyDay()]));
  const heat = Array.from({ length: 7 * 24 }, (_, cell) => ({ weekday: Math.floor(cell / 24) + 1, hour: cell % 24, incidents: 0, pages: 0 }));
  const weekdayOf = (date: string) => isoWeekdayOfEpochDay(parseIsoDate(date)!);

  for (const row of input.incidents) {
    const day = byDay.get(row.day);
    if (!day) continue;
    day.bySeverity[row.severity - 1] += row.incidents;
    heat[(weekdayOf(row.day) - 1) * 24 + row.hour]!.incidents += row.incidents;
  }
  for (const row of input.pages) {
    const day = byDay.get(row.day);
    if (!day) continue;
    day.pages += row.pages;
    heat[(weekdayOf(row.day) - 1) * 24 + row.hour]!.pages += row.pages;
  }
  for (const row of input.workload) {
    const day = byDay.get(row.day);
    if (day) day.minutes += row.minutes;
  }

  const series = (unit: BucketUnit): SeasonalityPeriod[] => {
    const buckets = new Map<string, DayTotals>(bucketKeysInRange(range, unit, input.timeZone).map((k) => [k, emptyDay()]));
    for (const [date, day] of byDay) {
      const bucket = buckets.get(bucketKeyOfDate(date, unit))!;
      day.bySeverity.forEach((n, s) => (bucket.bySeverity[s] += n));
      bucket.pages += day.pages;
      bucket.minutes += day.minutes;
    }
    return [...buckets].map(([period, b]) => ({
      period,
      incidents: incidentsOf(b),
      majorIncidents: b.bySeverity.slice(0, majorSeverity).reduce((a, n) => a + n, 0),
      bySeverity: b.bySeverity,
      workloadHours: roundCents(b.minutes / 60),
      pages: b.pages,
    }));
  };
  const weekly = series('week');

  const perDay = days.map((date) => ({ date, incidents: incidentsOf(byDay.get(date)!) }));
  const weekdayIndex = index(
    perDay.map((d) => ({ group: weekdayOf(d.date) - 1, incidents: d.incidents })),
    7,
  );
  const monthIndex = spansTwelveMonths(range.fromDate, range.toDate)
    ? index(
        perDay.map((d) => ({ group: Number(d.date.slice(5, 7)) - 1, incidents: d.incidents })),
        12,
      )
    : null;

  // Whole ISO weeks only: a partial first or last week would look like a dip.
  const wholeWeeks = weekly.filter((w) => w.period >= range.fromDate && addCalendarDays(w.period, 7) <= range.toDate);

  return {
    range: { from: range.fromDate, to: range.toDate, timeZone: input.timeZone },
    timezone: input.timeZone,
    daily: series('day'),
    weekly,
    monthly: series('month'),
    heatmap: heat satisfies HeatmapCell[],
    weekdayIndex,
    monthIndex,
    holidayEffect: holidayEffect(perDay, input.holidayCountry, input.isPublicHoliday),
    anomalies: detectAnomalies(wholeWeeks),
    yearOverYear: yearOverYear(perDay),
  };
}

/** SPEC §2.3 holiday effect: public holidays of the country and Dec 20 – Jan 3 vs all other days. */
export function holidayEffect(
  perDay: ReadonlyArray<{ date: string; incidents: number }>,
  country: string | null,
  isPublicHoliday: (date: string) => boolean,
): HolidayEffect {
  let holidayDays = 0;
  let publicHolidayDays = 0;
  let endOfYearDays = 0;
  let holidayIncidents = 0;
  let otherIncidents = 0;
  for (const { date, incidents } of perDay) {
    const isPublic = country !== null && isPublicHoliday(date);
    const isYearEnd = isEndOfYear(date);
    if (isPublic) publicHolidayDays++;
    if (isYearEnd) endOfYearDays++;
    if (isPublic || isYearEnd) {
      holidayDays++;
      holidayIncidents += incidents;
    } else otherIncidents += incidents;
  }
  const otherDays = perDay.length - holidayDays;
  const holidayRate = holidayDays > 0 ? holidayIncidents / holidayDays : null;
  const otherRate = otherDays > 0 ? otherIncidents / otherDays : null;
  return {
    country,
    holidayDays,
    publicHolidayDays,
    endOfYearDays,
    holidayIncidents,
    holidayRate: holidayRate === null ? null : roundRatio(holidayRate),
    otherDays,
    otherIncidents,
    otherRate: otherRate === null ? null : roundRatio(otherRate),
    ratio: holidayRate !== null && otherRate ? roundRatio(holidayRate / otherRate) : null,
  };
}

/** Incidents per calendar month of each year the days touch; null for months with no day in range. */
function yearOverYear(perDay: ReadonlyArray<{ date: string; incidents: number }>): YearOverYear[] {
  const years = new Map<number, Array<number | null>>();
  for (const { date, incidents } of perDay) {
    const year = Number(date.slice(0, 4));
    let months = years.get(year);
    if (!months) years.set(year, (months = new Array<number | null>(12).fill(null)));
    const m = Number(date.slice(5, 7)) - 1;
    months[m] = (months[m] ?? 0) + incidents;
  }
  return [...years].map(([year, months]) => ({ year, months }));
}
