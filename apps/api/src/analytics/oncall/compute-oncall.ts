import {
  addCalendarDays,
  bucketKey,
  bucketKeysInRange,
  bucketStart,
  calendarDaysBetween,
  ONCALL_BUSIEST_SHARE,
  ONCALL_FLAG_RULES,
  ONCALL_STREAK_MIN_HOURS,
  type OncallDetail,
  type OncallFlag,
  type OncallFlagRule,
  type OncallResponder,
  type OncallResponse,
  type OncallSpread,
  type OncallTeam,
  type OncallThresholds,
  type ResolvedDateRange,
  type Settings,
} from '@firewatch/shared';
import { ResponderClock, InterruptionTally, openInterruptions } from '../noise/interruptions.js';
import { median } from '../seasonality/compute-seasonality.js';
import { TimeClassifier } from '../workload/classify-time.js';
import { roundCents, roundRatio } from '../workload/compute-workload-report.js';
import { responderCalendar } from '../workload/workload-calendar.js';
import type { TimeBucket } from '../workload/workload-rules.js';
import type { OncallPageRow, OncallResponderRow, OncallRows, OncallShiftRow } from './oncall.query.js';

/*
 * On-call health (METRICS.md "On-call health"): pure, rows in, report out. Time of day, nights and
 * interruptions come from the workload's classifier and the noise report's interruption rules, so the
 * three reports read one clock.
 */

const MS_PER_HOUR = 3_600_000;
const WEEK_DAYS = 7;
const ratioOrNull = (part: number, whole: number): number | null => (whole > 0 ? roundRatio(part / whole) : null);

export type OncallSettings = Pick<
  Settings,
  'timezone' | 'workingHours' | 'sleepingHours' | 'holidayCountry' | 'oncallMedianFactor' | 'oncallMinDisruptedNights' | 'oncallMinInterruptions' | 'oncallMaxConsecutiveWeeks'
>;

export interface OncallInput extends OncallRows {
  range: ResolvedDateRange;
  settings: OncallSettings;
  /** Responder id whose shifts and interruptions are listed in `detail`; null for none. */
  detailResponderId: number | null;
}

/** A half-open interval in epoch milliseconds. */
interface Interval {
  startMs: number;
  endMs: number;
}

/** The union of intervals sorted by start: overlapping or touching ones merged (one person's shifts counted once). */
export function unionIntervals(sorted: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const { startMs, endMs } of sorted) {
    const last = out[out.length - 1];
    if (last && startMs <= last.endMs) last.endMs = Math.max(last.endMs, endMs);
    else out.push({ startMs, endMs });
  }
  return out;
}

/** Milliseconds of `[startMs, endMs)` inside the union (sorted, disjoint intervals). */
function overlapMs(union: readonly Interval[], startMs: number, endMs: number): number {
  let ms = 0;
  for (const u of union) {
    if (u.startMs >= endMs) break;
    ms += Math.max(0, Math.min(u.endMs, endMs) - Math.max(u.startMs, startMs));
  }
  return ms;
}

const inside = (union: readonly Interval[], atMs: number): boolean => union.some((u) => atMs >= u.startMs && atMs < u.endMs);

/**
 * The longest run of consecutive weeks of `weeks` (every ISO week of the range, oldest first) found in
 * `onCall`, and the run that ends at the range's last week.
 */
