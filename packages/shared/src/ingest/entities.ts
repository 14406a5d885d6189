import { z } from 'zod';
import { clockTimeSchema, timeZoneSchema } from '../time/index.js';
import {
  identitySchema,
  instantSchema,
  referenceSchema,
  requireOrder,
  severitySchema,
  textSchema,
} from './common.js';

export const INCIDENT_KINDS = ['incident', 'game_day', 'test'] as const;
export const ALERT_RESOLVED_BY = ['auto', 'human'] as const;
export const ALERT_FEEDBACK = ['actionable', 'false_positive', 'not_actionable', 'poor_details'] as const;
export const PAGE_CHANNELS = ['phone', 'sms', 'push', 'email', 'chat'] as const;
export const PAGE_REASONS = ['initial', 'timeout', 'manual', 'reassigned'] as const;
export const ACTIVITY_KINDS = ['message', 'status_update', 'role_change', 'action', 'page_ack', 'call'] as const;
/** Activity kinds that carry a real interval `[at, endAt)` instead of the fixed credit. */
export const INTERVAL_ACTIVITY_KINDS = ['call'] as const;
export const ANNOTATION_KINDS = ['launch', 'migration', 'freeze', 'reorg', 'other'] as const;

/**
 * A chat workspace's id of a channel or a user, as the chat tool writes it (Slack: `C024BE91L`,
 * `G024BE91L`, `U024BE7LH`, `W012A3CDE`): what ties chat messages to an incident and a responder.
 */
export const chatIdSchema = z
  .string()
  .regex(/^[A-Z0-9]{2,40}$/, 'must be a chat id such as C024BE91L or U024BE7LH (upper-case letters and digits)');

/** ISO country code for public holidays (e.g. `DE`, `US`, `GB`), optionally with a region (`DE-BY`). */
export const holidayCountrySchema = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 country code such as DE or US-CA');

/** Working hours: local clock times on ISO weekdays (1 = Monday … 7 = Sunday), `[start, end)`. */
export const workingHoursSchema = z
  .strictObject({
    days: z
      .array(z.number().int().min(1, 'must be 1..7').max(7, 'must be 1..7'))
      .min(1, 'must list at least one weekday')
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'must not repeat a weekday'),
    start: clockTimeSchema,
    end: clockTimeSchema,
  })
  .refine((w) => w.start < w.end, { path: ['end'], message: 'must be after start' });
export type WorkingHours = z.infer<typeof workingHoursSchema>;

/** A clock-time window that may wrap midnight (e.g. 23:00–08:00). */
export const clockWindowSchema = z
  .strictObject({ start: clockTimeSchema, end: clockTimeSchema })
  .refine((w) => w.start !== w.end, { path: ['end'], message: 'must differ from start' });
export type ClockWindow = z.infer<typeof clockWindowSchema>;

export const teamInputSchema = identitySchema
  .extend({ name: textSchema(200) })
  .describe('A team that owns services and employs responders.');

export const serviceInputSchema = identitySchema
  .extend({
    name: textSchema(200),
    team: referenceSchema.optional(),
    tier: z.number().int().min(1, 'must be 1..5').max(5, 'must be 1..5').optional().describe('1 = most critical.'),
  })
  .describe('A service that incidents affect and alerts fire for.');

export const responderInputSchema = identitySchema
  .extend({
    name: textSchema(200),
    email: z.email('must be an email address').max(320).optional(),
    team: referenceSchema.optional(),
    timezone: timeZoneSchema.optional().describe('IANA time zone; default: the organisation time zone.'),
    workingHours: workingHoursSchema.optional().describe('Overrides the organisation working hours.'),
    holidayCountry: holidayCountrySchema.optional().describe('Default: the organisation holiday country.'),
    startedAt: instantSchema.optional().describe('When the responder joined.'),
    leftAt: instantSchema.optional().describe('When the responder left the company or the rotation.'),
    chatUserId: chatIdSchema.optional().describe('Their user id in the incident chat (Slack `U…`): their messages in an incident channel are activity.'),
  })
  .superRefine(requireOrder('startedAt', 'leftAt', true))
  .describe('A person who responds to incidents and gets paged.');

export const roleAssignmentSchema = z.strictObject({
  responder: referenceSchema,
  role: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must be a lowercase role name such as lead or comms'),
});

