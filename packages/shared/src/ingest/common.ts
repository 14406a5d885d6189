import { z } from 'zod';

/** Largest batch accepted by one ingest request. */
export const MAX_INGEST_ITEMS = 10_000;

/** Severity scale: 1 is the most severe. */
export const SEVERITY_MIN = 1;
export const SEVERITY_MAX = 5;

// Printable text without control characters (tabs and newlines are allowed in free text only).
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A free-text field such as a title or a name. */
export const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL_CHARS.test(s), 'must not contain control characters');

/** Identifier of a record in its source system; together with `source` it is the record's identity. */
export const externalIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[^\s\u0000-\u001F\u007F]+$/, 'must not contain whitespace or control characters')
  .describe('Identifier in the source system; unique per source.');

/** Name of the system a record comes from (`api`, `pagerduty`, `alertmanager`, …). */
export const sourceSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'must be 1–40 lowercase letters, digits, ".", "_" or "-"')
  .default('api')
  .describe('Source system of the record; defaults to `api`.');

// Instants outside this window are input mistakes (e.g. a missing date rendered as year 1 or 0).
const EARLIEST_INSTANT = Date.UTC(1970, 0, 1);
const LATEST_INSTANT = Date.UTC(2200, 0, 1);

/** An instant as ISO 8601 with an explicit offset (`Z` or `+02:00`). Stored as UTC. */
export const instantSchema = z.iso
  .datetime({ offset: true, abort: true, message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-03-01T10:15:00Z' })
  .refine((s) => {
    const ms = Date.parse(s);
    return ms >= EARLIEST_INSTANT && ms < LATEST_INSTANT;
  }, 'must be between 1970 and 2200');

/** Milliseconds since the epoch of a validated instant. */
export const instantMs = (s: string): number => Date.parse(s);

/** A reference to another record by its external id (resolved within the referencing item's source). */
export const referenceSchema = externalIdSchema.describe('External id of the referenced record (same source).');

export const severitySchema = z
  .number()
  .int('must be an integer')
  .min(SEVERITY_MIN, `must be ${SEVERITY_MIN}..${SEVERITY_MAX}`)
  .max(SEVERITY_MAX, `must be ${SEVERITY_MIN}..${SEVERITY_MAX}`);

/** Identity fields shared by every ingested entity. Unknown fields are rejected, not silently dropped. */
export const identitySchema = z.strictObject({
  externalId: externalIdSchema,
  source: sourceSchema,
});

/**
 * Adds an "after" check between two optional instants: `later` must not precede `earlier`.
 * Issues are reported on the later field so the client sees which value to fix. `fallback` stands in
 * for an omitted `earlier` (an incident's impact start defaults to its declaration).
 */
export function requireOrder<T extends Record<string, unknown>>(
  earlier: keyof T & string,
  later: keyof T & string,
  strict = false,
  fallback?: keyof T & string,
) {
  return (item: T, ctx: z.RefinementCtx) => {
    const a = item[earlier] ?? (fallback ? item[fallback] : undefined);
    const b = item[later];
    if (typeof a !== 'string' || typeof b !== 'string') return;
    const diff = Date.parse(b) - Date.parse(a);
    if (diff < 0 || (strict && diff === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: [later],
        message: `must be ${strict ? 'after' : 'at or after'} ${earlier}`,
      });
    }
  };
}
