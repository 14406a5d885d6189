import { z } from 'zod';
import { ALERT_FEEDBACK } from '../ingest/entities.js';
import { externalIdSchema, sourceSchema, textSchema } from '../ingest/common.js';
import { isoDateSchema } from '../time/index.js';
import { ALERT_CLASSES } from './noise.js';

/*
 * Feedback on alerts (SPEC §1 Alert `feedback`, §2.5 classification). Writing feedback needs a token
 * with the `ingest` scope: responders marking alerts are writers, like the tools that send alerts.
 */

const feedbackSchema = z
  .enum(ALERT_FEEDBACK)
  .nullable()
  .describe('actionable | false_positive | not_actionable | poor_details; null clears the feedback.');

/** Body of `PUT /api/v1/alerts/{externalId}/feedback`. */
export const alertFeedbackSchema = z.strictObject({
  feedback: feedbackSchema,
  source: sourceSchema,
});
export type AlertFeedback = z.output<typeof alertFeedbackSchema>;

/** An alert after a feedback write, with the class it now has. */
export const alertFeedbackResponseSchema = z.object({
  source: z.string(),
  externalId: z.string(),
  rule: z.string(),
  firedAt: z.string().describe('ISO 8601, UTC.'),
  feedback: z.enum(ALERT_FEEDBACK).nullable(),
  class: z.enum(ALERT_CLASSES).nullable().describe('SPEC §2.5 class with the new feedback; null when the alert paged nobody (not escalated).'),
});
export type AlertFeedbackResponse = z.infer<typeof alertFeedbackResponseSchema>;

/**
 * Body of `PUT /api/v1/alerts/feedback`: the same feedback on every alert of one rule (`source` +
 * `rule`) fired in `[from, to)` (local dates of the organisation time zone; either may be left out
 * for no bound).
 */
export const ruleFeedbackSchema = z
  .strictObject({
    source: sourceSchema,
    rule: textSchema(300).describe('Alert rule, exactly as ingested.'),
    feedback: feedbackSchema,
    from: isoDateSchema.optional().describe('First day included (organisation time zone); default: no lower bound.'),
    to: isoDateSchema.optional().describe('First day NOT included; default: no upper bound.'),
    onlyWithoutFeedback: z.boolean().default(false).describe('Leave alerts that already have feedback as they are.'),
  })
  .refine((b) => b.from === undefined || b.to === undefined || b.from < b.to, { path: ['to'], message: 'must be after from' });
export type RuleFeedback = z.output<typeof ruleFeedbackSchema>;

export const ruleFeedbackResponseSchema = z.object({
  matched: z.number().int().min(0).describe('Alerts of the rule fired in the range.'),
  updated: z.number().int().min(0).describe('Of those, alerts whose feedback changed.'),
});
export type RuleFeedbackResponse = z.infer<typeof ruleFeedbackResponseSchema>;

/** Path parameter of the single-alert route. */
export const alertExternalIdSchema = externalIdSchema;