export function streaks(weeks: readonly string[], onCall: ReadonlySet<string>): { longest: number; current: number } {
  let longest = 0;
  let run = 0;
  for (const week of weeks) {
    run = onCall.has(week) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return { longest, current: run };
}

/** Adds an interval's milliseconds to each ISO week (Monday, organisation zone) it overlaps; `endMs` is exclusive. */
function addToWeeks(interval: Interval, timeZone: string, into: Map<string, number>): void {
  const last = bucketKey(new Date(interval.endMs - 1), 'week', timeZone);
  for (let week = bucketKey(new Date(interval.startMs), 'week', timeZone); week <= last; week = addCalendarDays(week, WEEK_DAYS)) {
    const startMs = Math.max(interval.startMs, bucketStart(week, timeZone).getTime());
    const endMs = Math.min(interval.endMs, bucketStart(addCalendarDays(week, WEEK_DAYS), timeZone).getTime());
    into.set(week, (into.get(week) ?? 0) + endMs - startMs);
  }
}

/** How a figure is spread over a team's members (rule 8): busiest ceil(20 %) share and max ÷ median. */
export function spread(values: readonly number[]): OncallSpread {
  if (values.length === 0) return { total: 0, busiestShare: null, maxToMedian: null, median: 0 };
  const sorted = [...values].sort((a, b) => b - a);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  const busiest = sorted.slice(0, Math.ceil(ONCALL_BUSIEST_SHARE * sorted.length)).reduce((sum, v) => sum + v, 0);
  const mid = median(sorted);
  return { total: roundCents(total), busiestShare: ratioOrNull(busiest, total), maxToMedian: ratioOrNull(sorted[0]!, mid), median: roundCents(mid) };
}

/** One responder's figures before the team comparison, with what the team and the drill-down need. */
interface Person {
  row: OncallResponderRow;
  timeZone: string;
  union: Interval[];
  shifts: OncallShiftRow[];
  onCallMs: number;
  outsideWorkingMs: number;
  sleepingMs: number;
  interruptions: number;
  offCallInterruptions: number;
  tally: InterruptionTally;
  lastNight: string | null;
  incidentMsOnCall: number;
  incidentMsOffCall: number;
  longestStreak: number;
  currentStreak: number;
  rate: number | null;
  /** Each interruption's opening page and where it fell, for the drill-down. */
  opened: Array<{ page: OncallPageRow; bucket: TimeBucket; onCall: boolean }>;
}

function newPerson(row: OncallResponderRow, settings: OncallSettings): Person {
  return {
    row,
    timeZone: row.timezone ?? settings.timezone,
    union: [],
    shifts: [],
    onCallMs: 0,
    outsideWorkingMs: 0,
    sleepingMs: 0,
    interruptions: 0,
    offCallInterruptions: 0,
    tally: new InterruptionTally(),
    lastNight: null,
    incidentMsOnCall: 0,
    incidentMsOffCall: 0,
    longestStreak: 0,
    currentStreak: 0,
    rate: null,
    opened: [],
  };
}

/** Rows grouped by responder id (each list already in the rows' order). */
function byResponder<T extends { responderId: number }>(rows: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    let list = out.get(row.responderId);
    if (!list) out.set(row.responderId, (list = []));
    list.push(row);
  }
  return out;
}

