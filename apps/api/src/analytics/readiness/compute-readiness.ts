import {
  READINESS_LAPSING_DAYS,
  formatEpochDay,
  parseIsoDate,
  type NamedRecord,
  type ReadinessDay,
  type ReadinessDeparture,
  type ReadinessReport,
  type ReadinessTeam,
  type ReadinessTeamSeries,
  type ResolvedDateRange,
  type ServiceCoverage,
  type ServiceCoverageStatus,
} from '@firewatch/shared';
import { NO_TEAM_NAME } from '../workload/compute-workload-report.js';
import type { ExperienceRow, ReadinessResponderRow, ReadinessServiceRow } from './readiness.query.js';

/*
 * Responder readiness (SPEC §2.6), pure. Every day is an "epoch day" (whole days since 1970-01-01)
 * of a local date in the org time zone, so day arithmetic is integer arithmetic:
 * - an experience dated e makes its responder ready on the days [e, e + window): `(d − window, d]`
 *   holds e exactly when e ≤ d < e + window (window 60: ready on e … e + 59, the 60th day counting e
 *   as the first; not on e + 60);
 * - a responder is active on the days [startedOn, leftOn) (startedOn ≤ d and d < leftOn).
 */

/** The settings a readiness figure is computed with. */
export interface ReadinessRules {
  windowDays: number;
  /** Largest severity of kind `incident` that qualifies: the major threshold, capped by the `severity` filter. */
  majorSeverity: number;
  /** Workload minutes that qualify without a role. */
  minMinutes: number;
}

/**
 * Minutes are sums of shares (1/3 of 45 minutes is 14.999…); a difference this small is rounding,
 * not a shorter stretch of work.
 */
const MINUTES_EPSILON = 1e-6;

/**
 * SPEC §2.6 qualifying experience: a role on, or at least `minMinutes` workload on, an incident of
 * kind `incident` with severity ≤ the major threshold, or a game day of any severity.
 */
export function qualifies(row: Pick<ExperienceRow, 'kind' | 'severity' | 'minutes' | 'roles'>, rules: ReadinessRules): boolean {
  if (row.kind === 'incident' && row.severity > rules.majorSeverity) return false;
  if (row.kind !== 'incident' && row.kind !== 'game_day') return false;
  return row.roles.length > 0 || row.minutes + MINUTES_EPSILON >= rules.minMinutes;
}

/** A qualifying experience on its epoch day. */
export interface Experience {
  day: number;
  serviceIds: readonly number[];
  row: ExperienceRow;
}

/** A responder with their employment as epoch days and their qualifying experiences, oldest first. */
export interface ReadinessPerson {
  row: ReadinessResponderRow;
  /** First active day; -Infinity when `startedAt` is unknown. */
  startDay: number;
  /** First day no longer active (the leftAt date); +Infinity while they stay. */
  endDay: number;
  experiences: Experience[];
}

function epochDay(date: string): number {
  const day = parseIsoDate(date);
  if (day === undefined) throw new RangeError(`not a date: ${date}`);
  return day;
}

/** Joins responders with their qualifying experiences (rows of other responders are ignored). */
export function readinessPeople(responders: readonly ReadinessResponderRow[], rows: readonly ExperienceRow[], rules: ReadinessRules): ReadinessPerson[] {
  const byResponder = new Map<number, Experience[]>();
  for (const row of rows) {
    if (!qualifies(row, rules)) continue;
    let list = byResponder.get(row.responderId);
    if (!list) byResponder.set(row.responderId, (list = []));
    list.push({ day: epochDay(row.date), serviceIds: row.serviceIds, row });
  }
  return responders.map((row) => ({
    row,
    startDay: row.startedOn === null ? -Infinity : epochDay(row.startedOn),
    endDay: row.leftOn === null ? Infinity : epochDay(row.leftOn),
    experiences: (byResponder.get(row.id) ?? []).sort((a, b) => a.day - b.day),
  }));
}

