import { z } from 'zod';
import { INCIDENT_KINDS } from '../ingest/entities.js';
import { isoDateSchema } from '../time/index.js';
import { analyticsFiltersShape, queryParam, resolvedRangeSchema } from './filters.js';
import { namedRecordSchema } from './meta.js';
import { workloadMinutesSchema } from './workload.js';

/** Query of `GET /api/v1/responders/{externalId}`: the range of workload and experiences, and `asOf`. */
export const responderQuerySchema = z.strictObject({
  from: analyticsFiltersShape.from,
  to: analyticsFiltersShape.to,
  asOf: queryParam(isoDateSchema).optional().describe('Day readiness is judged on, YYYY-MM-DD in the organisation time zone; default: today.'),
});
export type ResponderQuery = z.output<typeof responderQuerySchema>;

/** A qualifying experience (SPEC §2.6): a role on, or enough workload on, a major incident or a game day. */
export const qualifyingExperienceSchema = z.object({
  incident: z.object({
    externalId: z.string(),
    title: z.string(),
    kind: z.enum(INCIDENT_KINDS),
    severity: z.number().int(),
  }),
  date: isoDateSchema.describe('The incident’s declaredAt as a date in the organisation time zone.'),
  roles: z.array(z.string()).describe('Roles the responder held on it, sorted.'),
  minutes: z.number().min(0).describe('The responder’s workload on the whole incident, in minutes (rounded to 0.1).'),
  services: z.array(z.string()).describe('External ids of the services the incident affected.'),
  readyUntil: isoDateSchema.describe('Last day this experience alone keeps the responder ready (date + window − 1).'),
});
export type QualifyingExperience = z.infer<typeof qualifyingExperienceSchema>;

/** One responder's pager interruptions (SPEC §2.5): their row of `/analytics/noise` for the same range. */
export const responderInterruptionsSchema = z.object({
  pages: z.number().int().min(0).describe('Pages to the responder of the alerts fired in the range, any channel.'),
  interruptions: z.number().int().min(0).describe('Pages on phone, sms or push, those within 60 s of the page that opened an interruption merged.'),
  sleepingInterruptions: z.number().int().min(0).describe('Interruptions in the responder’s own sleeping hours.'),
  disruptedHours: z.number().int().min(0).describe('Distinct local clock hours (responder’s zone) with at least one interruption.'),
  disruptedNights: z.number().int().min(0).describe('Distinct nights with a sleeping interruption, named by the local date the night starts on.'),
});
export type ResponderInterruptions = z.infer<typeof responderInterruptionsSchema>;

/** `GET /api/v1/responders/{externalId}`: one responder before a 1:1 — readiness, experiences, workload. */
export const responderDetailSchema = z.object({
  externalId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  chatUserId: z.string().nullable().describe('Their user id in the incident chat (Slack `U…`); null = their chat messages are not attributed.'),
  team: namedRecordSchema.nullable(),
  timezone: z.string().describe('The responder’s IANA zone (the organisation’s when they have none).'),
  startedAt: z.string().nullable().describe('ISO instant they joined; null = unknown (active from the start).'),
  leftAt: z.string().nullable().describe('ISO instant they left; null = active.'),
  range: resolvedRangeSchema.describe('The local days of `workload` and `experiences`, [from, to).'),
  readiness: z.object({
    asOf: isoDateSchema,
    active: z.boolean().describe('Employed on asOf.'),
    ready: z.boolean().describe('Ready on asOf (SPEC §2.6).'),
    expiresOn: isoDateSchema.nullable().describe('First day no longer ready if nothing happens; null when not ready on asOf.'),
    lastExperienceOn: isoDateSchema.nullable().describe('Date of the latest qualifying experience up to asOf; null when none is known.'),
    services: z.array(z.string()).describe('Services the responder covers on asOf (their experiences in the window touched them).'),
  }),
  experiences: z.array(qualifyingExperienceSchema).describe('Qualifying experiences dated in the range, newest first.'),
  workload: workloadMinutesSchema
    .extend({
      incidents: z.number().int().min(0).describe('Incidents with workload in the range.'),
      gameDayMinutes: z.number().min(0).describe('Workload on game days in the range, in minutes (not in the figures above).'),
    })
    .describe('Workload (SPEC §2.1) on incidents of kind `incident` in the range.'),
  interruptions: responderInterruptionsSchema.describe('Pager interruptions (SPEC §2.5) from the alerts fired in the range.'),
});
export type ResponderDetail = z.infer<typeof responderDetailSchema>;
