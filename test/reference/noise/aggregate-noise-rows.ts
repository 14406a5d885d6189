import { bucketKey, type AlertClass, type AlertClassCounts, type Settings } from '@firewatch/shared';
import { classifyAlert, FLAP_PREDECESSOR_MAX_OPEN_MS, FLAP_WINDOW_MS } from '../../../apps/api/src/analytics/noise/classify-alert.js';
import { InterruptionTally, ResponderClock } from '../../../apps/api/src/analytics/noise/interruptions.js';
import type {
  NoiseAggregates,
  NoiseEscalationAggregate,
  NoiseRuleAggregate,
  NoiseWeekAggregate,
} from '../../../apps/api/src/analytics/noise/noise.query.js';
import { responderCalendar } from '../../../apps/api/src/analytics/workload/workload-calendar.js';
import { mergeInterruptions } from './merge-interruptions.js';
import type { NoiseAlertRow, NoiseReportRows } from './noise-rows.query.js';

/**
 * SPEC §2.5 applied row by row to every alert of the range (with its flap predecessors), every page
 * of them, and every interrupting page of the paged responders, as `queryNoiseRows` reads them: the
 * reference the noise report (computed from maintained facts) must equal.
 */

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
 * firedAt`) that had been open at most 7 days.
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

type NoiseSettings = Pick<Settings, 'timezone' | 'workingHours' | 'sleepingHours' | 'holidayCountry' | 'transientMinutes'>;

export function aggregateNoiseRows(rows: NoiseReportRows, settings: NoiseSettings): NoiseAggregates {
  const rules = new Map<string, NoiseRuleAggregate & { tta: number[] }>();
  const weeks = new Map<string, NoiseWeekAggregate>();
  const inRange = new Map<string, { alert: NoiseAlertRow; rule: string; cls: AlertClass | null }>();
  const flaps = findFlaps(rows.alerts);
  for (let i = 0; i < rows.alerts.length; i++) {
    const a = rows.alerts[i]!;
    if (!a.inRange) continue;
    const cls = classifyAlert(a, settings.transientMinutes);
    inRange.set(a.id, { alert: a, rule: ruleKey(a), cls });
    let rule = rules.get(ruleKey(a));
    if (!rule) {
      const interruptions = { byBucket: { working: 0, late: 0, sleeping: 0 }, noisy: 0, noisySleeping: 0 };
      const blank = { source: a.source, rule: a.rule, fired: 0, escalated: 0, classes: noClasses(), ttaMedianMinutes: null, flaps: 0, interruptions };
      rules.set(ruleKey(a), (rule = { ...blank, lastFiredAtMs: a.firedAtMs, tta: [] }));
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

  // Pages of the selected alerts by responder; interruptions merged over all of a person's pages and
  // counted for the selected alert of their opening page, placed on the person's own calendar.
  const people = new Map<number, InterruptionTally>();
  const person = (id: number) => {
    let p = people.get(id);
    if (!p) people.set(id, (p = new InterruptionTally()));
    return p;
  };
  for (const page of rows.pages) person(page.responderId).pages++;
  const clocks = new Map(rows.responders.map((r) => [r.id, new ResponderClock(responderCalendar(r, settings))]));
  for (const page of mergeInterruptions(rows.merged)) {
    const selected = inRange.get(page.alertId);
    if (!selected) continue;
    const local = clocks.get(page.responderId)!.place(page.atMs);
    person(page.responderId).add(local);
    const rule = rules.get(selected.rule)!.interruptions;
    rule.byBucket[local.bucket]++;
    if (selected.cls === 'actionable') continue;
    rule.noisy++;
    if (local.bucket === 'sleeping') rule.noisySleeping++;
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

  const names = new Map(rows.responders.map((r) => [r.id, r]));
  return {
    rules: [...rules.values()].map(({ tta, ...r }) => ({ ...r, ttaMedianMinutes: median(tta) })),
    weeks: [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week)),
    escalation,
    responders: [...people].map(([id, p]) => ({ externalId: names.get(id)!.externalId, name: names.get(id)!.name, ...p.figures() })),
  };
}