const isActive = (p: ReadinessPerson, day: number): boolean => p.startDay <= day && day < p.endDay;

/**
 * Days on which `p` is ready, as merged half-open intervals [from, to) of epoch days: the union of
 * the windows [e, e + window) of their experiences, intersected with their employment.
 */
export function readyIntervals(p: ReadinessPerson, windowDays: number): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const { day } of p.experiences) {
    const last = merged[merged.length - 1];
    if (last && day <= last[1]) last[1] = Math.max(last[1], day + windowDays);
    else merged.push([day, day + windowDays]);
  }
  const out: Array<[number, number]> = [];
  for (const [from, to] of merged) {
    const a = Math.max(from, p.startDay);
    const b = Math.min(to, p.endDay);
    if (a < b) out.push([a, b]);
  }
  return out;
}

/** The experiences that make `p` ready on `day`, counting only those dated on or before `knownUpTo`. */
function experiencesInWindow(p: ReadinessPerson, day: number, windowDays: number, knownUpTo = day): Experience[] {
  if (!isActive(p, day)) return [];
  const last = Math.min(day, knownUpTo);
  return p.experiences.filter((e) => e.day > day - windowDays && e.day <= last);
}

/**
 * When `p`'s readiness on `asOf` ends if nothing new happens: the first day they are no longer ready
 * (latest experience + window, or their leftAt date if sooner), or undefined when not ready on asOf.
 */
export function readinessEnd(p: ReadinessPerson, asOf: number, windowDays: number): { expiresOn: number; lastExperienceOn: number } | undefined {
  const current = experiencesInWindow(p, asOf, windowDays);
  const latest = current[current.length - 1];
  if (!latest) return undefined;
  return { expiresOn: Math.min(latest.day + windowDays, p.endDay), lastExperienceOn: latest.day };
}

/** Services `p` covers on `day`: those their experiences in the window touched. */
export function servicesCoveredBy(p: ReadinessPerson, day: number, windowDays: number, knownUpTo = day): Set<number> {
  const services = new Set<number>();
  for (const e of experiencesInWindow(p, day, windowDays, knownUpTo)) for (const id of e.serviceIds) services.add(id);
  return services;
}

/** Per service id, the people covering it on `day` (experiences dated after `knownUpTo` ignored). */
function coverageOn(people: readonly ReadinessPerson[], day: number, windowDays: number, knownUpTo = day): Map<number, ReadinessPerson[]> {
  const coverage = new Map<number, ReadinessPerson[]>();
  for (const p of people) {
    for (const id of servicesCoveredBy(p, day, windowDays, knownUpTo)) {
      let list = coverage.get(id);
      if (!list) coverage.set(id, (list = []));
      list.push(p);
    }
  }
  return coverage;
}

export function coverageStatus(ready: number): ServiceCoverageStatus {
  return ready >= 2 ? 'covered' : ready === 1 ? 'single' : 'uncovered';
}

/** Adds +1 on [from, to) ∩ [0, n) to a difference array of length n + 1. */
function addSpan(diff: number[], from: number, to: number): void {
  const a = Math.max(from, 0);
  const b = Math.min(to, diff.length - 1);
  if (a < b) {
    diff[a]! += 1;
    diff[b]! -= 1;
  }
}

const ratio = (ready: number, active: number): number | null => (active === 0 ? null : Math.round((ready / active) * 10_000) / 10_000);

/**
 * The daily series over [fromDay, toDay) by an interval sweep: each responder adds their active span
 * and their merged ready intervals to difference arrays, then one prefix sum gives every day.
 * Cost O(experiences + days), whatever the length of the range.
 */
