import { z } from 'zod';
import { isoDateSchema } from '../time/index.js';
import { analyticsFiltersShape } from './filters.js';
import { freshnessSchema } from './meta.js';
import { timingSummarySchema } from './incidents.js';
import { noiseTotalsSchema } from './noise.js';
import { workloadResponseSchema } from './workload.js';

/** SRE guideline (Google SRE book, "Being On-Call"): at most this many incidents per 12-hour on-call shift. */
export const ONCALL_INCIDENTS_PER_SHIFT_GUIDELINE = 2;
/** Length of the on-call shift the guideline counts in, in hours. */
export const ONCALL_SHIFT_HOURS = 12;

/** Query of `GET /api/v1/analytics/overview`: the analytics filters (SPEC §3), nothing else. */
export const overviewQuerySchema = z.strictObject({ ...analyticsFiltersShape });
export type OverviewQuery = z.output<typeof overviewQuerySchema>;

const count = (what: string) => z.number().int().min(0).describe(what);
const ratio = (what: string) => z.number().min(0).max(1).nullable().describe(`${what} (rounded to 0.001); null when the denominator is 0.`);

/** Incidents of kind `incident` declared in the period, by severity. */
export const overviewIncidentsSchema = z.object({
  total: count('Incidents of kind `incident` declared in the period.'),
  major: count('Those with severity ≤ the major threshold of the settings.'),
  bySeverity: z.array(z.number().int().min(0)).length(5).describe('Incidents of severity 1…5 (index 0 = SEV1).'),
});

/** On-call figures from the ingested shifts (SPEC §2.7); see METRICS.md "Leadership overview". */
export const overviewOnCallSchema = z.object({
  primaryHours: z.number().min(0).describe('Hours of level-1 (primary) shifts inside the period (rounded to 0.01).'),
  shifts: z.number().min(0).describe(`primaryHours ÷ ${ONCALL_SHIFT_HOURS}: the period's primary on-call time in ${ONCALL_SHIFT_HOURS}-hour shifts (rounded to 0.01).`),
  incidentsPerShift: z.number().min(0).nullable().describe('incidents ÷ shifts (rounded to 0.01); null without primary shift time.'),
  exceedsGuideline: z.boolean().describe(`incidentsPerShift > ${ONCALL_INCIDENTS_PER_SHIFT_GUIDELINE} (the SRE guideline).`),
  onCallHours: z.number().min(0).describe('Hours responders were on call at any level inside the period, each person’s overlapping shifts counted once (rounded to 0.01).'),
  responderHours: z.number().min(0).describe('Hours the responders in scope were employed inside the period (rounded to 0.01).'),
  onCallShare: ratio('onCallHours ÷ responderHours'),
  responders: count('Responders with a shift inside the period.'),
});
export type OverviewOnCall = z.infer<typeof overviewOnCallSchema>;

/** The SPEC §2.7 figures of one period `[from, to)`. */
export const overviewPeriodSchema = z.object({
  from: isoDateSchema.describe('First day of the period.'),
  to: isoDateSchema.describe('First day after the period (exclusive).'),
  days: count('Local days in the period.'),
  incidents: overviewIncidentsSchema,
  workload: workloadResponseSchema.shape.totals
    .extend({
      sleepingShare: ratio('sleeping ÷ minutes: the night share of the workload'),
      hoursPerResponderPerWeek: z
        .number()
        .min(0)
        .nullable()
        .describe('hours ÷ responders ÷ (days ÷ 7), rounded to 0.01; null when nobody has workload.'),
    })
    .describe('Workload (SPEC §2.1) of kind `incident`: the totals of `/analytics/workload` for the period.'),
  noise: noiseTotalsSchema.describe('Pager figures (SPEC §2.5) of alerts fired in the period: the totals of `/analytics/noise`.'),
  timings: z
    .object({ tta: timingSummarySchema, ttr: timingSummarySchema })
    .describe('TTA and TTR (SPEC §2.2) of the incidents declared in the period.'),
  readiness: z
    .object({
      asOf: isoDateSchema.describe('The period’s last day.'),
      ready: count('Responders ready on that day (SPEC §2.6).'),
      active: count('Responders active on that day.'),
      readyRatio: z.number().min(0).max(1).nullable().describe('ready ÷ active; null when nobody is active.'),
    })
    .describe('Ready responders on the period’s last day: the last day of the `/analytics/readiness` series.'),
  onCall: overviewOnCallSchema.nullable().describe('On-call figures; null when no shift overlaps the period.'),
});
export type OverviewPeriod = z.infer<typeof overviewPeriodSchema>;

/** Names of the figures compared side by side (rows of `figures` and of the CSV). */
export const OVERVIEW_FIGURES = [
  'incidents',
  'majorIncidents',
  'sev1Incidents',
  'sev2Incidents',
  'sev3Incidents',
  'sev4Incidents',
  'sev5Incidents',
  'workloadHours',
  'workingHours',
  'lateHours',
  'sleepingHours',
  'sleepingShare',
  'responders',
  'hoursPerResponderPerWeek',
  'interruptions',
  'sleepingInterruptions',
  'escalatedAlerts',
  'actionableRatio',
  'ttaMedianMinutes',
  'ttrMedianMinutes',
  'readyResponders',
  'onCallShifts',
  'incidentsPerShift',
  'onCallShare',
] as const;
export type OverviewFigureName = (typeof OVERVIEW_FIGURES)[number];

/** One figure in both periods. */
export const overviewFigureSchema = z.object({
  figure: z.enum(OVERVIEW_FIGURES),
  current: z.number().nullable().describe('Value in the current period; null when undefined (e.g. a ratio over nothing).'),
  previous: z.number().nullable().describe('Value in the previous period.'),
  change: z.number().nullable().describe('(current − previous) ÷ previous, rounded to 0.001; null when previous is 0 or either value is null.'),
});
export type OverviewFigure = z.infer<typeof overviewFigureSchema>;

/** `GET /api/v1/analytics/overview`: SPEC §2.7 operational load, the period and the previous one side by side. */
export const overviewResponseSchema = z.object({
  timezone: z.string().describe('Organisation IANA time zone: days are counted in it.'),
  majorSeverity: z.number().int().describe('Largest severity counted as major (settings).'),
  guideline: z.object({
    incidentsPerShift: z.number().describe('SRE guideline: at most this many incidents per on-call shift.'),
    shiftHours: z.number().describe('Length of that shift, in hours.'),
  }),
  current: overviewPeriodSchema.describe('The requested period [from, to).'),
  previous: overviewPeriodSchema.describe('The period of the same number of days just before it.'),
  figures: z.array(overviewFigureSchema).describe('The headline figures of both periods with their change (the CSV rows); on-call rows only when shifts exist.'),
  freshness: freshnessSchema,
});
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;
