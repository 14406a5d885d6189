import { z } from 'zod';
import { isoDateSchema } from '../time/index.js';
import { analyticsFiltersShape, queryChoice, queryParam, resolvedRangeSchema } from './filters.js';
import { freshnessSchema, namedRecordSchema } from './meta.js';

/** Days after `asOf` in which a readiness that ends is reported as lapsing (SPEC §2.6). */
export const READINESS_LAPSING_DAYS = 14;

/** Longest range of the daily series (about ten years): the answer holds one row per day and team. */
export const READINESS_MAX_DAYS = 3660;

/** Coverage of a service by ready responders: ≥ 2 `covered`, 1 `single` (point of knowledge), 0 `uncovered`. */
export const SERVICE_COVERAGE_STATUSES = ['covered', 'single', 'uncovered'] as const;
export type ServiceCoverageStatus = (typeof SERVICE_COVERAGE_STATUSES)[number];

/**
 * How much of each team's series the report holds: `daily` every day of the range, `last` only the
 * range's last day (the per-team figures without the series: an organisation with hundreds of teams
 * would otherwise get a row per day for each).
 */
export const READINESS_TEAM_SERIES = ['daily', 'last'] as const;
export type ReadinessTeamSeries = (typeof READINESS_TEAM_SERIES)[number];

/** Query of `GET /api/v1/analytics/readiness`: the analytics filters (SPEC §3), `asOf` and `teamSeries`. */
export const readinessQuerySchema = z.strictObject({
  ...analyticsFiltersShape,
  asOf: queryParam(isoDateSchema)
    .optional()
    .describe('Day of the service coverage and lapsing lists, YYYY-MM-DD in the organisation time zone; default: today.'),
  teamSeries: queryChoice(READINESS_TEAM_SERIES)
    .optional()
    .describe('`last` (default): each team’s series holds only the range’s last day (the per-team figures); `daily`: every day of the range, asked for explicitly since an organisation with hundreds of teams gets a row per day for each.'),
});
export type ReadinessQuery = z.output<typeof readinessQuerySchema>;

const count = (what: string) => z.number().int().min(0).describe(what);
const ratio = z.number().min(0).max(1).nullable().describe('ready ÷ active (rounded to 0.0001); null when nobody is active.');

/** One day of readiness (SPEC §2.6 "readiness over time"). */
export const readinessDaySchema = z.object({
  date: isoDateSchema.describe('Local day in the organisation time zone.'),
  ready: count('Responders ready on the day.'),
  active: count('Responders active (employed) on the day.'),
  readyRatio: ratio,
  hires: count('Responders whose first active day this is.'),
  departures: count('Responders whose first day no longer active this is (their leftAt date).'),
});
export type ReadinessDay = z.infer<typeof readinessDaySchema>;

/** The daily series of one team's responders (a responder counts for their own team). */
export const readinessTeamSchema = z.object({
  externalId: z.string().nullable().describe('Null for responders without a team.'),
  name: z.string().describe('Team name; `No team` for responders without one.'),
  series: z.array(readinessDaySchema).describe('Every day of the range, oldest first; with `teamSeries=last` only the last day.'),
});
export type ReadinessTeam = z.infer<typeof readinessTeamSchema>;

/** Coverage of one service on `asOf`. */
export const serviceCoverageSchema = z.object({
  externalId: z.string(),
  name: z.string(),
  team: z.string().nullable().describe('External id of the team owning the service.'),
  ready: count('Ready responders whose qualifying experience in the window touched the service.'),
  responders: z.array(z.string()).describe('External ids of those responders, sorted.'),
  readyResponders: z.array(namedRecordSchema).describe('The same responders with their names, in the order of `responders`.'),
  status: z.enum(SERVICE_COVERAGE_STATUSES).describe('covered (≥ 2), single (1: single point of knowledge) or uncovered (0).'),
});
export type ServiceCoverage = z.infer<typeof serviceCoverageSchema>;

