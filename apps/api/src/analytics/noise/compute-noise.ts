import {
  bucketKey,
  bucketKeysInRange,
  ESCALATION_REASONS,
  NOISE_CLASSES,
  NOISE_SLEEPING_WEIGHT,
  NOISE_TUNE_FIRST,
  zeroFill,
  type AlertClass,
  type AlertClassCounts,
  type NoiseClass,
  type NoiseEscalation,
  type NoiseResponder,
  type NoiseResponse,
  type NoiseRule,
  type NoiseTotals,
  type NoiseTuneFirst,
  type ResolvedDateRange,
  type Settings,
} from '@firewatch/shared';
import { responderCalendar } from '../workload/workload-calendar.js';
import type { TimeBucket } from '../workload/workload-rules.js';
import { classifyAlert } from './classify-alert.js';
import { mergeInterruptions, ResponderClock } from './interruptions.js';
import type { NoiseAlertRow, NoiseReportRows } from './noise.query.js';

export interface NoiseReportInput extends NoiseReportRows {
  range: ResolvedDateRange;
  settings: Pick<Settings, 'timezone' | 'workingHours' | 'sleepingHours' | 'holidayCountry' | 'transientMinutes'>;
}

/** A re-fire at most this long after an earlier alert of the rule resolved is a flap (SPEC §2.5). */
export const FLAP_WINDOW_MS = 60 * 60_000;

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);
const roundTenth = (n: number): number => Math.round(n * 10) / 10;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const classKey = (c: AlertClass): keyof AlertClassCounts => (c === 'ack_only' ? 'ackOnly' : c);
const noClasses = (): AlertClassCounts => ({ actionable: 0, flagged: 0, transient: 0, ignored: 0, ackOnly: 0 });
const ruleKey = (a: Pick<NoiseAlertRow, 'source' | 'rule'>): string => `${a.source}\u0000${a.rule}`;

interface RuleAcc {
  source: string;
  rule: string;
  fired: number;
  escalated: number;
  classes: AlertClassCounts;
  ttaMinutes: number[];
  flaps: number;
  lastFiredAtMs: number;
  interruptions: Record<TimeBucket, number>;
  noisyInterruptions: number;
  noisySleepingInterruptions: number;
}

/** The first index in sorted `values` whose value is ≥ `x`. */
function lowerBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Which alerts are flaps: fired at most 60 min after another alert of the same rule resolved
 * (`firedAt − 60 min ≤ resolvedAt ≤ firedAt`; such an alert necessarily fired first). `alerts` are
 * sorted by rule, so each rule is one run of rows; within it, a binary search over the sorted
 * resolution times answers each alert.
 */
export function findFlaps(alerts: readonly NoiseAlertRow[]): boolean[] {
  const flaps = new Array<boolean>(alerts.length).fill(false);
  for (let start = 0; start < alerts.length; ) {
    const key = ruleKey(alerts[start]!);
    let end = start + 1;
    while (end < alerts.length && ruleKey(alerts[end]!) === key) end++;
    const resolved: number[] = [];
    for (let i = start; i < end; i++) if (alerts[i]!.resolvedAtMs !== null) resolved.push(alerts[i]!.resolvedAtMs!);
    resolved.sort((a, b) => a - b);
    for (let i = start; i < end; i++) {
      const { firedAtMs, resolvedAtMs } = alerts[i]!;
      let within = lowerBound(resolved, firedAtMs + 1) - lowerBound(resolved, firedAtMs - FLAP_WINDOW_MS);
      if (resolvedAtMs === firedAtMs) within--; // the alert itself, resolved the instant it fired
      flaps[i] = within > 0;
    }
    start = end;
  }
  return flaps;
}

/** The first page at level ≥ 2 (earliest, then lowest level) of each alert. */
function firstEscalations(pages: NoiseReportRows['pages']): Map<string, { atMs: number; level: number; reason: string }> {
  const first = new Map<string, { atMs: number; level: number; reason: string }>();
  for (const p of pages) {
    if (p.level < 2) continue;
    const seen = first.get(p.alertId);
    if (!seen || p.atMs < seen.atMs || (p.atMs === seen.atMs && p.level < seen.level)) first.set(p.alertId, { atMs: p.atMs, level: p.level, reason: p.reason });
  }
  return first;
}

/**
 * The noise report (SPEC §2.5, §3 `/api/v1/analytics/noise`) from the rows of noise.query.ts. Alerts
 * count by firedAt in the range; their pages and interruptions count with them, whenever they came.
 */
