import { bucketKeysInRange, zeroFill, type ResolvedDateRange, type WorkloadMinutes, type WorkloadResponse, type WorkloadTeam } from '@firewatch/shared';
import type { BucketMinutesRow, WorkloadReportRows, WorkloadResponderRow } from './workload.query.js';

export interface WorkloadReportInput extends WorkloadReportRows {
  range: ResolvedDateRange;
  /** Org IANA time zone: the range's days and the weeks are counted in it. */
  timeZone: string;
  /** Cost of one responder-hour from the settings; null = no cost. */
  hourlyCost: number | null;
}

/** Name of the team row of responders without a team. */
export const NO_TEAM_NAME = 'No team';

/** Minutes are answered to 0.1; sums and ratios are taken before rounding. */
export const roundMinutes = (minutes: number): number => Math.round(minutes * 10) / 10;
/** Hours and money to 0.01. */
export const roundCents = (value: number): number => Math.round(value * 100) / 100;
/** Ratios and indexes to 0.001. */
export const roundRatio = (value: number): number => Math.round(value * 1000) / 1000;

const ZERO: BucketMinutesRow = { minutes: 0, working: 0, late: 0, sleeping: 0 };

/** Minutes by bucket, all zero: a sum to add rows into. */
export const noMinutes = (): BucketMinutesRow => ({ ...ZERO });

/** Adds a row's minutes, bucket by bucket, at full precision. */
export function addMinutes(into: BucketMinutesRow, row: BucketMinutesRow): void {
  into.minutes += row.minutes;
  into.working += row.working;
  into.late += row.late;
  into.sleeping += row.sleeping;
}

/** The minutes as answered: each bucket to 0.1. */
export function roundedMinutes(row: BucketMinutesRow): WorkloadMinutes {
  return { minutes: roundMinutes(row.minutes), working: roundMinutes(row.working), late: roundMinutes(row.late), sleeping: roundMinutes(row.sleeping) };
}

/** Most minutes first (compared at full precision), then by name. */
export const byMinutesThenName = (a: BucketMinutesRow & { name: string }, b: BucketMinutesRow & { name: string }): number =>
  b.minutes - a.minutes || a.name.localeCompare(b.name, 'en');

interface TeamTotals extends BucketMinutesRow {
  externalId: string | null;
  name: string;
  responders: number;
}

/** A responder's workload counts for the responder's own team. */
function teamsOf(responders: readonly WorkloadResponderRow[]): WorkloadTeam[] {
  const teams = new Map<number | null, TeamTotals>();
  for (const r of responders) {
    let team = teams.get(r.teamId);
    if (!team) teams.set(r.teamId, (team = { ...ZERO, externalId: r.team?.externalId ?? null, name: r.team?.name ?? NO_TEAM_NAME, responders: 0 }));
    addMinutes(team, r);
    team.responders++;
  }
  return [...teams.values()].sort(byMinutesThenName).map((t) => ({ externalId: t.externalId, name: t.name, ...roundedMinutes(t), responders: t.responders }));
}

/**
 * The report's totals from its rows by responder: every responder with workload once, summed in the
 * order the report lists them (so the overview, which reads only these, answers the same figures).
 */
export function workloadTotals(rows: readonly WorkloadResponderRow[], hourlyCost: number | null): WorkloadResponse['totals'] {
  const responders = rows.filter((r) => r.minutes > 0).sort(byMinutesThenName);
  const totals = { ...ZERO };
  for (const r of responders) addMinutes(totals, r);
  const hours = totals.minutes / 60;
  return {
    ...roundedMinutes(totals),
    hours: roundCents(hours),
    responders: responders.length,
    costAmount: hourlyCost === null ? null : roundCents(hours * hourlyCost),
  };
}

/**
 * The workload report (SPEC §2.1, §3 `/api/v1/analytics/workload`) from the grouped rows of
 * workload.query.ts: totals with hours and cost, weeks zero-filled over the range, responders and
 * their teams most minutes first, top incidents as ranked by the query. Minutes keep full precision
 * until they are answered, rounded to 0.1.
 */
export function computeWorkloadReport(input: WorkloadReportInput): Omit<WorkloadResponse, 'freshness'> {
  const responders = input.responders.filter((r) => r.minutes > 0).sort(byMinutesThenName);

  const weeks = new Map(input.weeks.map((w) => [w.week, w]));
  const weekly = zeroFill(bucketKeysInRange(input.range, 'week', input.timeZone), weeks, (week) => ({ week, ...ZERO })).map((w) => ({
    week: w.week,
    ...roundedMinutes(w),
  }));

  return {
    range: { from: input.range.fromDate, to: input.range.toDate, timeZone: input.timeZone },
    timezone: input.timeZone,
    totals: workloadTotals(input.responders, input.hourlyCost),
    weekly,
    responders: responders.map((r) => ({
      externalId: r.externalId,
      name: r.name,
      team: r.team,
      ...roundedMinutes(r),
      incidents: r.incidents,
    })),
    teams: teamsOf(responders),
    topIncidents: input.incidents.map((i) => ({ externalId: i.externalId, title: i.title, severity: i.severity, ...roundedMinutes(i), responders: i.responders })),
    gameDayMinutes: roundMinutes(input.gameDayMinutes),
  };
}
