import { externalIdSchema } from '@firewatch/shared';
import { z } from 'zod';
import { vendorDateTimeSchema } from '../webhooks/webhook-mapping.js';
import { pagerDutyIncidentSchema, pagerDutyReferenceSchema } from '../webhooks/pagerduty/pagerduty-payload.js';

/*
 * PagerDuty REST API v2 responses, as far as the history import reads them. Objects are loose, as in
 * the webhook payloads: PagerDuty adds fields over time and a new field must never stop an import.
 * Shapes from PagerDuty's OpenAPI document, https://github.com/PagerDuty/api-schema
 * (reference/REST/openapiv3.json: Pagination, Team, Service, User, Incident, LogEntry and its
 * subtypes, Channel, Notification, Oncall).
 */

/** `offset`/`limit`/`more` of every classic-paginated list (`total` is null unless asked for). */
export const pagerDutyPaginationSchema = z.looseObject({
  offset: z.number().int().min(0).nullish(),
  limit: z.number().int().min(0).nullish(),
  more: z.boolean(),
});

export const pagerDutyTeamSchema = z.looseObject({ id: externalIdSchema, name: z.string().nullish(), summary: z.string().nullish() });
export type PagerDutyTeam = z.infer<typeof pagerDutyTeamSchema>;

export const pagerDutyServiceSchema = z.looseObject({
  id: externalIdSchema,
  name: z.string().nullish(),
  summary: z.string().nullish(),
  teams: z.array(pagerDutyReferenceSchema).nullish(),
});
export type PagerDutyService = z.infer<typeof pagerDutyServiceSchema>;

export const pagerDutyUserSchema = z.looseObject({
  id: externalIdSchema,
  name: z.string().nullish(),
  summary: z.string().nullish(),
  email: z.string().nullish(),
  time_zone: z.string().nullish(),
  teams: z.array(pagerDutyReferenceSchema).nullish(),
});
export type PagerDutyUser = z.infer<typeof pagerDutyUserSchema>;

/** The REST incident: the webhook snapshot's fields plus `status` (read to tell a reopened incident). */
export const pagerDutyRestIncidentSchema = pagerDutyIncidentSchema;
export type PagerDutyRestIncident = z.infer<typeof pagerDutyRestIncidentSchema>;

/**
 * One log entry. `channel.notification.type` (`phone_notification`, `sms_notification`,
 * `push_notification`, `email_notification`) says how a `notify_log_entry` reached its `user`;
 * `channel.type` is `timeout` when PagerDuty itself escalated (agent: the service or policy).
 */
export const pagerDutyLogEntrySchema = z.looseObject({
  id: externalIdSchema,
  type: z.string().min(1, 'must not be empty'),
  created_at: vendorDateTimeSchema,
  agent: pagerDutyReferenceSchema.nullish(),
  user: pagerDutyReferenceSchema.nullish(),
  assignees: z.array(pagerDutyReferenceSchema).nullish(),
  channel: z
    .looseObject({
      type: z.string().nullish(),
      notification: z.looseObject({ type: z.string().nullish(), started_at: vendorDateTimeSchema.nullish() }).nullish(),
    })
    .nullish(),
});
export type PagerDutyLogEntry = z.infer<typeof pagerDutyLogEntrySchema>;

/** One on-call period; `start`/`end` are null for a permanent on-call (a user named directly in a policy). */
export const pagerDutyOncallSchema = z.looseObject({
  user: pagerDutyReferenceSchema,
  schedule: pagerDutyReferenceSchema.nullish(),
  escalation_policy: pagerDutyReferenceSchema,
  escalation_level: z.number().int().min(1),
  start: vendorDateTimeSchema.nullish(),
  end: vendorDateTimeSchema.nullish(),
});
export type PagerDutyOncall = z.infer<typeof pagerDutyOncallSchema>;

/** The error body of a 4xx/5xx: `{ error: { code, message, errors: [] } }`. */
export const pagerDutyErrorSchema = z.looseObject({
  error: z.looseObject({ code: z.number().nullish(), message: z.string().nullish(), errors: z.array(z.string()).nullish() }),
});
