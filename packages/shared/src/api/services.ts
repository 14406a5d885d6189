import { z } from 'zod';
import { externalIdSchema } from '../ingest/common.js';
import { ANNOTATION_KINDS } from '../ingest/entities.js';
import { isoDateSchema } from '../time/index.js';
import { analyticsFiltersShape, queryInteger, queryParam, resolvedRangeSchema } from './filters.js';
import { freshnessSchema, namedRecordSchema } from './meta.js';

/** Query of `GET /api/v1/analytics/services`: the analytics filters (SPEC §3). */
export const servicesQuerySchema = z.strictObject({ ...analyticsFiltersShape });
export type ServicesQuery = z.output<typeof servicesQuerySchema>;

/** Query of `GET /api/v1/analytics/causes`: the analytics filters (SPEC §3). */
export const causesQuerySchema = servicesQuerySchema;
export type CausesQuery = ServicesQuery;

const count = (what: string) => z.number().int().min(0).describe(what);
const hours = (what: string) => z.number().min(0).describe(`${what}, in hours (rounded to 0.01).`);

/** The figures of one service or cause in one period. */
export const breakdownFiguresSchema = z.object({
  incidents: count('Incidents (kind incident) declared in the period touching it; an incident counts once for EACH of its services/causes.'),
  majorIncidents: count('Of those, with severity ≤ the major threshold of the settings.'),
  workloadHours: hours('Workload (SPEC §2.1) in the period on its incidents, each incident giving 1/k of its hours to each of its k services/causes'),
  outOfHoursHours: hours('Of that, late + sleeping workload'),
  pages: count('Pages sent in the period about it (see METRICS.md).'),
});
export type BreakdownFigures = z.infer<typeof breakdownFiguresSchema>;

const breakdownItemShape = {
  ...breakdownFiguresSchema.shape,
  name: z.string(),
  ttrMedianMinutes: z.number().min(0).nullable().describe('Median TTR (resolvedAt − startedAt) of its incidents, in minutes (rounded to 0.1); null when none is resolved.'),
  ttrExcluded: count('Its incidents left out of the TTR median because they are not resolved.'),
  previous: breakdownFiguresSchema.describe('The same figures in the previous period of equal length.'),
  workloadHoursChange: z.number().nullable().describe('workloadHours ÷ previous.workloadHours − 1 (0.4 = up 40%); null when the previous period had none.'),
  incidentsChange: z.number().nullable().describe('incidents ÷ previous.incidents − 1; null when the previous period had none.'),
  share: z.number().min(0).max(1).nullable().describe('Its share of the workload hours of all rows; null when there are none.'),
  cumulativeShare: z.number().min(0).max(1).nullable().describe('Pareto: share of the hours of this row and every row ranked above it; null when there are none.'),
};

export const serviceBreakdownItemSchema = z.object({ externalId: z.string(), ...breakdownItemShape });
export type ServiceBreakdownItem = z.infer<typeof serviceBreakdownItemSchema>;

export const causeBreakdownItemSchema = z.object({ cause: z.string(), ...breakdownItemShape });
export type CauseBreakdownItem = z.infer<typeof causeBreakdownItemSchema>;

/** Figures of the incidents that have no service (no cause) at all, so that hours add up. */
const unassignedSchema = z.object({
  incidents: count('Incidents with none.'),
  workloadHours: hours('Their workload'),
  outOfHoursHours: hours('Of that, late + sleeping'),
});

const breakdownResponseShape = {
  range: resolvedRangeSchema.describe('The local days covered, [from, to).'),
  previousRange: resolvedRangeSchema.describe('The previous period of equal length, [from, to).'),
  timezone: z.string().describe('Organisation IANA time zone the days are counted in.'),
  incidentCountsAdditive: z
    .literal(false)
    .describe('Incident counts of the rows do not add up: an incident touching k rows counts in each. Hours do add up.'),
  totals: z
    .object({ incidents: count('Matching incidents, each counted once.'), workloadHours: hours('Their workload'), outOfHoursHours: hours('Of that, late + sleeping') })
    .describe('All matching incidents, each once (the rows overlap, these do not).'),
  unassigned: unassignedSchema,
  freshness: freshnessSchema,
};