/** Rules 1–7 for every responder with a shift, an interruption or incident work in the range. */
function measurePeople(input: OncallInput): Map<number, Person> {
  const { range, settings } = input;
  const fromMs = range.from.getTime();
  const toMs = range.to.getTime();
  const rangeWeeks = bucketKeysInRange(range, 'week', settings.timezone);
  const shifts = byResponder(input.shifts);
  const segments = byResponder(input.segments);
  const people = new Map<number, Person>();

  for (const row of input.responders) {
    const own = shifts.get(row.id) ?? [];
    const work = segments.get(row.id) ?? [];
    const person = newPerson(row, settings);
    person.shifts = own;
    const calendar = responderCalendar(row, settings);
    // Rule 1: the union of the shifts clipped to the range.
    person.union = unionIntervals(own.map((s) => ({ startMs: Math.max(s.startMs, fromMs), endMs: Math.min(s.endMs, toMs) })));
    // Rule 2: on-call time on the responder's own clock.
    const classifier = new TimeClassifier(calendar);
    const weekMs = new Map<string, number>();
    for (const u of person.union) {
      person.onCallMs += u.endMs - u.startMs;
      for (const piece of classifier.classify({ incidentId: 0, startMs: u.startMs, endMs: u.endMs, share: 1 })) {
        if (piece.bucket !== 'working') person.outsideWorkingMs += piece.endMs - piece.startMs;
        if (piece.bucket === 'sleeping') person.sleepingMs += piece.endMs - piece.startMs;
      }
      addToWeeks(u, settings.timezone, weekMs);
    }
    // Rule 6: streaks of ISO weeks (organisation zone) with at least a day on call.
    const weeks = new Set([...weekMs].filter(([, ms]) => ms >= ONCALL_STREAK_MIN_HOURS * MS_PER_HOUR).map(([week]) => week));
    const run = streaks(rangeWeeks, weeks);
    person.longestStreak = run.longest;
    person.currentStreak = run.current;
    // Rule 5: incident hours inside and outside the shifts.
    for (const s of work) {
      const inMs = overlapMs(person.union, s.startMs, s.endMs);
      person.incidentMsOnCall += inMs * s.share;
      person.incidentMsOffCall += (s.endMs - s.startMs - inMs) * s.share;
    }
    if (own.length > 0 || work.length > 0) people.set(row.id, person);
  }

  // Rules 3–4 and 7: interruptions (SPEC §2.5 merge) placed on the paged responder's calendar.
  const pages = input.pages;
  const clocks = new Map<number, ResponderClock>();
  const rows = new Map(input.responders.map((r) => [r.id, r]));
  for (const { opening } of openInterruptions(
    pages.map((p) => p.responderId),
    pages.map((p) => p.atMs),
  )) {
    const page = pages[opening]!;
    const row = rows.get(page.responderId);
    if (!row) continue; // the SQL selects pages of the same responders
    let person = people.get(row.id);
    if (!person) people.set(row.id, (person = newPerson(row, settings)));
    let clock = clocks.get(row.id);
    if (!clock) clocks.set(row.id, (clock = new ResponderClock(responderCalendar(row, settings))));
    const local = clock.place(page.atMs);
    person.tally.add(local);
    const onCall = inside(person.union, page.atMs);
    if (onCall) person.interruptions++;
    else person.offCallInterruptions++;
    if (local.night !== null && (person.lastNight === null || local.night > person.lastNight)) person.lastNight = local.night;
    person.opened.push({ page, bucket: local.bucket, onCall });
  }
  for (const person of people.values()) person.rate = person.onCallMs > 0 ? person.interruptions / (person.onCallMs / MS_PER_HOUR) : null;
  return people;
}

const hoursOf = (ms: number): number => roundCents(ms / MS_PER_HOUR);
const teamKey = (row: OncallResponderRow): string => row.teamExternalId ?? '';
const NO_TEAM = 'No team';

/** The team medians the flag rules compare with (members = responders with on-call time). */
interface TeamMedians {
  nights: number;
  rate: number;
  hours: number;
}

/** Rule 9: the health flags of one responder against their team's medians. */
function flagsOf(person: Person, medians: TeamMedians | undefined, settings: OncallSettings): Array<{ rule: OncallFlagRule; value: number; teamMedian: number | null; threshold: number }> {
  if (person.onCallMs === 0 || !medians) return [];
  const out: Array<{ rule: OncallFlagRule; value: number; teamMedian: number | null; threshold: number }> = [];
  const nights = person.tally.figures().disruptedNights;
  const nightsLimit = settings.oncallMedianFactor * medians.nights;
  if (nights >= settings.oncallMinDisruptedNights && nights > nightsLimit) {
    out.push({ rule: 'disrupted_nights', value: nights, teamMedian: roundCents(medians.nights), threshold: roundCents(nightsLimit) });
  }
  const rateLimit = settings.oncallMedianFactor * medians.rate;
  if (person.interruptions >= settings.oncallMinInterruptions && person.rate !== null && person.rate > rateLimit) {
    out.push({ rule: 'interruption_rate', value: roundRatio(person.rate), teamMedian: roundRatio(medians.rate), threshold: roundRatio(rateLimit) });
  }
  if (person.longestStreak > settings.oncallMaxConsecutiveWeeks) {
    out.push({ rule: 'long_streak', value: person.longestStreak, teamMedian: null, threshold: settings.oncallMaxConsecutiveWeeks });
  }
  return out;
}

