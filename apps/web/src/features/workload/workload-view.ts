import { DateTime } from 'luxon';
import type { WorkloadMinutes, WorkloadResponse } from '@firewatch/shared';
import { bucketColors, bucketShortLabels, workloadBuckets } from '../../components/charts/bucket-colors';
import type { TableColumn } from '../../components/charts/data-table';
import { minutesToHours, shareOf } from '../../components/charts/format';
import type { ChartSeries } from '../../components/charts/series';
import type { DateRange } from '../filters/filter-state';

/**
 * The Workload page's view model: API rows (minutes) → what the charts draw (hours). No metric is
 * computed here; the API's minutes are only converted and shared out for display.
 */

/** The three bucket series in hours, for any row carrying the bucket minutes. */
export function bucketHourSeries<Row extends WorkloadMinutes>(): ChartSeries<Row>[] {
  return workloadBuckets.map((bucket) => ({
    key: bucket,
    label: bucketShortLabels[bucket],
    color: bucketColors[bucket],
    value: (row: Row) => minutesToHours(row[bucket]),
  }));
}

/** Table / CSV columns of the bucket split in hours (rounded to 0.01 h in the CSV, like the API's hours). */
export function bucketHourColumns<Row extends WorkloadMinutes>(): TableColumn<Row>[] {
  const hours = (minutes: number) => Math.round(minutesToHours(minutes) * 100) / 100;
  return [
    { header: 'Total (h)', csvHeader: 'hours', unit: 'hours', value: (row) => hours(row.minutes) },
    ...workloadBuckets.map(
      (bucket): TableColumn<Row> => ({
        header: `${bucketShortLabels[bucket]} (h)`,
        csvHeader: `${bucket}_hours`,
        unit: 'hours',
        value: (row) => hours(row[bucket]),
      }),
    ),
  ];
}

export interface WorkloadHeadline {
  hours: number;
  /** Shares of the total, 0..1. */
  workingShare: number;
  lateShare: number;
  sleepingShare: number;
  responders: number;
  costAmount: number | null;
  gameDayHours: number;
}

export function workloadHeadline(report: WorkloadResponse): WorkloadHeadline {
  const { totals } = report;
  return {
    hours: totals.hours,
    workingShare: shareOf(totals.working, totals.minutes),
    lateShare: shareOf(totals.late, totals.minutes),
    sleepingShare: shareOf(totals.sleeping, totals.minutes),
    responders: totals.responders,
    costAmount: totals.costAmount,
    gameDayHours: minutesToHours(report.gameDayMinutes),
  };
}

/**
 * The days of an ISO week that lie inside the selected range: the first and last week of a range
 * may be partial, and the chart's bar only counts their days in the range. `to` is exclusive.
 */
export function weekDrillRange(week: string, range: DateRange): DateRange {
  const end = DateTime.fromISO(week, { zone: 'utc' }).plus({ days: 7 }).toISODate() ?? week;
  return { from: week > range.from ? week : range.from, to: end < range.to ? end : range.to };
}

/** "12 Jan" (axis tick) and "Week of 12 Jan 2026" (tooltip / table). */
export const weekTick = (week: string): string => DateTime.fromISO(week, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLL');
export const weekLabel = (week: string): string =>
  `Week of ${DateTime.fromISO(week, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLL yyyy')}`;

/**
 * The Workload page's own parameter `responderTeam`: the team whose responders the "who carries the
 * load" chart shows, after a click on the team's bar (`no-team` for responders without a team).
 * A responder's hours count for their own team, so this narrows the responders, not the incidents.
 */
export const RESPONDER_TEAM_PARAM = 'responderTeam';
const NO_TEAM_KEY = 'no-team';

export const teamKey = (team: { externalId: string | null } | null | undefined): string => team?.externalId ?? NO_TEAM_KEY;

/** The responders of the team `key` (all of them when `key` is null). */
export function respondersOfTeam<R extends { team?: { externalId: string } | null }>(responders: readonly R[], key: string | null): readonly R[] {
  return key === null ? responders : responders.filter((r) => teamKey(r.team ?? null) === key);
}
