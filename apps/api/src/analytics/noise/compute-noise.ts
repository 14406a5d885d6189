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
import { classifyAlert, FLAP_PREDECESSOR_MAX_OPEN_MS, FLAP_WINDOW_MS } from './classify-alert.js';
import { INTERRUPTING_CHANNELS, InterruptionTally, openInterruptions, ResponderClock } from './interruptions.js';
import type {
  NoiseAggregates,
  NoiseAlertRow,
  NoiseAlertTotals,
  NoiseEscalationAggregate,
  NoiseInterruptingPages,
  NoiseReportRows,
  NoiseRuleAggregate,
  NoiseTotalsAggregates,
  NoiseWeekAggregate,
} from './noise.query.js';

type NoiseSettings = Pick<Settings, 'timezone' | 'workingHours' | 'sleepingHours' | 'holidayCountry' | 'transientMinutes'>;

export interface NoiseReportInput extends NoiseAggregates {
  range: ResolvedDateRange;
  settings: NoiseSettings;
}

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
 * Which alerts are flaps (SPEC §2.5): fired at most 60 min after another alert of the same source, rule
 * and service (no service: another alert without one) resolved (`firedAt − 60 min ≤ resolvedAt ≤
 * firedAt`; such an alert necessarily fired first) that had been open at most 7 days. Each rule and
 * service is answered by a binary search over its sorted resolution times.
 */