export function readinessSeries(people: readonly ReadinessPerson[], fromDay: number, toDay: number, windowDays: number): ReadinessDay[] {
  const n = toDay - fromDay;
  const ready = new Array<number>(n + 1).fill(0);
  const active = new Array<number>(n + 1).fill(0);
  const hires = new Array<number>(n + 1).fill(0);
  const departures = new Array<number>(n + 1).fill(0);
  for (const p of people) {
    addSpan(active, p.startDay - fromDay, p.endDay - fromDay);
    for (const [a, b] of readyIntervals(p, windowDays)) addSpan(ready, a - fromDay, b - fromDay);
    if (p.startDay >= fromDay && p.startDay < toDay) hires[p.startDay - fromDay]! += 1;
    if (p.endDay >= fromDay && p.endDay < toDay) departures[p.endDay - fromDay]! += 1;
  }
  const days: ReadinessDay[] = [];
  let r = 0;
  let a = 0;
  for (let i = 0; i < n; i++) {
    r += ready[i]!;
    a += active[i]!;
    days.push({ date: formatEpochDay(fromDay + i), ready: r, active: a, readyRatio: ratio(r, a), hires: hires[i]!, departures: departures[i]! });
  }
  return days;
}

/** Each team's series over `[fromDay, toDay)`; with `last`, only its last day. */
function teamSeries(people: readonly ReadinessPerson[], fromDay: number, toDay: number, windowDays: number, days: ReadinessTeamSeries): ReadinessTeam[] {
  const firstDay = days === 'last' ? Math.max(fromDay, toDay - 1) : fromDay;
  const teams = new Map<number | null, ReadinessPerson[]>();
  for (const p of people) {
    let list = teams.get(p.row.teamId);
    if (!list) teams.set(p.row.teamId, (list = []));
    list.push(p);
  }
  return [...teams.values()]
    .map((members) => ({ team: members[0]!.row.team, members }))
    .sort((x, y) => (x.team === null ? 1 : y.team === null ? -1 : x.team.name.localeCompare(y.team.name, 'en')))
    .map(({ team, members }) => ({
      externalId: team?.externalId ?? null,
      name: team?.name ?? NO_TEAM_NAME,
      series: readinessSeries(members, firstDay, toDay, windowDays),
    }));
}

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name, 'en');
/** Responders by external id, as `{ externalId, name }`. */
const sortedPeople = (people: readonly ReadinessPerson[] | undefined): NamedRecord[] =>
  (people ?? []).map((p) => ({ externalId: p.row.externalId, name: p.row.name })).sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));

export interface ReadinessInput {
  range: ResolvedDateRange;
  timeZone: string;
  /** Local date of the coverage and lapsing lists. */
  asOf: string;
  rules: ReadinessRules;
  /** Responders in scope (the team filter applied). */
  responders: readonly ReadinessResponderRow[];
  /** Services in scope (team and service filters applied). */
  services: readonly ReadinessServiceRow[];
  /** Candidate experiences declared at least a window before the earliest day asked about. */
  experiences: readonly ExperienceRow[];
  /** Days of each team's series (default the range's last day only). */
  teamSeries?: ReadinessTeamSeries;
}

