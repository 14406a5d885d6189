import { z } from 'zod';
import { INCIDENT_KINDS } from '../ingest/entities.js';
import { externalIdSchema, textSchema } from '../ingest/common.js';
import { analyticsFiltersShape, queryChoice, queryInteger, queryParam, resolvedRangeSchema } from './filters.js';
import { namedRecordSchema } from './meta.js';
import { ESCALATION_REASONS } from './noise.js';

/** `kind` of the incident list: one kind, or `all` of them. */
export const INCIDENT_LIST_KINDS = [...INCIDENT_KINDS, 'all'] as const;
export type IncidentListKind = (typeof INCIDENT_LIST_KINDS)[number];

/** Fields the incident list sorts by. */
export const INCIDENT_SORT_FIELDS = ['declaredAt', 'severity', 'ttrMinutes', 'title'] as const;
export type IncidentSortField = (typeof INCIDENT_SORT_FIELDS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const INCIDENT_PAGE_SIZE_DEFAULT = 50;
export const INCIDENT_PAGE_SIZE_MAX = 200;
/** Deeper pages are refused: a bound that keeps OFFSET arithmetic exact. */
export const INCIDENT_PAGE_MAX = 1_000_000;

/** Where an incident stands: `resolved` when it has resolvedAt, else `mitigated` with mitigatedAt, else `open`. */
export const INCIDENT_STATUSES = ['open', 'mitigated', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

// Like a title (ingest `textSchema`): printable text, tabs and newlines aside.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Query of `GET /api/v1/incidents`: the analytics filters plus kind, title search, local weekday and hour, cause, escalation reason, responder, sort and page. */
export const incidentListQuerySchema = z.strictObject({
  ...analyticsFiltersShape,
  kind: queryChoice(INCIDENT_LIST_KINDS)
    .default('incident')
    .describe('Incident kind to list, or `all`; default `incident`.'),
  q: queryParam(
    z
      .string()
      .max(200, 'must be at most 200 characters')
      .refine((s) => !CONTROL_CHARS.test(s), 'must not contain control characters')
      .transform((s) => s.trim() || undefined),
  )
    .optional()
    .describe('Text the title contains (case-insensitive; % and _ match themselves).'),
  weekday: queryInteger(1, 7)
    .optional()
    .describe('ISO weekday of declaredAt in the organisation time zone, 1 = Monday … 7 = Sunday (as the seasonality heatmap counts).'),
  hour: queryInteger(0, 23)
    .optional()
    .describe('Local hour of declaredAt in the organisation time zone, 0–23 (as the seasonality heatmap counts).'),
  cause: queryParam(textSchema(100))
    .optional()
    .describe('A cause tag the incident has, exactly as the causes report names it.'),
  escalationReason: queryChoice(ESCALATION_REASONS)
    .optional()
    .describe('Reason of the first level ≥ 2 page over all the alerts linked to the incident (earliest, then lowest level), as the noise report’s escalation depth reads it.'),
  responder: queryParam(externalIdSchema)
    .optional()
    .describe('External id of a responder: the incidents they have work segments on overlapping the range, whenever declared (as the responder page counts their workload), instead of those declared in it.'),
  sort: queryChoice(INCIDENT_SORT_FIELDS)
    .default('declaredAt')
    .describe('Field to sort by; ties fall back to the most recently declared. Missing values sort last.'),
  order: queryChoice(SORT_ORDERS)
    .default('desc')
    .describe('Sort direction; default `desc`.'),
  page: queryInteger(1, INCIDENT_PAGE_MAX).default(1).describe('Page number, from 1.'),
  pageSize: queryInteger(1, INCIDENT_PAGE_SIZE_MAX)
    .default(INCIDENT_PAGE_SIZE_DEFAULT)
    .describe(`Incidents per page, 1..${INCIDENT_PAGE_SIZE_MAX}; default ${INCIDENT_PAGE_SIZE_DEFAULT}.`),
});
/** A parsed incident list query: every default filled in. */
export type IncidentListQuery = z.output<typeof incidentListQuerySchema>;

const instant = z.iso.datetime().describe('UTC instant, ISO 8601.');

/** One incident as the list shows it. */
export const incidentListItemSchema = z.object({
  externalId: z.string(),
  source: z.string().describe('Source system; the same externalId may exist once per source.'),
  title: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  severity: z.number().int().describe('1 = most severe.'),
  status: z.enum(INCIDENT_STATUSES),
  team: namedRecordSchema.nullable(),
  services: z.array(namedRecordSchema).describe('Services affected, by name.'),
  causes: z.array(z.string()).describe('Cause tags, alphabetical.'),
  declaredAt: instant,
  startedAt: instant.describe('Impact start (declaredAt when the source did not say).'),
  acknowledgedAt: instant.nullable(),
  mitigatedAt: instant.nullable(),
  resolvedAt: instant.nullable(),
  ttaMinutes: z.number().nullable().describe('acknowledgedAt − declaredAt in minutes (SPEC §2.2); null without acknowledgedAt.'),
  ttrMinutes: z.number().nullable().describe('resolvedAt − startedAt in minutes (SPEC §2.2); null while unresolved.'),
});
export type IncidentListItem = z.infer<typeof incidentListItemSchema>;


/** A timing's distribution over the incidents that have both timestamps (SPEC §2.2). */
export const timingSummarySchema = z.object({
  medianMinutes: z.number().nullable().describe('Median in minutes (linear interpolation); null when no incident has the timing.'),
  p90Minutes: z.number().nullable().describe('90th percentile in minutes (linear interpolation); null when no incident has the timing.'),
  incidents: z.number().int().min(0).describe('Incidents the figures are computed over.'),
  excluded: z.number().int().min(0).describe('Incidents left out because the end timestamp is missing.'),
});
export type TimingSummary = z.infer<typeof timingSummarySchema>;

/** TTA, TTM and TTR of kind `incident` (SPEC §2.2), each with the incidents it excludes. */
export const incidentTimingsSchema = z.object({
  tta: timingSummarySchema.describe('Time to acknowledge: acknowledgedAt − declaredAt.'),
  ttm: timingSummarySchema.describe('Time to mitigate: mitigatedAt − startedAt.'),
  ttr: timingSummarySchema.describe('Time to resolve: resolvedAt − startedAt.'),
});
export type IncidentTimings = z.infer<typeof incidentTimingsSchema>;

/** `GET /api/v1/incidents`: one page of the incidents declared in `range` that match the query. */
export const incidentListResponseSchema = z.object({
  items: z.array(incidentListItemSchema),
  total: z.number().int().describe('Incidents matching the query, over all pages.'),
  page: z.number().int(),
  pageSize: z.number().int(),
  range: resolvedRangeSchema.describe('The days whose declared incidents are listed, [from, to) — with `responder`, the days of their work.'),
  timings: incidentTimingsSchema.describe('TTA/TTM/TTR of the matching incidents of kind `incident` over all pages (SPEC §2.2).'),
});
export type IncidentListResponse = z.infer<typeof incidentListResponseSchema>;

/** Query of `GET /api/v1/incidents/{externalId}`. */
export const incidentDetailQuerySchema = z.strictObject({
  source: queryParam(externalIdSchema)
    .optional()
    .describe('Source system of the incident; needed only when the same externalId exists in several sources.'),
});
export type IncidentDetailQuery = z.output<typeof incidentDetailQuerySchema>;

/** Most activity events listed on an incident; `activityTotal` says how many there are. */
export const INCIDENT_ACTIVITY_LIMIT = 2000;

const bucketMinutes = {
  minutes: z.number().min(0).describe('Workload in minutes (SPEC §2.1), rounded to 0.1.'),
  working: z.number().min(0).describe('Minutes inside working hours.'),
  late: z.number().min(0).describe('Minutes on evenings, weekends and holidays outside sleeping hours.'),
  sleeping: z.number().min(0).describe('Minutes in sleeping hours.'),
};

/** A stretch of one responder's work on the incident, as stored (split 1/k, one bucket, one local day). */
export const incidentWorkSegmentSchema = z.object({
  start: instant,
  end: instant.describe('UTC instant, exclusive.'),
  share: z.number().describe('1/k when the responder worked k incidents at once.'),
  bucket: z.enum(['working', 'late', 'sleeping']),
  minutes: z.number().min(0).describe('(end − start) × share, in minutes.'),
});
export type IncidentWorkSegment = z.infer<typeof incidentWorkSegmentSchema>;

/** One responder's workload on the incident. */
export const incidentResponderWorkloadSchema = z.object({
  externalId: z.string(),
  name: z.string(),
  ...bucketMinutes,
  segments: z.array(incidentWorkSegmentSchema).describe('The stretches of work, oldest first.'),
});
export type IncidentResponderWorkload = z.infer<typeof incidentResponderWorkloadSchema>;

/** `GET /api/v1/incidents/{externalId}`: the incident, its workload, alerts, pages and activity. */
export const incidentDetailSchema = incidentListItemSchema.extend({
  ttmMinutes: z.number().nullable().describe('mitigatedAt − startedAt in minutes (SPEC §2.2); null while unmitigated.'),
  roles: z.array(z.object({ responder: namedRecordSchema, role: z.string() })).describe('Role assignments.'),
  chatChannelId: z.string().nullable().describe('The incident’s chat channel (Slack `C…`), whose messages are activity on it; null = none.'),
  workload: z.object({
    totalMinutes: z.number().min(0).describe('Σ over responders (SPEC §2.1 rule 5), rounded to 0.1.'),
    working: bucketMinutes.working,
    late: bucketMinutes.late,
    sleeping: bucketMinutes.sleeping,
    hours: z.number().min(0).describe('totalMinutes in hours, rounded to 0.01.'),
    costAmount: z.number().min(0).nullable().describe('hours × the hourly cost of the settings; null when no cost is set.'),
    responders: z.array(incidentResponderWorkloadSchema).describe('Responders with workload, most minutes first.'),
  }),
  alerts: z
    .array(
      z.object({
        externalId: z.string(),
        source: z.string(),
        rule: z.string(),
        service: namedRecordSchema.nullable(),
        severity: z.string().nullable(),
        firedAt: instant,
        resolvedAt: instant.nullable(),
        resolvedBy: z.enum(['auto', 'human']).nullable(),
        acknowledgedAt: instant.nullable(),
        feedback: z.string().nullable(),
      }),
    )
    .describe('Alerts linked to the incident, oldest first.'),
  pages: z
    .array(
      z.object({
        alert: z.string().describe('externalId of the alert.'),
        responder: namedRecordSchema,
        at: instant,
        channel: z.string(),
        level: z.number().int(),
        reason: z.string(),
      }),
    )
    .describe('Pages sent for the linked alerts, oldest first.'),
  activity: z
    .array(
      z.object({
        responder: namedRecordSchema,
        at: instant,
        endAt: instant.nullable(),
        kind: z.string(),
      }),
    )
    .max(INCIDENT_ACTIVITY_LIMIT)
    .describe(`Activity on the incident, oldest first; at most ${INCIDENT_ACTIVITY_LIMIT}.`),
  activityTotal: z.number().int().min(0).describe('Activity events on the incident; more than listed when the list is cut.'),
});
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;
