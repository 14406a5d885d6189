import { DateTime } from 'luxon';
import type { NamedRecord, ReadinessDay, ReadinessReport, ReadinessTeamSeries, ServiceCoverageStatus } from '@firewatch/shared';
import type { ChartMarker } from '../../components/charts/marked-line-chart';
import { headingSlug } from '../../components/charts/definition-link';
import { RANKING_ROWS } from '../../components/charts/ranking-rows';
import type { GridStatus } from '../../components/charts/status-grid';
import { parseIsoDate } from '../filters/filter-state';
import { daysBetween } from '../responders/responder-view';

/**
 * The Readiness page's view model: the API's report → what its charts draw. Nothing is computed
 * but differences of the API's counts (lost coverage, days left) and lookups of names by id.
 */

/** The METRICS.md section every readiness chart links to. */
export const READINESS_DEFINITION = headingSlug('Responder readiness');

/** The page's own URL parameter beside the filters: the day of the coverage grid and lapsing lists. */
export const AS_OF_PARAM = 'asOf';

/** `asOf` of the URL, or null (the API's default, today in the organisation zone) when absent or invalid. */
export function readAsOf(params: URLSearchParams): string | null {
  return parseIsoDate(params.get(AS_OF_PARAM));
}

/**
 * Coverage colours: Okabe–Ito blue for covered, orange for a single point of knowledge, vermillion
 * for uncovered; the status is always written beside the colour too.
 */
export const coverageStatuses: readonly (GridStatus & { key: ServiceCoverageStatus })[] = [
  { key: 'uncovered', label: 'Uncovered (nobody ready)', shortLabel: 'Uncovered', color: '#D55E00' },
  { key: 'single', label: 'Single point of knowledge (1 ready)', shortLabel: 'Single point of knowledge', color: '#E69F00' },
  { key: 'covered', label: 'Covered (2 or more ready)', shortLabel: 'Covered', color: '#0072B2' },
];

export const markerColors = { hire: '#009E73', departure: '#CC79A7' } as const;
export const markerLabels: Record<keyof typeof markerColors, string> = { hire: 'Hire', departure: 'Departure' };

/** The organisation-zone date of an instant: the day the series counts a hire or departure on. */
const localDay = (instant: string, timeZone: string): string => DateTime.fromISO(instant, { zone: timeZone }).toISODate() ?? instant.slice(0, 10);

/** One marker per hire (on its first active day) and per departure (on its leftAt date). */
export function peopleMarkers(report: Pick<ReadinessReport, 'hires' | 'departures' | 'timezone'>): ChartMarker[] {
  return [
    ...report.hires.map((h) => ({ category: localDay(h.startedAt, report.timezone), label: `${h.name} joined`, kind: 'hire', color: markerColors.hire })),
    ...report.departures.map((d) => ({ category: localDay(d.leftAt, report.timezone), label: `${d.name} left`, kind: 'departure', color: markerColors.departure })),
  ];
}

/** "Ada; Grace": the names of responders covering a service, as a table cell or CSV value. */
export function namesOf(responders: readonly { name: string }[]): string {
  return responders.map((r) => r.name).join('; ');
}

/** The last day of the series (the range's last day), or null for an empty series. */
export function lastDay(series: readonly ReadinessDay[]): ReadinessDay | null {
  return series.at(-1) ?? null;
}

/** A team on the range's last day, ready and active-but-not-ready stacked (their sum = active). */
export interface TeamReadinessRow {
  externalId: string | null;
  name: string;
  date: string;
  ready: number;
  notReady: number;
  active: number;
  readyRatio: number | null;
}

export function teamRows(report: Pick<ReadinessReport, 'teams'>): TeamReadinessRow[] {
  return report.teams.flatMap((team) => {
    const day = lastDay(team.series);
    if (!day) return [];
    return [{ externalId: team.externalId, name: team.name, date: day.date, ready: day.ready, notReady: day.active - day.ready, active: day.active, readyRatio: day.readyRatio }];
  });
}

/**
 * The teams the per-team chart draws: all of them when they fit, else the RANKING_ROWS with the
 * lowest ready share on the last day (the teams to look at first), by name on ties; teams with nobody
 * active are left out then. The table and CSV keep every team.
 */
export function teamsToDraw(rows: readonly TeamReadinessRow[]): TeamReadinessRow[] {
  if (rows.length <= RANKING_ROWS) return [...rows];
  return rows
    .filter((r) => r.readyRatio !== null)
    .sort((a, b) => a.readyRatio! - b.readyRatio! || a.name.localeCompare(b.name, 'en'))
    .slice(0, RANKING_ROWS);
}

