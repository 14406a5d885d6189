import { z } from 'zod';
import { isoDateSchema } from '../time/index.js';
import { analyticsFiltersShape, resolvedRangeSchema } from './filters.js';
import { freshnessSchema } from './meta.js';

/**
 * Classes of an escalated alert (SPEC §2.5), in first-match order: `actionable` (linked to an incident
 * or feedback `actionable`), `flagged` (other feedback), `transient` (auto-resolved within the
 * transient threshold, never acknowledged), `ignored` (never acknowledged), `ack_only`.
 */
export const ALERT_CLASSES = ['actionable', 'flagged', 'transient', 'ignored', 'ack_only'] as const;
export type AlertClass = (typeof ALERT_CLASSES)[number];
/** The classes that are noise: every escalated alert that is not `actionable`. */
export const NOISE_CLASSES = ['flagged', 'transient', 'ignored', 'ack_only'] as const satisfies readonly AlertClass[];
export type NoiseClass = (typeof NOISE_CLASSES)[number];

/** Reasons of an escalation page (level ≥ 2) that the escalation depth is split by. */
export const ESCALATION_REASONS = ['timeout', 'manual', 'reassigned', 'initial'] as const;

/** Rules listed in `tuneFirst`. */
export const NOISE_TUNE_FIRST = 10;
/** Weight of a sleeping noisy interruption in the "tune first" score (SPEC §2.5). */
export const NOISE_SLEEPING_WEIGHT = 3;

/** Query of `GET /api/v1/analytics/noise`: the analytics filters (SPEC §3), nothing else. */
export const noiseQuerySchema = z.strictObject({ ...analyticsFiltersShape });
export type NoiseQuery = z.output<typeof noiseQuerySchema>;

const count = (what: string) => z.number().int().min(0).describe(what);
const ratio = (what: string) => z.number().min(0).max(1).nullable().describe(`${what} (0..1, rounded to 0.001); null when the base is 0.`);

/** Escalated alerts by class; `ackOnly` is the class `ack_only`. */
export const alertClassCountsSchema = z.object({
  actionable: count('Linked to an incident, or feedback `actionable`.'),
  flagged: count('Feedback `false_positive`, `not_actionable` or `poor_details`.'),
  transient: count('Resolved automatically within the transient threshold, never acknowledged.'),
  ignored: count('Never acknowledged (and not transient).'),
  ackOnly: count('Acknowledged, no incident, no feedback.'),
});
export type AlertClassCounts = z.infer<typeof alertClassCountsSchema>;

/** Interruptions by the time-of-day bucket (SPEC §2.1 rule 4) of their first page, in the paged responder's zone. */
export const interruptionBucketsSchema = z.object({
  working: count('Interruptions inside working hours.'),
  late: count('Interruptions on evenings, weekends and holidays outside sleeping hours.'),
  sleeping: count('Interruptions in sleeping hours.'),
});

/** The period's headline figures; the overview reads the same block for its periods. */
export const noiseTotalsSchema = z.object({
  fired: count('Alerts fired in the range.'),
  escalated: count('Alerts fired in the range with at least one page.'),
  actionable: count('Escalated alerts classed `actionable`.'),
  noise: count('Escalated alerts that are not `actionable`.'),
  actionableRatio: ratio('actionable ÷ escalated'),
  pages: count('Pages of those alerts, any channel.'),
  interruptions: count('Pages on phone, sms or push, those to one responder within 60 s of the page that opened an interruption merged.'),
  sleepingInterruptions: count('Interruptions whose first page fell in the paged responder’s sleeping hours.'),
  classes: alertClassCountsSchema,
});
export type NoiseTotals = z.infer<typeof noiseTotalsSchema>;

/** One alert rule (`source` + `rule`) with alerts fired in the range. */
export const noiseRuleSchema = z.object({
  source: z.string(),
  rule: z.string().describe('Alert name / fingerprint template.'),
  fired: count('Alerts of the rule fired in the range.'),
  escalated: count('Of those, alerts with at least one page.'),
  interruptions: count('Interruptions opened by a page of the rule’s alerts.'),
  sleepingInterruptions: count('Of those, in the paged responder’s sleeping hours.'),
  interruptionsByBucket: interruptionBucketsSchema,
  noise: count('Escalated alerts that are not `actionable`.'),
  noiseRatio: ratio('noise ÷ escalated'),
  classes: alertClassCountsSchema,
  ttaMedianMinutes: z.number().min(0).nullable().describe('Median acknowledgedAt − firedAt of the escalated, acknowledged alerts, minutes (0.1); null when none.'),
  flaps: count('Alerts re-fired within 60 min after an earlier alert of the rule resolved.'),
  lastFiredAt: z.string().describe('firedAt of the rule’s latest alert in the range (ISO 8601, UTC).'),
});
export type NoiseRule = z.infer<typeof noiseRuleSchema>;

