import { z } from 'zod';
import { SEVERITY_MAX, SEVERITY_MIN, externalIdSchema } from '../ingest/common.js';
import { isoDateSchema } from '../time/index.js';

/*
 * Query parameters arrive as text, and a repeated parameter as a list of texts. These builders read
 * one value or a list and say what is wrong in words a person can act on. Schemas built from them
 * parse the raw query object of a request (`{ severity: '2', service: ['a', 'b'] }`).
 */

/** A parameter given at most once; `schema` checks its text. */
export const queryParam = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z.string({ error: 'must be given once' }).pipe(schema);

/** A parameter that is one of `values`, named in the error. */
export const queryChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  queryParam(z.enum(values, { error: `must be one of: ${values.join(', ')}` }));

/** A whole-number parameter in `min..max`. */
export const queryInteger = (min: number, max: number) => {
  const message = `must be a whole number ${min}..${max}`;
  return queryParam(
    z
      .string()
      .regex(/^\d{1,15}$/, message)
      .transform(Number)
      .pipe(z.number().min(min, message).max(max, message)),
  );
};

/** A parameter that may repeat (`service=a&service=b`); absent = empty list. */
export const queryList = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(item).max(max, `may be given at most ${max} times`))
    .default([]);

/**
 * The filters every analytics endpoint accepts (SPEC §3). Later endpoints spread this shape into
 * their own strict query schema: `z.strictObject({ ...analyticsFiltersShape, … })`.
 */
export const analyticsFiltersShape = {
  from: queryParam(isoDateSchema)
    .optional()
    .describe('First day included, YYYY-MM-DD in the organisation time zone; default: 90 days before `to`.'),
  to: queryParam(isoDateSchema)
    .optional()
    .describe('First day NOT included (exclusive), YYYY-MM-DD in the organisation time zone; default: tomorrow, so today is included.'),
  team: queryParam(externalIdSchema).optional().describe('External id of a team: only its incidents.'),
  service: queryList(externalIdSchema, 100).describe('External id of a service; repeat for several. Records touching any of them.'),
  severity: queryInteger(SEVERITY_MIN, SEVERITY_MAX)
    .optional()
    .describe('Largest severity included (1 = most severe): 2 means SEV1 and SEV2.'),
};

/** `from`, `to`, `team`, `service` (repeatable), `severity` of an analytics request. */
export const analyticsFiltersQuerySchema = z.strictObject(analyticsFiltersShape);
export type AnalyticsFilters = z.output<typeof analyticsFiltersQuerySchema>;

/** The local days a response covers, `[from, to)`, and the time zone they are days in. */
export const resolvedRangeSchema = z.object({
  from: isoDateSchema.describe('First day included.'),
  to: isoDateSchema.describe('First day not included (exclusive).'),
  timeZone: z.string().describe('Organisation IANA time zone the days are counted in.'),
});
export type ResolvedRange = z.infer<typeof resolvedRangeSchema>;

type QueryValue = string | number | readonly string[] | null | undefined;

/**
 * The URL query of a parsed query object, as the schemas above read it back: lists repeat their
 * parameter, `undefined`/`null` are left out.
 */
export function toSearchParams(query: Readonly<Record<string, QueryValue>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number') params.append(name, String(value));
    else for (const item of value) params.append(name, item);
  }
  return params;
}