function detailOf(person: Person | undefined, row: OncallResponderRow | undefined, range: ResolvedDateRange): OncallDetail | null {
  if (!row) return null;
  const fromMs = range.from.getTime();
  const toMs = range.to.getTime();
  const opened = person?.opened ?? [];
  return {
    responder: { externalId: row.externalId, name: row.name },
    shifts: (person?.shifts ?? []).map((s) => ({
      externalId: s.externalId,
      rotation: s.rotation,
      level: s.level,
      start: new Date(s.startMs).toISOString(),
      end: new Date(s.endMs).toISOString(),
      hoursInRange: hoursOf(Math.min(s.endMs, toMs) - Math.max(s.startMs, fromMs)),
      interruptions: opened.filter((o) => o.page.atMs >= s.startMs && o.page.atMs < s.endMs).length,
    })),
    interruptions: opened.map((o) => ({
      at: new Date(o.page.atMs).toISOString(),
      // The detail responder's pages carry their alert's external id (oncall.query.ts).
      alert: o.page.alert ?? '',
      rule: o.page.rule,
      incident: o.page.incident,
      bucket: o.bucket,
      onCall: o.onCall,
    })),
  };
}

/** Most on-call hours first; ties by external id (code-point order, the same in every locale). */
const byOnCallHours = (a: OncallResponder, b: OncallResponder): number =>
  b.onCallHours - a.onCallHours || (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0);

/**
 * The responders the JSON answer lists by default (`responders=top`): every flagged one and the `limit`
 * with the most on-call hours, kept in the report's order. The report lists the flagged first, then by
 * hours, so what is kept is a prefix of it: nobody listed ranks below someone left out.
 */
export function listedResponders(responders: readonly OncallResponder[], limit: number): OncallResponder[] {
  const top = new Set([...responders].sort(byOnCallHours).slice(0, limit).map((r) => r.externalId));
  return responders.filter((r) => r.flags.length > 0 || top.has(r.externalId));
}