export function findFlaps(alerts: readonly NoiseAlertRow[]): boolean[] {
  const groups = new Map<string, number[]>();
  alerts.forEach((a, i) => {
    const key = `${ruleKey(a)}\u0000${a.serviceId ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const flaps = new Array<boolean>(alerts.length).fill(false);
  for (const group of groups.values()) {
    const resolved: number[] = [];
    for (const i of group) {
      const { firedAtMs, resolvedAtMs } = alerts[i]!;
      if (resolvedAtMs !== null && resolvedAtMs - firedAtMs <= FLAP_PREDECESSOR_MAX_OPEN_MS) resolved.push(resolvedAtMs);
    }
    resolved.sort((a, b) => a - b);
    for (const i of group) {
      const { firedAtMs, resolvedAtMs } = alerts[i]!;
      let within = lowerBound(resolved, firedAtMs + 1) - lowerBound(resolved, firedAtMs - FLAP_WINDOW_MS);
      if (resolvedAtMs === firedAtMs) within--; // the alert itself, resolved the instant it fired
      flaps[i] = within > 0;
    }
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

const countBy = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * SPEC §2.5 applied row by row: every alert of the range (with its flap predecessors) and every page
 * of them, as `queryNoiseRows` reads them, aggregated to what the report needs. This is the
 * definition `NOISE_AGGREGATES_SQL` computes in the database, and what it is tested against.
 */
export function aggregateNoiseRows(rows: NoiseReportRows, settings: Pick<Settings, 'timezone' | 'transientMinutes'>): NoiseAggregates {
  const ruleNos = new Map<string, number>();
  const rules = new Map<number, NoiseRuleAggregate & { tta: number[] }>();
  const weeks = new Map<string, NoiseWeekAggregate>();
  const inRange = new Map<string, { alert: NoiseAlertRow; ruleNo: number; cls: AlertClass | null }>();
  const flaps = findFlaps(rows.alerts);
  for (let i = 0; i < rows.alerts.length; i++) {
    const a = rows.alerts[i]!;
    let ruleNo = ruleNos.get(ruleKey(a));
    if (ruleNo === undefined) ruleNos.set(ruleKey(a), (ruleNo = ruleNos.size + 1));
    if (!a.inRange) continue;
    const cls = classifyAlert(a, settings.transientMinutes);
    inRange.set(a.id, { alert: a, ruleNo, cls });
    let rule = rules.get(ruleNo);
    if (!rule) {
      const blank = { ruleNo, source: a.source, rule: a.rule, fired: 0, escalated: 0, classes: noClasses(), ttaMedianMinutes: null, flaps: 0 };
      rules.set(ruleNo, (rule = { ...blank, lastFiredAtMs: a.firedAtMs, tta: [] }));
    }
    rule.fired++;
    rule.lastFiredAtMs = Math.max(rule.lastFiredAtMs, a.firedAtMs);
    if (flaps[i]) rule.flaps++;
    if (cls === null) continue;
    rule.escalated++;
    rule.classes[classKey(cls)]++;
    if (a.acknowledgedAtMs !== null) rule.tta.push((a.acknowledgedAtMs - a.firedAtMs) / 60_000);
    const week = bucketKey(new Date(a.firedAtMs), 'week', settings.timezone);
    let w = weeks.get(week);
    if (!w) weeks.set(week, (w = { week, escalated: 0, actionable: 0 }));
    w.escalated++;
    if (cls === 'actionable') w.actionable++;
  }

  const pagesByResponder = new Map<number, number>();
  const interrupting: NoiseInterruptingPages = { responderId: [], atMs: [], ruleNo: [], noisy: [] };
  for (const page of rows.pages) {
    pagesByResponder.set(page.responderId, (pagesByResponder.get(page.responderId) ?? 0) + 1);
    if (!INTERRUPTING_CHANNELS.has(page.channel)) continue;
    const { ruleNo, cls } = inRange.get(page.alertId)!;
    interrupting.responderId.push(page.responderId);
    interrupting.atMs.push(page.atMs);
    interrupting.ruleNo.push(ruleNo);
    interrupting.noisy.push(cls !== 'actionable');
  }

  // Escalation depth: escalated alerts, and incidents (kind `incident`) linked to one, by the reason of their first page at level ≥ 2.
  const first = firstEscalations(rows.pages);
  const escalation: NoiseEscalationAggregate = { escalatedAlerts: 0, alertsByReason: {}, incidents: 0, incidentsByReason: {} };
  const incidents = new Map<number, { atMs: number; level: number; reason: string } | null>();
  for (const [id, { alert, cls }] of inRange) {
    if (cls === null) continue;
    escalation.escalatedAlerts++;
    const esc = first.get(id);
    if (esc) countBy(escalation.alertsByReason, esc.reason);
    if (alert.incidentId === null || alert.incidentKind !== 'incident') continue;
    const seen = incidents.get(alert.incidentId) ?? null;
    if (esc && (!seen || esc.atMs < seen.atMs || (esc.atMs === seen.atMs && esc.level < seen.level))) incidents.set(alert.incidentId, esc);
    else if (!incidents.has(alert.incidentId)) incidents.set(alert.incidentId, null);
  }
  escalation.incidents = incidents.size;
  for (const esc of incidents.values()) if (esc) countBy(escalation.incidentsByReason, esc.reason);

  return {
    rules: [...rules.values()].map(({ tta, ...r }) => ({ ...r, ttaMedianMinutes: median(tta) })),
    weeks: [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week)),
    escalation,
    pagesByResponder: [...pagesByResponder].map(([responderId, pages]) => ({ responderId, pages })),
    interrupting,
    responders: rows.responders,
  };
}

interface RuleInterruptions {
  byBucket: Record<TimeBucket, number>;
  noisy: number;
  noisySleeping: number;
}

/** Every paged responder's pages and interruptions, and the sums over them. */
interface PlacedInterruptions {
  people: Map<number, InterruptionTally>;
  pages: number;
  interruptions: number;
  sleepingInterruptions: number;
}

/**
 * Merges the interrupting pages into interruptions and places each on the paged responder's own
 * calendar, counting per responder; `each` also sees every interruption (the index of its opening page
 * in the columns, and its bucket).
 */
function placeInterruptions(
  input: Pick<NoiseTotalsAggregates, 'pagesByResponder' | 'interrupting' | 'responders'>,
  settings: NoiseSettings,
  each?: (opening: number, bucket: TimeBucket) => void,
): PlacedInterruptions {
  const clocks = new Map(input.responders.map((r) => [r.id, new ResponderClock(responderCalendar(r, settings))]));
  const placed: PlacedInterruptions = { people: new Map(), pages: 0, interruptions: 0, sleepingInterruptions: 0 };
  const person = (id: number) => {
    let p = placed.people.get(id);
    if (!p) placed.people.set(id, (p = new InterruptionTally()));
    return p;
  };
  for (const r of input.pagesByResponder) {
    person(r.responderId).pages += r.pages;
    placed.pages += r.pages;
  }
  const { responderId, atMs } = input.interrupting;
  for (const { opening } of openInterruptions(responderId, atMs)) {
    const local = clocks.get(responderId[opening]!)!.place(atMs[opening]!);
    each?.(opening, local.bucket);
    person(responderId[opening]!).add(local);
    placed.interruptions++;
    if (local.bucket === 'sleeping') placed.sleepingInterruptions++;
  }
  return placed;
}

/** The report's totals block. */
function noiseTotals(alerts: NoiseAlertTotals, placed: PlacedInterruptions): NoiseTotals {
  return {
    fired: alerts.fired,
    escalated: alerts.escalated,
    actionable: alerts.classes.actionable,
    noise: alerts.escalated - alerts.classes.actionable,
    actionableRatio: ratio(alerts.classes.actionable, alerts.escalated),
    pages: placed.pages,
    interruptions: placed.interruptions,
    sleepingInterruptions: placed.sleepingInterruptions,
    classes: alerts.classes,
  };
}

/** The totals of the noise report alone (the overview's figures), from `queryNoiseTotals`. */
export function computeNoiseTotals(input: NoiseTotalsAggregates & { settings: NoiseSettings }): NoiseTotals {
  return noiseTotals(input.alerts, placeInterruptions(input, input.settings));
}

/**
 * The noise report (SPEC §2.5, §3 `/api/v1/analytics/noise`) from its aggregates (noise.query.ts).
 * Alerts count by firedAt in the range; their pages and interruptions count with them, whenever they
 * came. Interruptions are merged here and placed on the paged responder's own calendar.
 */
export function computeNoiseReport(input: NoiseReportInput): NoiseResponse {
  const { settings } = input;
  const timeZone = settings.timezone;
  const alerts: NoiseAlertTotals = { fired: 0, escalated: 0, classes: noClasses() };
  for (const r of input.rules) {
    alerts.fired += r.fired;
    alerts.escalated += r.escalated;
    for (const c of Object.keys(alerts.classes) as Array<keyof AlertClassCounts>) alerts.classes[c] += r.classes[c];
  }

  const ruleInterruptions = new Map<number, RuleInterruptions>(input.rules.map((r) => [r.ruleNo, { byBucket: { working: 0, late: 0, sleeping: 0 }, noisy: 0, noisySleeping: 0 }]));
  const placed = placeInterruptions(input, settings, (opening, bucket) => {
    const rule = ruleInterruptions.get(input.interrupting.ruleNo[opening]!)!;
    rule.byBucket[bucket]++;
    if (!input.interrupting.noisy[opening]) return;
    rule.noisy++;
    if (bucket === 'sleeping') rule.noisySleeping++;
  });

  const rules = input.rules.map((r) => ({ ...r, interruptions: ruleInterruptions.get(r.ruleNo)! }));
  const ruleRows: NoiseRule[] = [...rules]
    .sort((a, b) => b.escalated - a.escalated || b.fired - a.fired || a.source.localeCompare(b.source, 'en') || a.rule.localeCompare(b.rule, 'en'))
    .map((r) => {
      const noise = r.escalated - r.classes.actionable;
      const { working, late, sleeping } = r.interruptions.byBucket;
      return {
        source: r.source,
        rule: r.rule,
        fired: r.fired,
        escalated: r.escalated,
        interruptions: working + late + sleeping,
        sleepingInterruptions: sleeping,
        interruptionsByBucket: { working, late, sleeping },
        noise,
        noiseRatio: ratio(noise, r.escalated),
        classes: r.classes,
        ttaMedianMinutes: r.ttaMedianMinutes === null ? null : roundTenth(Math.max(0, r.ttaMedianMinutes)),
        flaps: r.flaps,
        lastFiredAt: new Date(r.lastFiredAtMs).toISOString(),
      };
    });

  const tuneFirst: NoiseTuneFirst[] = rules
    .map((r) => ({ r, score: r.interruptions.noisy + (NOISE_SLEEPING_WEIGHT - 1) * r.interruptions.noisySleeping }))
    .filter((x) => x.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score || b.r.interruptions.noisy - a.r.interruptions.noisy || a.r.source.localeCompare(b.r.source, 'en') || a.r.rule.localeCompare(b.r.rule, 'en'),
    )
    .slice(0, NOISE_TUNE_FIRST)
    .map(({ r, score }) => ({
      source: r.source,
      rule: r.rule,
      score,
      noisyInterruptions: r.interruptions.noisy,
      noisySleepingInterruptions: r.interruptions.noisySleeping,
      noiseRatio: ratio(r.escalated - r.classes.actionable, r.escalated),
      dominantClass: dominantNoiseClass(r.classes),
    }));

  const names = new Map(input.responders.map((r) => [r.id, r]));
  const responders: NoiseResponder[] = [...placed.people.entries()]
    .map(([id, p]) => ({ externalId: names.get(id)!.externalId, name: names.get(id)!.name, ...p.figures() }))
    .sort((a, b) => b.sleepingInterruptions - a.sleepingInterruptions || b.interruptions - a.interruptions || b.pages - a.pages || a.name.localeCompare(b.name, 'en'));

  const weeks = new Map(input.weeks.map((w) => [w.week, w]));
  return {
    range: { from: input.range.fromDate, to: input.range.toDate, timeZone },
    timezone: timeZone,
    transientMinutes: settings.transientMinutes,
    totals: noiseTotals(alerts, placed),
    rules: ruleRows,
    tuneFirst,
    responders,
    escalation: escalationDepth(input.escalation),
    weekly: zeroFill(bucketKeysInRange(input.range, 'week', timeZone), weeks, (week) => ({ week, escalated: 0, actionable: 0 })).map((w) => ({
      week: w.week,
      escalated: w.escalated,
      actionable: w.actionable,
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
function escalationDepth(e: NoiseEscalationAggregate): NoiseEscalation {
  const alertsReaching = Object.values(e.alertsByReason).reduce((sum, n) => sum + n, 0);
  const incidentsReaching = Object.values(e.incidentsByReason).reduce((sum, n) => sum + n, 0);
  const byReason = Object.fromEntries(
    ESCALATION_REASONS.map((r) => {
      const alerts = e.alertsByReason[r] ?? 0;
      const incidents = e.incidentsByReason[r] ?? 0;
      return [r, { alerts, alertsRatio: ratio(alerts, e.escalatedAlerts), incidents, incidentsRatio: ratio(incidents, e.incidents) }];
    }),
  ) as NoiseEscalation['byReason'];
  return {
    escalatedAlerts: e.escalatedAlerts,
    alertsReachingLevel2: alertsReaching,
    alertsReachingLevel2Ratio: ratio(alertsReaching, e.escalatedAlerts),
    incidents: e.incidents,
    incidentsReachingLevel2: incidentsReaching,
    incidentsReachingLevel2Ratio: ratio(incidentsReaching, e.incidents),
    byReason,
  };
}