export function computeNoiseReport(input: NoiseReportInput): NoiseResponse {
  const { settings } = input;
  const timeZone = settings.timezone;
  const classOf = new Map<string, AlertClass | null>();
  const inRange = new Map<string, NoiseAlertRow>();
  const rules = new Map<string, RuleAcc>();
  const totals = { fired: 0, escalated: 0, classes: noClasses() };
  const weeks = new Map<string, { week: string; escalated: number; actionable: number }>();

  const flaps = findFlaps(input.alerts);
  for (let i = 0; i < input.alerts.length; i++) {
    const a = input.alerts[i]!;
    if (!a.inRange) continue;
    inRange.set(a.id, a);
    const cls = classifyAlert(a, settings.transientMinutes);
    classOf.set(a.id, cls);
    const key = ruleKey(a);
    let rule = rules.get(key);
    if (!rule) {
      rule = {
        source: a.source,
        rule: a.rule,
        fired: 0,
        escalated: 0,
        classes: noClasses(),
        ttaMinutes: [],
        flaps: 0,
        lastFiredAtMs: a.firedAtMs,
        interruptions: { working: 0, late: 0, sleeping: 0 },
        noisyInterruptions: 0,
        noisySleepingInterruptions: 0,
      };
      rules.set(key, rule);
    }
    rule.fired++;
    totals.fired++;
    rule.lastFiredAtMs = Math.max(rule.lastFiredAtMs, a.firedAtMs);
    if (flaps[i]) rule.flaps++;
    if (cls === null) continue;
    rule.escalated++;
    totals.escalated++;
    rule.classes[classKey(cls)]++;
    totals.classes[classKey(cls)]++;
    if (a.acknowledgedAtMs !== null) rule.ttaMinutes.push((a.acknowledgedAtMs - a.firedAtMs) / 60_000);
    const week = bucketKey(new Date(a.firedAtMs), 'week', timeZone);
    let w = weeks.get(week);
    if (!w) weeks.set(week, (w = { week, escalated: 0, actionable: 0 }));
    w.escalated++;
    if (cls === 'actionable') w.actionable++;
  }

  // Interruptions, placed on the paged responder's own calendar.
  const clocks = new Map(input.responders.map((r) => [r.id, new ResponderClock(responderCalendar(r, settings))]));
  const people = new Map<number, { pages: number; interruptions: number; sleeping: number; hours: Set<string>; nights: Set<string> }>();
  const person = (id: number) => {
    let p = people.get(id);
    if (!p) people.set(id, (p = { pages: 0, interruptions: 0, sleeping: 0, hours: new Set(), nights: new Set() }));
    return p;
  };
  for (const page of input.pages) person(page.responderId).pages++;
  let interruptions = 0;
  let sleepingInterruptions = 0;
  for (const interruption of mergeInterruptions(input.pages)) {
    const local = clocks.get(interruption.responderId)!.place(interruption.atMs);
    const alert = inRange.get(interruption.alertId)!;
    const rule = rules.get(ruleKey(alert))!;
    const sleeping = local.bucket === 'sleeping';
    interruptions++;
    rule.interruptions[local.bucket]++;
    if (classOf.get(alert.id) !== 'actionable') {
      rule.noisyInterruptions++;
      if (sleeping) rule.noisySleepingInterruptions++;
    }
    const p = person(interruption.responderId);
    p.interruptions++;
    p.hours.add(local.hour);
    if (sleeping) {
      sleepingInterruptions++;
      p.sleeping++;
      p.nights.add(local.night!);
    }
  }

  const ruleRows: NoiseRule[] = [...rules.values()]
    .sort((a, b) => b.escalated - a.escalated || b.fired - a.fired || a.source.localeCompare(b.source, 'en') || a.rule.localeCompare(b.rule, 'en'))
    .map((r) => {
      const noise = r.escalated - r.classes.actionable;
      const tta = median(r.ttaMinutes);
      return {
        source: r.source,
        rule: r.rule,
        fired: r.fired,
        escalated: r.escalated,
        interruptions: r.interruptions.working + r.interruptions.late + r.interruptions.sleeping,
        sleepingInterruptions: r.interruptions.sleeping,
        interruptionsByBucket: { ...r.interruptions },
        noise,
        noiseRatio: ratio(noise, r.escalated),
        classes: r.classes,
        ttaMedianMinutes: tta === null ? null : roundTenth(Math.max(0, tta)),
        flaps: r.flaps,
        lastFiredAt: new Date(r.lastFiredAtMs).toISOString(),
      };
    });

  const tuneFirst: NoiseTuneFirst[] = [...rules.values()]
    .map((r) => ({ r, score: r.noisyInterruptions + (NOISE_SLEEPING_WEIGHT - 1) * r.noisySleepingInterruptions }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || b.r.noisyInterruptions - a.r.noisyInterruptions || a.r.source.localeCompare(b.r.source, 'en') || a.r.rule.localeCompare(b.r.rule, 'en'))
    .slice(0, NOISE_TUNE_FIRST)
    .map(({ r, score }) => ({
      source: r.source,
      rule: r.rule,
      score,
      noisyInterruptions: r.noisyInterruptions,
      noisySleepingInterruptions: r.noisySleepingInterruptions,
      noiseRatio: ratio(r.escalated - r.classes.actionable, r.escalated),
      dominantClass: dominantNoiseClass(r.classes),
    }));

  const names = new Map(input.responders.map((r) => [r.id, r]));
  const responders: NoiseResponder[] = [...people.entries()]
    .map(([id, p]) => ({
      externalId: names.get(id)!.externalId,
      name: names.get(id)!.name,
      pages: p.pages,
      interruptions: p.interruptions,
      sleepingInterruptions: p.sleeping,
      disruptedHours: p.hours.size,
      disruptedNights: p.nights.size,
    }))
    .sort((a, b) => b.sleepingInterruptions - a.sleepingInterruptions || b.interruptions - a.interruptions || b.pages - a.pages || a.name.localeCompare(b.name, 'en'));

  const totalsBlock: NoiseTotals = {
    fired: totals.fired,
    escalated: totals.escalated,
    actionable: totals.classes.actionable,
    noise: totals.escalated - totals.classes.actionable,
    actionableRatio: ratio(totals.classes.actionable, totals.escalated),
    pages: input.pages.length,
    interruptions,
    sleepingInterruptions,
    classes: totals.classes,
  };

  return {
    range: { from: input.range.fromDate, to: input.range.toDate, timeZone },
    timezone: timeZone,
    transientMinutes: settings.transientMinutes,
    totals: totalsBlock,
    rules: ruleRows,
    tuneFirst,
    responders,
    escalation: escalationDepth(input.pages, inRange, classOf),
    weekly: zeroFill(bucketKeysInRange(input.range, 'week', timeZone), weeks, (week) => ({ week, escalated: 0, actionable: 0 })).map((w) => ({
      ...w,
      actionableRatio: ratio(w.actionable, w.escalated),
    })),
  };
}

/** The noise class with the most alerts; ties go to the earlier class of the first-match order. */
export function dominantNoiseClass(classes: AlertClassCounts): NoiseClass | null {
  let best: NoiseClass | null = null;
  for (const c of NOISE_CLASSES) if (classes[classKey(c)] > 0 && (best === null || classes[classKey(c)] > classes[classKey(best)])) best = c;
  return best;
}

/**
 * Escalation depth: escalated alerts, and incidents (kind `incident`) linked to one, whose pages reached
 * level ≥ 2, split by the reason of the first such page (for an incident: over all its linked alerts).
 */
function escalationDepth(pages: NoiseReportRows['pages'], alerts: ReadonlyMap<string, NoiseAlertRow>, classOf: ReadonlyMap<string, AlertClass | null>): NoiseEscalation {
  const first = firstEscalations(pages);
  const reasons = Object.fromEntries(ESCALATION_REASONS.map((r) => [r, { alerts: 0, incidents: 0 }])) as Record<string, { alerts: number; incidents: number }>;
  const incidents = new Map<number, { atMs: number; level: number; reason: string } | null>();
  let escalatedAlerts = 0;
  let alertsReaching = 0;
  for (const [id, alert] of alerts) {
    if (classOf.get(id) === null) continue;
    escalatedAlerts++;
    const esc = first.get(id);
    if (esc) {
      alertsReaching++;
      reasons[esc.reason]!.alerts++;
    }
    if (alert.incidentId === null || alert.incidentKind !== 'incident') continue;
    const seen = incidents.get(alert.incidentId) ?? null;
    if (esc && (!seen || esc.atMs < seen.atMs || (esc.atMs === seen.atMs && esc.level < seen.level))) incidents.set(alert.incidentId, esc);
    else if (!incidents.has(alert.incidentId)) incidents.set(alert.incidentId, null);
  }
  let incidentsReaching = 0;
  for (const esc of incidents.values()) {
    if (!esc) continue;
    incidentsReaching++;
    reasons[esc.reason]!.incidents++;
  }
  const byReason = Object.fromEntries(
    ESCALATION_REASONS.map((r) => [
      r,
      { alerts: reasons[r]!.alerts, alertsRatio: ratio(reasons[r]!.alerts, escalatedAlerts), incidents: reasons[r]!.incidents, incidentsRatio: ratio(reasons[r]!.incidents, incidents.size) },
    ]),
  ) as NoiseEscalation['byReason'];
  return {
    escalatedAlerts,
    alertsReachingLevel2: alertsReaching,
    alertsReachingLevel2Ratio: ratio(alertsReaching, escalatedAlerts),
    incidents: incidents.size,
    incidentsReachingLevel2: incidentsReaching,
    incidentsReachingLevel2Ratio: ratio(incidentsReaching, incidents.size),
    byReason,
  };
}
