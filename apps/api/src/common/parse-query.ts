import { HttpStatus } from '@nestjs/common';
import type { z } from 'zod';
import { DateRangeError, localDate, resolveDateRange, type ResolvedDateRange } from '@firewatch/shared';
import { ProblemException } from './http-exception.filter.js';
import { zodProblems } from '../ingest/validate-items.js';

/**
 * The raw query object of a request parsed with its shared schema, or a 400 that names every bad
 * parameter in `details` (`{ path: 'severity', message: 'must be a whole number 1..5' }`).
 * Unknown parameters are refused, not ignored: a misspelt filter must not silently widen a figure.
 */
export function parseQuery<T extends z.ZodObject>(schema: T, query: unknown): z.output<T> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const problems = zodProblems(parsed.error);
  const summary = problems.map((p) => `${p.path} ${p.message}`).join('; ');
  throw new ProblemException(
    HttpStatus.BAD_REQUEST,
    `Invalid query: ${summary}. Known parameters: ${Object.keys(schema.shape).join(', ')}.`,
    problems,
  );
}

/** Days covered when a request gives no `from` (SPEC §3 analytics default). */
export const DEFAULT_RANGE_DAYS = 90;

/**
 * `from`/`to` (ISO dates in the org time zone, `to` exclusive) as UTC bounds, defaulting to the
 * 90 days up to today; a bad pair is a 400 naming the parameter to fix.
 */
export function resolveQueryRange(query: { from?: string; to?: string }, timeZone: string, now: Date): ResolvedDateRange {
  try {
    return resolveDateRange({ from: query.from, to: query.to }, timeZone, localDate(now, timeZone), DEFAULT_RANGE_DAYS);
  } catch (error) {
    if (!(error instanceof DateRangeError)) throw error;
    throw new ProblemException(HttpStatus.BAD_REQUEST, `Invalid query: ${error.message}.`, [{ path: error.param, message: error.message }]);
  }
}
