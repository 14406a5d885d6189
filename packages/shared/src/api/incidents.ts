import { z } from 'zod';
import { INCIDENT_KINDS } from '../ingest/entities.js';
import { analyticsFiltersShape, queryInteger, queryParam, resolvedRangeSchema } from './filters.js';
import { namedRecordSchema } from './meta.js';

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

const oneOf = (values: readonly string[]) => `must be one of: ${values.join(', ')}`;
// Like a title (ingest `textSchema`): printable text, tabs and newlines aside.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Query of `GET /api/v1/incidents`: the analytics filters plus kind, title search, sort and page. */
export const incidentListQuerySchema = z.strictObject({
  ...analyticsFiltersShape,
  kind: queryParam(z.enum(INCIDENT_LIST_KINDS, { error: oneOf(INCIDENT_LIST_KINDS) }))
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
  sort: queryParam(z.enum(INCIDENT_SORT_FIELDS, { error: oneOf(INCIDENT_SORT_FIELDS) }))
    .default('declaredAt')
    .describe('Field to sort by; ties fall back to the most recently declared. Missing values sort last.'),
  order: queryParam(z.enum(SORT_ORDERS, { error: oneOf(SORT_ORDERS) }))
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

/** `GET /api/v1/incidents`: one page of the incidents declared in `range` that match the query. */
export const incidentListResponseSchema = z.object({
  items: z.array(incidentListItemSchema),
  total: z.number().int().describe('Incidents matching the query, over all pages.'),
  page: z.number().int(),
  pageSize: z.number().int(),
  range: resolvedRangeSchema.describe('The days whose declared incidents are listed, [from, to).'),
});
export type IncidentListResponse = z.infer<typeof incidentListResponseSchema>;