/** `GET /api/v1/analytics/services` (SPEC §2.4): per service, ranked by workload hours (Pareto). */
export const servicesResponseSchema = z.object({
  ...breakdownResponseShape,
  items: z.array(serviceBreakdownItemSchema).describe('Services with incidents, workload or pages in either period, most hours first.'),
});
export type ServicesResponse = z.infer<typeof servicesResponseSchema>;

/** `GET /api/v1/analytics/causes` (SPEC §2.4): per cause tag, ranked by workload hours (Pareto). */
export const causesResponseSchema = z.object({
  ...breakdownResponseShape,
  items: z.array(causeBreakdownItemSchema).describe('Causes with incidents, workload or pages in either period, most hours first.'),
});
export type CausesResponse = z.infer<typeof causesResponseSchema>;

/** Default and largest `weeks` of the before/after comparison. */
export const BEFORE_AFTER_WEEKS_DEFAULT = 8;
export const BEFORE_AFTER_WEEKS_MAX = 52;

/** Query of `GET /api/v1/analytics/services/before-after`. */
export const beforeAfterQuerySchema = z.strictObject({
  annotation: queryParam(externalIdSchema).describe('External id of the annotation (e.g. a launch) to compare around.'),
  weeks: queryInteger(1, BEFORE_AFTER_WEEKS_MAX)
    .default(BEFORE_AFTER_WEEKS_DEFAULT)
    .describe(`Weeks on each side; default ${BEFORE_AFTER_WEEKS_DEFAULT}.`),
  team: analyticsFiltersShape.team,
  service: analyticsFiltersShape.service.describe('Services to compare instead of the annotation’s own; required when it has none.'),
  severity: analyticsFiltersShape.severity,
});
export type BeforeAfterQuery = z.output<typeof beforeAfterQuerySchema>;

/** Incidents and workload in one window. */
const windowFiguresSchema = z.object({
  incidents: count('Incidents (kind incident) declared in the window touching any of the services, each once.'),
  workloadHours: hours('Workload in the window: each incident gives the services 1/k of its hours per service of theirs it touches'),
});

const windowSchema = windowFiguresSchema.extend({
  from: isoDateSchema.describe('First day included.'),
  to: isoDateSchema.describe('First day not included.'),
  incidentsPerWeek: z.number().min(0).describe('incidents ÷ weeks.'),
  workloadHoursPerWeek: z.number().min(0).describe('workloadHours ÷ weeks (rounded to 0.01).'),
});

/** `GET /api/v1/analytics/services/before-after` (SPEC §2.4 before/after). */
export const beforeAfterResponseSchema = z.object({
  annotation: z.object({
    externalId: z.string(),
    title: z.string(),
    kind: z.enum(ANNOTATION_KINDS),
    at: z.string().describe('ISO 8601 instant.'),
    date: isoDateSchema.describe('Local date of `at` in the organisation time zone: the first day after.'),
  }),
  services: z.array(namedRecordSchema).describe('The services compared.'),
  timezone: z.string(),
  weeks: z.number().int().min(1).describe('Weeks on each side.'),
  before: windowSchema.describe('The `weeks` × 7 days before the annotation’s day.'),
  after: windowSchema.describe('The `weeks` × 7 days from the annotation’s day.'),
  incidentsRatio: z.number().min(0).nullable().describe('after.incidents ÷ before.incidents; null when before has none.'),
  workloadHoursRatio: z.number().min(0).nullable().describe('after.workloadHours ÷ before.workloadHours; null when before has none.'),
  weekly: z
    .array(windowFiguresSchema.extend({ week: z.number().int().describe('−weeks … −1 before, 0 … weeks − 1 after.'), from: isoDateSchema }))
    .describe('Seven-day windows counted from the annotation’s day, oldest first.'),
});
export type BeforeAfterResponse = z.infer<typeof beforeAfterResponseSchema>;