export const incidentInputSchema = identitySchema
  .extend({
    title: textSchema(500),
    kind: z.enum(INCIDENT_KINDS).default('incident'),
    severity: severitySchema.describe('1 = most severe.'),
    team: referenceSchema.optional(),
    services: z.array(referenceSchema).max(100).default([]),
    causes: z.array(textSchema(100)).max(50).default([]),
    declaredAt: instantSchema,
    startedAt: instantSchema.optional().describe('Impact start; default: declaredAt.'),
    acknowledgedAt: instantSchema.optional(),
    mitigatedAt: instantSchema.optional(),
    resolvedAt: instantSchema.optional(),
    roles: z.array(roleAssignmentSchema).max(100).default([]),
    chatChannelId: chatIdSchema.optional().describe('The incident’s chat channel (Slack `C…`): messages in it are responder activity on the incident.'),
  })
  .superRefine(requireOrder('startedAt', 'mitigatedAt', false, 'declaredAt'))
  .superRefine(requireOrder('startedAt', 'resolvedAt', false, 'declaredAt'))
  .superRefine(requireOrder('mitigatedAt', 'resolvedAt'))
  .describe('An incident, game day or test incident.');

export const alertInputSchema = identitySchema
  .extend({
    rule: textSchema(300).describe('Alert name / fingerprint template: what a human would tune.'),
    service: referenceSchema.optional(),
    severity: textSchema(40).optional().describe('Severity as the source names it, e.g. critical.'),
    firedAt: instantSchema,
    resolvedAt: instantSchema.optional(),
    resolvedBy: z.enum(ALERT_RESOLVED_BY).optional(),
    acknowledgedAt: instantSchema.optional(),
    acknowledgedBy: referenceSchema.optional(),
    incident: referenceSchema.optional(),
    feedback: z.enum(ALERT_FEEDBACK).optional(),
  })
  .superRefine(requireOrder('firedAt', 'resolvedAt'))
  .superRefine(requireOrder('firedAt', 'acknowledgedAt'))
  .describe('An alert fired by a monitoring source.');

export const pageInputSchema = identitySchema
  .extend({
    alert: referenceSchema,
    responder: referenceSchema,
    at: instantSchema,
    channel: z.enum(PAGE_CHANNELS),
    level: z.number().int().min(1, 'must be ≥ 1').max(20).default(1).describe('1 = primary, 2 = secondary, 3+ = wider.'),
    reason: z.enum(PAGE_REASONS).default('initial'),
  })
  .describe('A notification of a responder about an alert.');

export const shiftInputSchema = identitySchema
  .extend({
    responder: referenceSchema,
    rotation: textSchema(200),
    level: z.number().int().min(1, 'must be ≥ 1').max(20).default(1),
    start: instantSchema,
    end: instantSchema,
  })
  .superRefine(requireOrder('start', 'end', true))
  .describe('An on-call shift.');

export const activityInputSchema = identitySchema
  .extend({
    responder: referenceSchema,
    incident: referenceSchema,
    at: instantSchema,
    kind: z.enum(ACTIVITY_KINDS),
    endAt: instantSchema.optional().describe('End of an interval activity (`call`).'),
  })
  .superRefine(requireOrder('at', 'endAt', true))
  .superRefine((item, ctx) => {
    if (item.kind === 'call' && item.endAt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['endAt'], message: 'is required for kind call' });
    }
    if (item.kind !== 'call' && item.endAt !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['endAt'], message: 'is only allowed for kind call' });
    }
  })
  .describe('Something a responder did on an incident.');

export const annotationInputSchema = identitySchema
  .extend({
    title: textSchema(300),
    kind: z.enum(ANNOTATION_KINDS).default('other'),
    at: instantSchema,
    endAt: instantSchema.optional(),
    services: z.array(referenceSchema).max(100).default([]),
  })
  .superRefine(requireOrder('at', 'endAt'))
  .describe('A dated event drawn on charts: launch, migration, change freeze, re-org.');

/** Every ingestible kind, as named in the URL `POST /api/v1/ingest/{kind}`. */
export const ingestSchemas = {
  teams: teamInputSchema,
  services: serviceInputSchema,
  responders: responderInputSchema,
  incidents: incidentInputSchema,
  alerts: alertInputSchema,
  pages: pageInputSchema,
  shifts: shiftInputSchema,
  activity: activityInputSchema,
  annotations: annotationInputSchema,
} as const;
export type IngestKind = keyof typeof ingestSchemas;
export const INGEST_KINDS = Object.keys(ingestSchemas) as IngestKind[];

export type TeamInput = z.infer<typeof teamInputSchema>;
export type ServiceInput = z.infer<typeof serviceInputSchema>;
export type ResponderInput = z.infer<typeof responderInputSchema>;
export type IncidentInput = z.infer<typeof incidentInputSchema>;
export type AlertInput = z.infer<typeof alertInputSchema>;
export type PageInput = z.infer<typeof pageInputSchema>;
export type ShiftInput = z.infer<typeof shiftInputSchema>;
export type ActivityInput = z.infer<typeof activityInputSchema>;
export type AnnotationInput = z.infer<typeof annotationInputSchema>;