/** Most tiles of the coverage grid: the API lists services fewest ready first, so gaps come first. */
export const COVERAGE_TILES_MAX = 120;

/** A lapsing responder with the days of readiness left after asOf. */
export interface LapsingResponderRow {
  externalId: string;
  name: string;
  team: string;
  expiresOn: string;
  lastExperienceOn: string;
  daysLeft: number;
}

export function lapsingResponderRows(report: Pick<ReadinessReport, 'lapsing' | 'asOf'>): LapsingResponderRow[] {
  return report.lapsing.map((r) => ({
    externalId: r.externalId,
    name: r.name,
    team: r.team?.name ?? 'No team',
    expiresOn: r.expiresOn,
    lastExperienceOn: r.lastExperienceOn,
    daysLeft: daysBetween(report.asOf, r.expiresOn),
  }));
}

/** A service whose coverage drops: those still ready then and those lapsing (their sum = ready now). */
export interface LapsingServiceRow {
  externalId: string;
  name: string;
  readyNow: number;
  readyThen: number;
  lapsing: number;
  statusThen: ServiceCoverageStatus;
  readyResponders: NamedRecord[];
}

export function lapsingServiceRows(report: Pick<ReadinessReport, 'lapsingServices'>): LapsingServiceRow[] {
  return report.lapsingServices.map((s) => ({ ...s, lapsing: s.readyNow - s.readyThen }));
}

/** One service a departure took coverage from: coverage after, and the responders lost (before − after). */
export interface DepartureImpactRow {
  responderId: string;
  responderName: string;
  leftOn: string;
  serviceId: string;
  serviceName: string;
  readyBefore: number;
  readyAfter: number;
  lost: number;
}

export function departureImpactRows(report: Pick<ReadinessReport, 'departures' | 'services' | 'timezone'>): DepartureImpactRow[] {
  const serviceNames = new Map(report.services.map((s) => [s.externalId, s.name]));
  return report.departures.flatMap((d) =>
    d.services.map((s) => ({
      responderId: d.externalId,
      responderName: d.name,
      leftOn: localDay(d.leftAt, report.timezone),
      serviceId: s.externalId,
      serviceName: serviceNames.get(s.externalId) ?? s.externalId,
      readyBefore: s.readyBefore,
      readyAfter: s.readyAfter,
      lost: s.readyBefore - s.readyAfter,
    })),
  );
}

/** Services on asOf by coverage status, in the grid's order. */
export function coverageCounts(report: Pick<ReadinessReport, 'services'>): Record<ServiceCoverageStatus, number> {
  const counts: Record<ServiceCoverageStatus, number> = { covered: 0, single: 0, uncovered: 0 };
  for (const s of report.services) counts[s.status] += 1;
  return counts;
}

/** Colours of the teams' lines, in the API's team order (Okabe–Ito, then black). */
const TEAM_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];

/** Most team lines the daily share chart draws, one per colour; with more teams it draws none. */
export const TEAM_LINES_MAX = TEAM_COLORS.length;

/**
 * How much of each team's series the page asks the API for: every day when the teams' lines fit on
 * the share chart (a team filter, or at most TEAM_LINES_MAX teams), else only the range's last day,
 * which is all the per-team figures need: hundreds of teams would otherwise mean a row per day each.
 * `teamCount` is undefined while the team list loads (nothing to ask yet) and null if it failed.
 */
export function teamSeriesFor(team: string | null, teamCount: number | null | undefined): ReadinessTeamSeries | undefined {
  if (team !== null) return 'daily';
  if (teamCount === undefined) return undefined;
  return teamCount !== null && teamCount <= TEAM_LINES_MAX ? 'daily' : 'last';
}

/** One day of every team's ready share (0..1), keyed by the team's series key. */
export interface TeamShareDay {
  date: string;
  shares: Record<string, number | null>;
}

export interface TeamShareSeries {
  key: string;
  name: string;
  color: string;
}

/**
 * The teams' daily ready shares side by side (every team's series has the same days, oldest first).
 * A team's key is its external id (`no-team` for responders without one); colours repeat after eight.
 */
export function teamShareDays(report: Pick<ReadinessReport, 'teams' | 'series'>): { days: TeamShareDay[]; teams: TeamShareSeries[] } {
  const teams = report.teams.map((team, index) => ({ key: team.externalId ?? 'no-team', name: team.name, color: TEAM_COLORS[index % TEAM_COLORS.length]! }));
  const days = report.series.map((day, index) => ({
    date: day.date,
    shares: Object.fromEntries(report.teams.map((team, t) => [teams[t]!.key, team.series[index]?.readyRatio ?? null])),
  }));
  return { days, teams };
}