/** The readiness report of SPEC §3 `/api/v1/analytics/readiness` from the rows of readiness.query.ts. */
export function computeReadiness(input: ReadinessInput): Omit<ReadinessReport, 'freshness'> {
  const { windowDays } = input.rules;
  const people = readinessPeople(input.responders, input.experiences, input.rules);
  const fromDay = epochDay(input.range.fromDate);
  const toDay = epochDay(input.range.toDate);
  const asOf = epochDay(input.asOf);
  const then = asOf + READINESS_LAPSING_DAYS;

  const now = coverageOn(people, asOf, windowDays);
  // "If nothing happens": no experience after asOf; known departures still apply.
  const later = coverageOn(people, then, windowDays, asOf);
  const services: ServiceCoverage[] = input.services
    .map((s) => {
      const readyResponders = sortedPeople(now.get(s.id));
      const ready = readyResponders.length;
      return { externalId: s.externalId, name: s.name, team: s.team, ready, responders: readyResponders.map((r) => r.externalId), readyResponders, status: coverageStatus(ready) };
    })
    .sort((a, b) => a.ready - b.ready || byName(a, b));

  const lapsing = people
    .flatMap((p) => {
      const end = readinessEnd(p, asOf, windowDays);
      return end && end.expiresOn <= then ? [{ p, ...end }] : [];
    })
    .sort((a, b) => a.expiresOn - b.expiresOn || byName(a.p.row, b.p.row))
    .map(({ p, expiresOn, lastExperienceOn }) => ({
      externalId: p.row.externalId,
      name: p.row.name,
      team: p.row.team,
      expiresOn: formatEpochDay(expiresOn),
      lastExperienceOn: formatEpochDay(lastExperienceOn),
    }));

  const lapsingServices = input.services
    .map((s) => ({ s, readyNow: now.get(s.id)?.length ?? 0, readyThen: later.get(s.id)?.length ?? 0 }))
    .filter(({ readyNow, readyThen }) => readyThen <= 1 && readyThen < readyNow)
    .sort((a, b) => a.readyThen - b.readyThen || byName(a.s, b.s))
    .map(({ s, readyNow, readyThen }) => ({
      externalId: s.externalId,
      name: s.name,
      readyNow,
      readyThen,
      statusThen: coverageStatus(readyThen),
      readyResponders: sortedPeople(now.get(s.id)),
    }));

  const inRange = (day: number) => day >= fromDay && day < toDay;
  const hires = people
    .filter((p) => inRange(p.startDay))
    .sort((a, b) => a.row.startedAt!.getTime() - b.row.startedAt!.getTime() || byName(a.row, b.row))
    .map((p) => ({ externalId: p.row.externalId, name: p.row.name, team: p.row.team, startedAt: p.row.startedAt!.toISOString() }));

  const departures = people
    .filter((p) => inRange(p.endDay))
    .sort((a, b) => a.row.leftAt!.getTime() - b.row.leftAt!.getTime() || byName(a.row, b.row))
    .map((p) => departureImpact(p, people, input.services, windowDays));

  return {
    range: { from: input.range.fromDate, to: input.range.toDate, timeZone: input.timeZone },
    timezone: input.timeZone,
    asOf: input.asOf,
    rules: { windowDays, majorSeverity: input.rules.majorSeverity, minMinutes: input.rules.minMinutes },
    series: readinessSeries(people, fromDay, toDay, windowDays),
    teams: teamSeries(people, fromDay, toDay, windowDays, input.teamSeries ?? 'last'),
    services,
    lapsing,
    lapsingServices,
    hires,
    departures,
  };
}

/**
 * SPEC §2.6 departure impact: the services the leaver covered on their last active day (the day
 * before their leftAt date), each with its coverage that day and on the leftAt date.
 */
function departureImpact(
  leaver: ReadinessPerson,
  people: readonly ReadinessPerson[],
  services: readonly ReadinessServiceRow[],
  windowDays: number,
): ReadinessDeparture {
  const lastDay = leaver.endDay - 1;
  const covered = servicesCoveredBy(leaver, lastDay, windowDays);
  const affected = services.filter((s) => covered.has(s.id)).sort((a, b) => a.externalId.localeCompare(b.externalId, 'en'));
  const before = coverageOn(people, lastDay, windowDays);
  const after = coverageOn(people, leaver.endDay, windowDays);
  return {
    externalId: leaver.row.externalId,
    name: leaver.row.name,
    team: leaver.row.team,
    leftAt: leaver.row.leftAt!.toISOString(),
    servicesAffected: affected.map((s) => s.externalId),
    services: affected.map((s) => ({ externalId: s.externalId, readyBefore: before.get(s.id)?.length ?? 0, readyAfter: after.get(s.id)?.length ?? 0 })),
  };
}
