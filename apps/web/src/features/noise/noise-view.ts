import { ESCALATION_REASONS, type AlertClassCounts, type NoiseEscalation, type NoiseResponse, type NoiseRule, type NoiseTuneFirst, type NoiseWeek } from '@firewatch/shared';
import { alertClassColors, alertClassCsvNames, alertClassFields, alertClassLabels } from '../../components/charts/alert-class-colors';
import type { TableColumn } from '../../components/charts/data-table';
import { headingSlug } from '../../components/charts/definition-link';
import type { ChartSeries } from '../../components/charts/series';

/**
 * The Pager noise page's view model: the API's report → the rows its charts draw. No metric is
 * computed here; counts are only joined, split for stacking and labelled.
 */

/** The METRICS.md section every chart of the page links to. */
export const NOISE_DEFINITION = headingSlug('Pager noise and escalations');

/** The class series (counts of escalated alerts), actionable at the bottom of the stack. */
export function classSeries<Row extends { classes: AlertClassCounts }>(): ChartSeries<Row>[] {
  return alertClassFields.map((field) => ({
    key: field,
    label: alertClassLabels[field],
    color: alertClassColors[field],
    value: (row: Row) => row.classes[field],
  }));
}

/** Table / CSV columns of the class counts (CSV headers as the API's: `ack_only`). */
export function classColumns<Row extends { classes: AlertClassCounts }>(): TableColumn<Row>[] {
  return alertClassFields.map((field) => ({
    header: alertClassLabels[field],
    csvHeader: alertClassCsvNames[field],
    unit: 'count',
    value: (row: Row) => row.classes[field],
  }));
}

/** A "tune first" rule with the full figures of its rule row (classes, escalated, flaps…). */
export type TuneFirstRow = NoiseTuneFirst & Pick<NoiseRule, 'fired' | 'escalated' | 'classes' | 'flaps' | 'ttaMedianMinutes'>;

const ruleKey = (r: { source: string; rule: string }) => `${r.source}\u0000${r.rule}`;

/** The ranking in the API's order, each rule joined with its row of `rules` (same source and rule). */
export function tuneFirstRows(report: Pick<NoiseResponse, 'tuneFirst' | 'rules'>): TuneFirstRow[] {
  const rules = new Map(report.rules.map((r) => [ruleKey(r), r]));
  return report.tuneFirst.flatMap((t) => {
    const rule = rules.get(ruleKey(t));
    if (!rule) return [];
    const { fired, escalated, classes, flaps, ttaMedianMinutes } = rule;
    return [{ ...t, fired, escalated, classes, flaps, ttaMedianMinutes }];
  });
}

/**
 * How a rule is labelled among `rules`: its name, with the source ("KafkaConsumerLag (prometheus)")
 * only when the rules come from several sources and a name alone could mean two rules.
 */
export function ruleLabeler(rules: readonly { source: string }[]): (r: { source: string; rule: string }) => string {
  const severalSources = new Set(rules.map((r) => r.source)).size > 1;
  return (r) => (severalSources ? `${r.rule} (${r.source})` : r.rule);
}

export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export const reasonLabels: Record<EscalationReason, string> = {
  timeout: 'Timed out',
  manual: 'Escalated by hand',
  reassigned: 'Reassigned',
  initial: 'Level 2 at once',
};

export interface EscalationReasonRow {
  reason: EscalationReason;
  label: string;
  alerts: number;
  /** Share of all escalated alerts, 0..1; null when nothing escalated. */
  alertsRatio: number | null;
  incidents: number;
  incidentsRatio: number | null;
}

/** One row per reason in the API's order, plus nothing else: the reasons add up to the level-2 counts. */
export function escalationReasonRows(escalation: NoiseEscalation): EscalationReasonRow[] {
  return ESCALATION_REASONS.map((reason) => ({ reason, label: reasonLabels[reason], ...escalation.byReason[reason] }));
}

/** A week split for stacking: `actionable` + `noise` = `escalated`. */
export interface NoiseWeekRow extends NoiseWeek {
  noise: number;
}

export function noiseWeekRows(weekly: readonly NoiseWeek[]): NoiseWeekRow[] {
  return weekly.map((w) => ({ ...w, noise: w.escalated - w.actionable }));
}

/** Interruptions split for stacking: those in sleeping hours and the others (working + late). */
export interface ResponderInterruptionSplit {
  awake: number;
  sleeping: number;
}

export function interruptionSplit(r: { interruptions: number; sleepingInterruptions: number }): ResponderInterruptionSplit {
  return { awake: r.interruptions - r.sleepingInterruptions, sleeping: r.sleepingInterruptions };
}

/** How each feedback value reads in the feedback form. */
export const feedbackLabels: Record<'actionable' | 'false_positive' | 'not_actionable' | 'poor_details', string> = {
  actionable: 'Actionable',
  false_positive: 'False positive',
  not_actionable: 'Not actionable',
  poor_details: 'Poor details',
};

/** URL parameters of the rule opened on the page (beside the filters): `ruleSource` and `rule`. */
export const SELECTED_RULE_PARAMS = { source: 'ruleSource', rule: 'rule' } as const;

/** The rule of `rules` the URL opens, or null when none is named or it has no alerts in the range. */
export function selectedRule<Rule extends { source: string; rule: string }>(params: URLSearchParams, rules: readonly Rule[]): Rule | null {
  const source = params.get(SELECTED_RULE_PARAMS.source);
  const name = params.get(SELECTED_RULE_PARAMS.rule);
  return rules.find((r) => r.source === source && r.rule === name) ?? null;
}

/** `params` with the opened rule replaced (null closes it); the filters and other parameters are kept. */
export function withSelectedRule(params: URLSearchParams, rule: { source: string; rule: string } | null): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete(SELECTED_RULE_PARAMS.source);
  next.delete(SELECTED_RULE_PARAMS.rule);
  if (rule) {
    next.set(SELECTED_RULE_PARAMS.source, rule.source);
    next.set(SELECTED_RULE_PARAMS.rule, rule.rule);
  }
  return next;
}