/** A rule in the "tune first" ranking. */
export const noiseTuneFirstSchema = z.object({
  source: z.string(),
  rule: z.string(),
  score: count(`Noisy interruptions + ${NOISE_SLEEPING_WEIGHT - 1} × the sleeping ones (a sleeping one weighs ${NOISE_SLEEPING_WEIGHT}).`),
  noisyInterruptions: count('Interruptions opened by a page of a noise alert (not `actionable`).'),
  noisySleepingInterruptions: count('Of those, in sleeping hours.'),
  noiseRatio: ratio('noise ÷ escalated'),
  dominantClass: z.enum(NOISE_CLASSES).nullable().describe('The noise class with the most alerts (ties: first-match order); null without noise.'),
});
export type NoiseTuneFirst = z.infer<typeof noiseTuneFirstSchema>;

/** A responder paged by the alerts of the range. */
export const noiseResponderSchema = z.object({
  externalId: z.string(),
  name: z.string(),
  pages: count('Pages received, any channel.'),
  interruptions: count('Interruptions (phone, sms, push; 60 s merge).'),
  sleepingInterruptions: count('Interruptions in the responder’s sleeping hours.'),
  disruptedHours: count('Distinct local clock hours (responder’s zone) with at least one interruption.'),
  disruptedNights: count('Distinct nights with a sleeping interruption; a night is named by the local date its sleeping hours start on.'),
});
export type NoiseResponder = z.infer<typeof noiseResponderSchema>;

const reasonSchema = z.object({
  alerts: count('Escalated alerts whose first page at level ≥ 2 has this reason.'),
  alertsRatio: ratio('alerts ÷ escalated alerts'),
  incidents: count('Incidents whose first page at level ≥ 2 (over their linked alerts) has this reason.'),
  incidentsRatio: ratio('incidents ÷ incidents with an escalated alert'),
});

/** How often the primary is not enough (SPEC §2.5 escalation depth). */
export const noiseEscalationSchema = z.object({
  escalatedAlerts: count('Escalated alerts fired in the range.'),
  alertsReachingLevel2: count('Of those, alerts with a page at level ≥ 2.'),
  alertsReachingLevel2Ratio: ratio('alertsReachingLevel2 ÷ escalatedAlerts'),
  incidents: count('Incidents (kind `incident`) linked to an escalated alert of the range.'),
  incidentsReachingLevel2: count('Of those, incidents with a page at level ≥ 2 on a linked alert.'),
  incidentsReachingLevel2Ratio: ratio('incidentsReachingLevel2 ÷ incidents'),
  byReason: z
    .object({ timeout: reasonSchema, manual: reasonSchema, reassigned: reasonSchema, initial: reasonSchema })
    .describe('Split by the reason of the first page at level ≥ 2; the counts add up to the level-2 counts above.'),
});
export type NoiseEscalation = z.infer<typeof noiseEscalationSchema>;

/** One ISO week (organisation zone) of alerts by firedAt. */
export const noiseWeekSchema = z.object({
  week: isoDateSchema.describe('Monday the ISO week starts on, in the organisation time zone.'),
  escalated: count('Escalated alerts fired in the week.'),
  actionable: count('Of those, `actionable`.'),
  actionableRatio: ratio('actionable ÷ escalated'),
});
export type NoiseWeek = z.infer<typeof noiseWeekSchema>;

/**
 * `GET /api/v1/analytics/noise`: pager noise and escalations (SPEC §2.5) of the alerts fired in
 * `range` on the matching services (team = the service's team) and severities.
 */
export const noiseResponseSchema = z.object({
  range: resolvedRangeSchema.describe('The local days covered, [from, to), by alert firedAt.'),
  timezone: z.string().describe('Organisation IANA time zone: days and weeks are counted in it.'),
  transientMinutes: z.number().int().min(1).describe('Transient threshold of the settings, minutes.'),
  totals: noiseTotalsSchema,
  rules: z.array(noiseRuleSchema).describe('Every rule with alerts fired in the range; most escalated first.'),
  tuneFirst: z.array(noiseTuneFirstSchema).max(NOISE_TUNE_FIRST).describe(`The ${NOISE_TUNE_FIRST} rules with the highest score, highest first (score > 0).`),
  responders: z.array(noiseResponderSchema).describe('Paged responders; most sleeping interruptions, then interruptions, first.'),
  escalation: noiseEscalationSchema,
  weekly: z.array(noiseWeekSchema).describe('Every ISO week overlapping the range, oldest first, zero-filled.'),
  freshness: freshnessSchema,
});
export type NoiseResponse = z.infer<typeof noiseResponseSchema>;