/** A responder ready on `asOf` whose readiness ends within the lapsing days if nothing happens. */
export const lapsingResponderSchema = z.object({
  externalId: z.string(),
  name: z.string(),
  team: namedRecordSchema.nullable(),
  expiresOn: isoDateSchema.describe('First day the responder is no longer ready (last experience + window, or their leftAt date).'),
  lastExperienceOn: isoDateSchema.describe('Date of their latest qualifying experience up to asOf.'),
});
export type LapsingResponder = z.infer<typeof lapsingResponderSchema>;

/** A service whose coverage would drop to ≤ 1 within the lapsing days if nothing happens. */
export const lapsingServiceSchema = z.object({
  externalId: z.string(),
  name: z.string(),
  readyNow: count('Ready responders covering the service on asOf.'),
  readyThen: count('Ready responders still covering it on asOf + 14 days with no new experience.'),
  statusThen: z.enum(SERVICE_COVERAGE_STATUSES),
  readyResponders: z.array(namedRecordSchema).describe('The responders covering it on asOf, with their names, sorted by external id.'),
});
export type LapsingService = z.infer<typeof lapsingServiceSchema>;

/** A responder whose first active day is in the range. */
export const readinessHireSchema = z.object({
  externalId: z.string(),
  name: z.string(),
  team: namedRecordSchema.nullable(),
  startedAt: z.string().describe('ISO instant the responder joined.'),
});
export type ReadinessHire = z.infer<typeof readinessHireSchema>;

/** A responder who left in the range, and the coverage that went with them (SPEC §2.6 departure impact). */
export const readinessDepartureSchema = z.object({
  externalId: z.string(),
  name: z.string(),
  team: namedRecordSchema.nullable(),
  leftAt: z.string().describe('ISO instant the responder left.'),
  servicesAffected: z.array(z.string()).describe('External ids of the services they covered on their last active day.'),
  services: z
    .array(
      z.object({
        externalId: z.string(),
        readyBefore: count('Ready responders covering the service on the day before the leftAt date.'),
        readyAfter: count('Ready responders covering it on the leftAt date.'),
      }),
    )
    .describe('Coverage of each affected service the day before and on the leftAt date.'),
});
export type ReadinessDeparture = z.infer<typeof readinessDepartureSchema>;

/**
 * `GET /api/v1/analytics/readiness` (SPEC §2.6): who is ready each day of `range`, per team, and as of
 * `asOf` per service, lapsing soon, and what departures in the range took away.
 */
export const readinessReportSchema = z.object({
  range: resolvedRangeSchema.describe('The local days covered, [from, to).'),
  timezone: z.string().describe('Organisation IANA time zone: days are counted in it.'),
  asOf: isoDateSchema.describe('Day of `services` and `lapsing`.'),
  rules: z
    .object({
      windowDays: count('Readiness window: an experience on day e makes a responder ready on days e … e + windowDays − 1.'),
      majorSeverity: z.number().int().describe('Incidents with severity ≤ this qualify (the settings’ threshold, capped by `severity`).'),
      minMinutes: count('Workload minutes on an incident or game day that qualify without a role.'),
    })
    .describe('The settings the figures were computed with.'),
  series: z.array(readinessDaySchema).describe('Every day of the range, oldest first.'),
  teams: z.array(readinessTeamSchema).describe('The series per team of the responders, by team name; responders without a team last.'),
  services: z.array(serviceCoverageSchema).describe('Every service in scope on asOf, fewest ready first, then by name.'),
  lapsing: z.array(lapsingResponderSchema).describe(`Responders ready on asOf whose readiness ends within ${READINESS_LAPSING_DAYS} days, soonest first.`),
  lapsingServices: z.array(lapsingServiceSchema).describe(`Services whose coverage would drop to ≤ 1 within ${READINESS_LAPSING_DAYS} days: game-day candidates.`),
  hires: z.array(readinessHireSchema).describe('Responders who joined in the range, oldest first.'),
  departures: z.array(readinessDepartureSchema).describe('Responders who left in the range, oldest first.'),
  freshness: freshnessSchema,
});
export type ReadinessReport = z.infer<typeof readinessReportSchema>;
