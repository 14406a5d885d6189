import { z } from 'zod';
import { externalIdSchema } from '../ingest/common.js';
import { isoDateSchema } from '../time/index.js';
import { analyticsFiltersShape, queryChoice, queryParam, resolvedRangeSchema } from './filters.js';
import { freshnessSchema, namedRecordSchema } from './meta.js';

/** Share of a team's members (rounded up) whose load the "busiest members" share is taken over. */
export const ONCALL_BUSIEST_SHARE = 0.2;

/**
 * Hours on call an ISO week needs to count in a streak: a weekly rotation handed over on Monday 09:00
 * local spills a few hours into the next ISO week, which must not make every rota week a streak of two.
 */
export const ONCALL_STREAK_MIN_HOURS = 24;

/** The health flag rules (METRICS.md "On-call health" rule 9), in the order they are checked. */
export const ONCALL_FLAG_RULES = ['disrupted_nights', 'interruption_rate', 'long_streak'] as const;
export type OncallFlagRule = (typeof ONCALL_FLAG_RULES)[number];

/**
 * How many responders by on-call hours the JSON answer lists by default, besides every flagged one:
 * one row is about 550 bytes, so the whole history of a large organisation (thousands of responders)
 * would pass SPEC §3's 1 MB. `responders=all` (and the CSV) lists everyone.
 */
export const ONCALL_RESPONDERS_LISTED = 200;

/** `top` (default): the flagged and the {@link ONCALL_RESPONDERS_LISTED} most on call; `all`: everyone. */
export const ONCALL_RESPONDER_LISTS = ['top', 'all'] as const;
export type OncallResponderList = (typeof ONCALL_RESPONDER_LISTS)[number];

/**
 * Query of `GET /api/v1/analytics/oncall`: the analytics filters (SPEC §3) and, for the drill-down,
 * one `responder` whose shifts and interruptions are listed.
 */
export const oncallQuerySchema = z.strictObject({
  ...analyticsFiltersShape,
  responder: queryParam(externalIdSchema)
    .optional()
    .describe('External id of a responder: adds `detail` with their shifts and interruptions in the range.'),
  responders: queryChoice(ONCALL_RESPONDER_LISTS)
    .optional()
    .describe(
      `\`top\` (default): \`responders\` lists every flagged responder and the ${ONCALL_RESPONDERS_LISTED} with the most on-call hours; \`all\`: every responder, asked for explicitly since an organisation with thousands of responders gets a row for each. Teams, flags and \`detail\` are over everyone either way; the CSV lists everyone.`,
    ),
});
export type OncallQuery = z.output<typeof oncallQuerySchema>;

const count = (what: string) => z.number().int().min(0).describe(what);
const hours = (what: string) => z.number().min(0).describe(`${what}, in hours (rounded to 0.01).`);
const ratio = (what: string) => z.number().min(0).nullable().describe(`${what} (rounded to 0.001); null when the denominator is 0.`);

/** One responder's on-call figures in the range (METRICS.md "On-call health" rules 1–7). */
export const oncallResponderSchema = z.object({
  externalId: z.string(),
  name: z.string(),
  team: namedRecordSchema.nullable().describe('The responder’s team.'),
  timeZone: z.string().describe('IANA zone their time of day, nights and weeks are read in.'),
  shifts: count('Shifts (any level) overlapping the range.'),
  onCallHours: hours('Union of their shifts clipped to the range (overlapping shifts counted once)'),
  outsideWorkingHours: hours('Of onCallHours, the part outside their working hours (late + sleeping, their zone)'),
  sleepingHours: hours('Of onCallHours, the part in their sleeping hours'),
  interruptions: count('Interruptions (SPEC §2.5) opened while on call.'),
  offCallInterruptions: count('Interruptions opened while not on call (paged without a shift).'),
  interruptionsPerOnCallHour: ratio('interruptions ÷ onCallHours'),
  sleepingInterruptions: count('Interruptions, on or off call, in their sleeping hours.'),
  disruptedNights: count('Nights with a sleeping interruption, on or off call.'),
  incidentHoursOnCall: hours('Workload (SPEC §2.1) on incidents inside their shifts'),
  incidentHoursOffCall: hours('Workload outside their shifts: pulled in without being on call'),
  longestStreakWeeks: count(`Longest run of consecutive ISO weeks (organisation zone) in the range with at least ${ONCALL_STREAK_MIN_HOURS} h on call.`),
  currentStreakWeeks: count('The run that includes the range’s last week; 0 when not on call that week.'),
  lastNightInterrupted: isoDateSchema.nullable().describe('The latest disrupted night in the range (named by the date it starts on); null when none.'),
  daysSinceLastNightInterrupted: z.number().int().min(0).nullable().describe('Days from that night to the range’s last day; null when none.'),
  loadRatio: ratio('onCallHours ÷ the team’s median onCallHours (members with on-call time)'),
  flags: z.array(z.enum(ONCALL_FLAG_RULES)).describe('Health flag rules this responder meets; empty = healthy.'),
});
export type OncallResponder = z.infer<typeof oncallResponderSchema>;

/** How evenly one figure is spread over a team's members with on-call time. */
export const oncallSpreadSchema = z.object({
  total: z.number().min(0).describe('Sum over the members.'),
  busiestShare: ratio(`Share of the total carried by the busiest ceil(${ONCALL_BUSIEST_SHARE} × members) members`),
  maxToMedian: ratio('Largest member value ÷ the members’ median'),
  median: z.number().min(0).describe('Median over the members (rounded to 0.01).'),
});
export type OncallSpread = z.infer<typeof oncallSpreadSchema>;

