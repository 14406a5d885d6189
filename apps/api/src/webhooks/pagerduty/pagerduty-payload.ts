import { externalIdSchema } from '@firewatch/shared';
import { z } from 'zod';
import { vendorDateTimeSchema } from '../webhook-mapping.js';

/*
 * PagerDuty Webhooks v3 payloads, as far as Firewatch reads them. Every object is loose: PagerDuty adds
 * fields over time (`incident_type`, `reopened_at`, …) and a new field must never break a delivery.
 * https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/01-Overview.md
 */

/** A `*_reference` object: `{ id, type, summary, self, html_url }`. */
export const pagerDutyReferenceSchema = z.looseObject({
  id: externalIdSchema,
  type: z.string().optional(),
  summary: z.string().nullish(),
});
export type PagerDutyReference = z.infer<typeof pagerDutyReferenceSchema>;

/** The envelope every v3 delivery shares; `data` depends on `event_type`. */
export const pagerDutyEnvelopeSchema = z.looseObject({
  event: z.looseObject({
    id: externalIdSchema.describe('Unique id of the event; the same on every delivery attempt.'),
    event_type: z.string().min(1, 'must not be empty'),
    resource_type: z.string(),
    occurred_at: vendorDateTimeSchema,
    agent: pagerDutyReferenceSchema.nullish().describe('Who or what initiated the event.'),
    client: z.looseObject({ name: z.string().nullish() }).nullish(),
    data: z.looseObject({}),
  }),
});
export type PagerDutyEvent = z.infer<typeof pagerDutyEnvelopeSchema>['event'];

/** `data` of the events whose `data.type` is `incident`: a snapshot of the incident after the change. */
export const pagerDutyIncidentSchema = z.looseObject({
  id: externalIdSchema,
  title: z.string(),
  // Older deliveries lacked `created_at`; it is required because it is the only source of `firedAt`.
  created_at: vendorDateTimeSchema,
  status: z.string().nullish(),
  urgency: z.string().nullish(),
  priority: z.looseObject({ summary: z.string().nullish() }).nullish(),
  service: pagerDutyReferenceSchema,
  assignees: z.array(pagerDutyReferenceSchema).nullish(),
  teams: z.array(pagerDutyReferenceSchema).nullish(),
  // Not in the documented v3 payload; read when present so a level ≥ 2 is not lost.
  escalation_level: z.number().int().min(1).nullish(),
});
export type PagerDutyIncident = z.infer<typeof pagerDutyIncidentSchema>;

/** `data` of `incident.annotated` (`incident_note`) and `incident.status_update_published`. */
export const pagerDutyIncidentChildSchema = z.looseObject({
  incident: pagerDutyReferenceSchema,
});

/** `data` of `incident.responder.added` (`incident_responder`); `user` is who was asked to help. */
export const pagerDutyResponderRequestSchema = z.looseObject({
  incident: pagerDutyReferenceSchema,
  user: pagerDutyReferenceSchema.nullish(),
});