export function computeOncallReport(input: OncallInput): Omit<OncallResponse, 'freshness'> {
  const { range, settings } = input;
  const people = measurePeople(input);
  const lastDay = addCalendarDays(range.toDate, -1);

  // Rule 8: teams over their members with on-call time.
  const teams = new Map<string, Person[]>();
  for (const person of people.values()) {
    const key = teamKey(person.row);
    let list = teams.get(key);
    if (!list) teams.set(key, (list = []));
    list.push(person);
  }
  const medians = new Map<string, TeamMedians>();
  for (const [key, list] of teams) {
    const members = list.filter((p) => p.onCallMs > 0);
    if (members.length === 0) continue;
    medians.set(key, {
      nights: median(members.map((p) => p.tally.figures().disruptedNights)),
      rate: median(members.map((p) => p.rate!)),
      hours: median(members.map((p) => p.onCallMs / MS_PER_HOUR)),
    });
  }

  const flags: OncallFlag[] = [];
  const responders: OncallResponder[] = [];
  for (const person of people.values()) {
    const { row } = person;
    const figures = person.tally.figures();
    const teamMedians = medians.get(teamKey(row));
    const own = flagsOf(person, teamMedians, settings);
    const team = row.teamExternalId === null ? null : { externalId: row.teamExternalId, name: row.teamName! };
    for (const f of own) flags.push({ responder: { externalId: row.externalId, name: row.name }, team, ...f });
    responders.push({
      externalId: row.externalId,
      name: row.name,
      team,
      timeZone: person.timeZone,
      shifts: person.shifts.length,
      onCallHours: hoursOf(person.onCallMs),
      outsideWorkingHours: hoursOf(person.outsideWorkingMs),
      sleepingHours: hoursOf(person.sleepingMs),
      interruptions: person.interruptions,
      offCallInterruptions: person.offCallInterruptions,
      interruptionsPerOnCallHour: person.rate === null ? null : roundRatio(person.rate),
      sleepingInterruptions: figures.sleepingInterruptions,
      disruptedNights: figures.disruptedNights,
      incidentHoursOnCall: hoursOf(person.incidentMsOnCall),
      incidentHoursOffCall: hoursOf(person.incidentMsOffCall),
      longestStreakWeeks: person.longestStreak,
      currentStreakWeeks: person.currentStreak,
      lastNightInterrupted: person.lastNight,
      // A responder ahead of the organisation's zone may have a night dated after its last day: 0 then.
      daysSinceLastNightInterrupted: person.lastNight === null ? null : Math.max(0, calendarDaysBetween(person.lastNight, lastDay)),
      loadRatio: person.onCallMs > 0 && teamMedians ? ratioOrNull(person.onCallMs / MS_PER_HOUR, teamMedians.hours) : null,
      flags: ONCALL_FLAG_RULES.filter((rule) => own.some((f) => f.rule === rule)),
    });
  }
  responders.sort((a, b) => Number(b.flags.length > 0) - Number(a.flags.length > 0) || byOnCallHours(a, b));

  const teamRows: OncallTeam[] = [];
  for (const [key, list] of teams) {
    const members = list.filter((p) => p.onCallMs > 0);
    if (members.length === 0) continue;
    const first = list[0]!.row;
    const teamMedians = medians.get(key)!;
    const top = [...members].sort(
      (a, b) => b.onCallMs - a.onCallMs || b.interruptions - a.interruptions || (a.row.externalId < b.row.externalId ? -1 : 1),
    )[0]!;
    const rates = members.map((p) => p.rate!);
    teamRows.push({
      externalId: first.teamExternalId,
      name: first.teamName ?? NO_TEAM,
      members: members.length,
      busiestMembers: Math.ceil(ONCALL_BUSIEST_SHARE * members.length),
      onCallHours: spread(members.map((p) => p.onCallMs / MS_PER_HOUR)),
      interruptions: spread(members.map((p) => p.interruptions)),
      disruptedNights: spread(members.map((p) => p.tally.figures().disruptedNights)),
      medianInterruptionsPerOnCallHour: roundRatio(median(rates)),
      mostLoaded: { externalId: top.row.externalId, name: top.row.name, loadRatio: ratioOrNull(top.onCallMs / MS_PER_HOUR, teamMedians.hours) },
      flagged: members.filter((p) => flagsOf(p, teamMedians, settings).length > 0).length,
    });
  }
  teamRows.sort((a, b) => a.name.localeCompare(b.name, 'en'));

  const teamOrder = new Map(teamRows.map((t, i) => [t.externalId, i]));
  flags.sort(
    (a, b) =>
      (teamOrder.get(a.team?.externalId ?? null) ?? 0) - (teamOrder.get(b.team?.externalId ?? null) ?? 0) ||
      a.responder.name.localeCompare(b.responder.name, 'en') ||
      ONCALL_FLAG_RULES.indexOf(a.rule) - ONCALL_FLAG_RULES.indexOf(b.rule),
  );

  const thresholds: OncallThresholds = {
    medianFactor: settings.oncallMedianFactor,
    minDisruptedNights: settings.oncallMinDisruptedNights,
    minInterruptions: settings.oncallMinInterruptions,
    maxConsecutiveWeeks: settings.oncallMaxConsecutiveWeeks,
  };
  const detailRow = input.detailResponderId === null ? undefined : input.responders.find((r) => r.id === input.detailResponderId);
  return {
    range: { from: range.fromDate, to: range.toDate, timeZone: settings.timezone },
    thresholds,
    responders,
    respondersTotal: responders.length,
    totals: {
      onCallResponders: responders.filter((r) => r.onCallHours > 0).length,
      onCallHours: hoursOf([...people.values()].reduce((sum, p) => sum + p.onCallMs, 0)),
      disruptedNights: responders.reduce((sum, r) => sum + r.disruptedNights, 0),
      flaggedResponders: responders.filter((r) => r.flags.length > 0).length,
    },
    teams: teamRows,
    flags,
    detail: detailOf(detailRow ? people.get(detailRow.id) : undefined, detailRow, range),
  };
}