/** One team's on-call spread (METRICS.md "On-call health" rule 8). Members = its responders with on-call time in the range. */
export const oncallTeamSchema = z.object({
  externalId: z.string().nullable().describe('Null for responders without a team.'),
  name: z.string(),
  members: count('Responders of the team with on-call time in the range.'),
  busiestMembers: count(`ceil(${ONCALL_BUSIEST_SHARE} × members): how many members the busiest share is taken over.`),
  onCallHours: oncallSpreadSchema.describe('Spread of onCallHours.'),
  interruptions: oncallSpreadSchema.describe('Spread of on-call interruptions.'),
  disruptedNights: oncallSpreadSchema.describe('Spread of disrupted nights.'),
  medianInterruptionsPerOnCallHour: z.number().min(0).nullable().describe('Median of the members’ interruptionsPerOnCallHour (rounded to 0.001).'),
  mostLoaded: namedRecordSchema
    .extend({ loadRatio: ratio('Their onCallHours ÷ the team median') })
    .nullable()
    .describe('The member with the most on-call hours relative to the team (ties: more interruptions, then external id).'),
  flagged: count('Members with at least one health flag.'),
});
export type OncallTeam = z.infer<typeof oncallTeamSchema>;

/** One responder meeting one health flag rule: what was measured against what. */
export const oncallFlagSchema = z.object({
  responder: namedRecordSchema,
  team: namedRecordSchema.nullable(),
  rule: z.enum(ONCALL_FLAG_RULES),
  value: z.number().min(0).describe('The responder’s figure the rule reads (disrupted nights, interruptions per on-call hour or longest streak in weeks).'),
  teamMedian: z.number().min(0).nullable().describe('The team median of that figure; null for `long_streak` (an absolute limit).'),
  threshold: z.number().min(0).describe('The value had to exceed this (factor × team median; the maximum weeks for `long_streak`), besides the minimum of `thresholds`.'),
});
export type OncallFlag = z.infer<typeof oncallFlagSchema>;

/** The Settings thresholds the flags were judged with. */
export const oncallThresholdsSchema = z.object({
  medianFactor: z.number().describe('Flag when disrupted nights or interruptions per on-call hour exceed this × the team median.'),
  minDisruptedNights: z.number().int().describe('…and the responder has at least this many disrupted nights (for that rule).'),
  minInterruptions: z.number().int().describe('…and at least this many on-call interruptions (for the rate rule).'),
  maxConsecutiveWeeks: z.number().int().describe('Flag when the longest on-call streak exceeds this many ISO weeks.'),
});
export type OncallThresholds = z.infer<typeof oncallThresholdsSchema>;

/** A shift of the drill-down responder, clipped to the range. */
export const oncallShiftSchema = z.object({
  externalId: z.string(),
  rotation: z.string(),
  level: z.number().int(),
  start: z.string().describe('ISO 8601, UTC (as stored, not clipped).'),
  end: z.string().describe('ISO 8601, UTC (as stored, not clipped).'),
  hoursInRange: hours('Length of the shift inside the range'),
  interruptions: count('Interruptions of the responder opened during the shift.'),
});
export type OncallShift = z.infer<typeof oncallShiftSchema>;

/** An interruption of the drill-down responder. */
export const oncallInterruptionSchema = z.object({
  at: z.string().describe('Instant of the opening page, ISO 8601, UTC.'),
  alert: z.string().describe('External id of the opening page’s alert.'),
  rule: z.string(),
  incident: z.string().nullable().describe('External id of the incident the alert is linked to.'),
  bucket: z.enum(['working', 'late', 'sleeping']).describe('Time of day in the responder’s zone.'),
  onCall: z.boolean().describe('Opened during one of their shifts.'),
});
export type OncallInterruption = z.infer<typeof oncallInterruptionSchema>;

/** The records behind one responder's figures (`responder` parameter). */
export const oncallDetailSchema = z.object({
  responder: namedRecordSchema,
  shifts: z.array(oncallShiftSchema).describe('Their shifts overlapping the range, oldest first.'),
  interruptions: z.array(oncallInterruptionSchema).describe('Their interruptions in the range, oldest first.'),
});
export type OncallDetail = z.infer<typeof oncallDetailSchema>;

/**
 * `GET /api/v1/analytics/oncall`: on-call health (METRICS.md "On-call health") of the responders with
 * shifts or interruptions in `range` (team filter = the team's responders).
 */
export const oncallResponseSchema = z.object({
  range: resolvedRangeSchema,
  thresholds: oncallThresholdsSchema,
  responders: z
    .array(oncallResponderSchema)
    .describe(
      `Responders with on-call time or interruptions in the range; flagged first, then most on-call hours. By default only the flagged and the ${ONCALL_RESPONDERS_LISTED} with the most on-call hours (\`responders=all\`: everyone).`,
    ),
  respondersTotal: count('Responders with on-call time or interruptions in the range; more than listed when `responders` is cut.'),
  totals: z
    .object({
      onCallResponders: count('Responders with on-call time in the range.'),
      onCallHours: hours('Sum of their onCallHours'),
      disruptedNights: count('Sum of every responder’s disrupted nights.'),
      flaggedResponders: count('Responders with at least one health flag.'),
    })
    .describe('Sums over every responder, listed or not.'),
  teams: z.array(oncallTeamSchema).describe('Teams with members on call in the range, by name.'),
  flags: z.array(oncallFlagSchema).describe('Every (responder, rule) flagged, by team then responder then rule.'),
  detail: oncallDetailSchema.nullable().describe('Shifts and interruptions of the `responder` asked for; null without it.'),
  freshness: freshnessSchema,
});
export type OncallResponse = z.infer<typeof oncallResponseSchema>;
