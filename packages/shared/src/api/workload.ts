import { z } from 'zod';
import { isoDateSchema } from '../time/index.js';
import { analyticsFiltersShape, resolvedRangeSchema } from './filters.js';
import { freshnessSchema, namedRecordSchema } from './meta.js';

/** Incidents listed in `topIncidents` of the workload report. */
export const WORKLOAD_TOP_INCIDENTS = 20;

/** Query of `GET /api/v1/analytics/workload`: the analytics filters (SPEC §3), nothing else. */
export const workloadQuerySchema = z.strictObject({ ...analyticsFiltersShape });
export type WorkloadQuery = z.output<typeof workloadQuerySchema>;

const minutes = (what: string) => z.number().min(0).describe(`${what}, in minutes (rounded to 0.1).`);
const count = (what: string) => z.number().int().min(0).describe(what);

/** Workload split by the time-of-day buckets of SPEC §2.1 rule 4; `minutes` = working + late + sleeping. */
export const workloadMinutesSchema = z.object({
  minutes: minutes('Workload (SPEC §2.1)'),
  working: minutes('Workload inside working hours'),
  late: minutes('Workload on evenings, weekends and holidays outside sleeping hours'),
  sleeping: minutes('Workload in sleeping hours (23:00–08:00 local)'),
});
export type WorkloadMinutes = z.infer<typeof workloadMinutesSchema>;

/** One ISO week of the range in the organisation time zone; the first and last may be partial. */
export const workloadWeekSchema = workloadMinutesSchema.extend({
  week: isoDateSchema.describe('Monday the ISO week starts on, in the organisation time zone.'),
});
export type WorkloadWeek = z.infer<typeof workloadWeekSchema>;

/** One responder's workload on the matching incidents. */
export const workloadResponderSchema = workloadMinutesSchema.extend({
  externalId: z.string(),
  name: z.string(),
  team: namedRecordSchema.nullable().describe('The responder’s team.'),
  incidents: count('Incidents the responder has workload on in the range.'),
});
export type WorkloadResponder = z.infer<typeof workloadResponderSchema>;

/** The workload carried by one team's responders (a responder counts for their own team, not the incident's). */
export const workloadTeamSchema = workloadMinutesSchema.extend({
  externalId: z.string().nullable().describe('Null for responders without a team.'),
  name: z.string().describe('Team name; `No team` for responders without one.'),
  responders: count('Responders of the team with workload in the range.'),
});
export type WorkloadTeam = z.infer<typeof workloadTeamSchema>;

/** One incident's workload in the range (SPEC §2.1 rule 5: Σ over responders). */
export const workloadIncidentSchema = workloadMinutesSchema.extend({
  externalId: z.string(),
  title: z.string(),
  severity: z.number().int().describe('1 = most severe.'),
  responders: count('Responders with workload on the incident in the range.'),
});
export type WorkloadIncident = z.infer<typeof workloadIncidentSchema>;

/**
 * `GET /api/v1/analytics/workload`: responder workload (SPEC §2.1) of kind `incident` in `range`,
 * by bucket, ISO week, responder, team and incident. Work counts by its overlap with the range.
 */
export const workloadResponseSchema = z.object({
  range: resolvedRangeSchema.describe('The local days covered, [from, to).'),
  timezone: z.string().describe('Organisation IANA time zone: days and weeks are counted in it.'),
  totals: workloadMinutesSchema.extend({
    hours: z.number().min(0).describe('Workload in hours (rounded to 0.01).'),
    responders: count('Responders with workload in the range.'),
    costAmount: z.number().min(0).nullable().describe('hours × the hourly cost of the settings (rounded to 0.01); null when no cost is set.'),
  }),
  weekly: z.array(workloadWeekSchema).describe('Every ISO week overlapping the range, oldest first, zero-filled.'),
  responders: z.array(workloadResponderSchema).describe('Responders with workload, most minutes first.'),
  teams: z.array(workloadTeamSchema).describe('Teams of the responders with workload, most minutes first.'),
  topIncidents: z.array(workloadIncidentSchema).max(WORKLOAD_TOP_INCIDENTS).describe(`The ${WORKLOAD_TOP_INCIDENTS} incidents with the most workload, most first.`),
  gameDayMinutes: minutes('Workload on game days matching the same filters (not included in the figures above)'),
  freshness: freshnessSchema,
});
export type WorkloadResponse = z.infer<typeof workloadResponseSchema>;
