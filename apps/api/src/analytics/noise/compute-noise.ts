import {
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
import type { NoiseAggregates, NoiseAlertTotals, NoiseEscalationAggregate, NoiseTotalsAggregates } from './noise.query.js';

export interface NoiseReportInput extends NoiseAggregates {
  range: ResolvedDateRange;
  settings: Pick<Settings, 'timezone' | 'transientMinutes'>;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);
const roundTenth = (n: number): number => Math.round(n * 10) / 10;

const classKey = (c: AlertClass): keyof AlertClassCounts => (c === 'ack_only' ? 'ackOnly' : c);
const noClasses = (): AlertClassCounts => ({ actionable: 0, flagged: 0, transient: 0, ignored: 0, ackOnly: 0 });

/** The report's totals block. */
function noiseTotals(alerts: NoiseAlertTotals, people: Omit<NoiseTotalsAggregates, 'alerts'>): NoiseTotals {
  return {
    fired: alerts.fired,
    escalated: alerts.escalated,
    actionable: alerts.classes.actionable,
    noise: alerts.escalated - alerts.classes.actionable,
    actionableRatio: ratio(alerts.classes.actionable, alerts.escalated),
    pages: people.pages,
    interruptions: people.interruptions,
    sleepingInterruptions: people.sleepingInterruptions,
    classes: alerts.classes,
  };
}

/** The totals of the noise report alone (the overview's figures), from `queryNoiseTotals`. */
export function computeNoiseTotals(input: NoiseTotalsAggregates): NoiseTotals {
  return noiseTotals(input.alerts, input);
}

/**
 * The noise report (SPEC §2.5, §3 `/api/v1/analytics/noise`) from its aggregates (noise.query.ts).
 * Alerts count by firedAt in the range; their pages and interruptions count with them, whenever they
 * came. Interruptions were merged and placed on the paged responder's own calendar by the facts worker.
 */
export function computeNoiseReport(input: NoiseReportInput): Omit<NoiseResponse, 'freshness'> {
  const { settings } = input;
  const timeZone = settings.timezone;
  const alerts: NoiseAlertTotals = { fired: 0, escalated: 0, classes: noClasses() };
  for (const r of input.rules) {
    alerts.fired += r.fired;
    alerts.escalated += r.escalated;
    for (const c of Object.keys(alerts.classes) as Array<keyof AlertClassCounts>) alerts.classes[c] += r.classes[c];
  }
  const people = { pages: 0, interruptions: 0, sleepingInterruptions: 0 };
  for (const r of input.responders) {
    people.pages += r.pages;
    people.interruptions += r.interruptions;
    people.sleepingInterruptions += r.sleepingInterruptions;
  }

  const ruleRows: NoiseRule[] = [...input.rules]
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

  const tuneFirst: NoiseTuneFirst[] = input.rules
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

  const responders: NoiseResponder[] = input.responders
    .map((r) => ({ ...r }))
    .sort((a, b) => b.sleepingInterruptions - a.sleepingInterruptions || b.interruptions - a.interruptions || b.pages - a.pages || a.name.localeCompare(b.name, 'en'));

  const weeks = new Map(input.weeks.map((w) => [w.week, w]));
  return {
    range: { from: input.range.fromDate, to: input.range.toDate, timeZone },
    timezone: timeZone,
    transientMinutes: settings.transientMinutes,
    totals: noiseTotals(alerts, people),
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
