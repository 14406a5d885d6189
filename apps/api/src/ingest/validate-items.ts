import { ingestSchemas, type IngestKind, type Problem } from '@firewatch/shared';
import type { z } from 'zod';

/** An item that passed its schema, with the raw input kept to tell omitted fields from defaults. */
export interface ValidItem {
  index: number;
  /** The fields the client actually sent. */
  given: ReadonlySet<string>;
  value: Record<string, unknown> & { source: string; externalId: string };
}

/** Dotted path of a zod issue, e.g. `roles.0.responder`; the item itself is ``. */
export const issuePath = (path: ReadonlyArray<PropertyKey>): string => path.map(String).join('.');

/** The value at a path of parsed JSON, or undefined when any step is missing. */
function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = input;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** One problem per zod issue, unrecognised keys named one by one, absent fields called required. */
export function zodProblems(error: z.ZodError, index?: number, input?: unknown): Problem[] {
  return error.issues.flatMap((issue) => {
    const at = index === undefined ? {} : { index };
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ ...at, path: issuePath([...issue.path, key]), message: 'is not a known field' }));
    }
    const missing =
      (issue.code === 'invalid_type' || issue.code === 'invalid_format') &&
      input !== undefined &&
      issue.path.length > 0 &&
      valueAt(input, issue.path) === undefined;
    return [{ ...at, path: issuePath(issue.path), message: missing ? 'is required' : issue.message }];
  });
}

/**
 * Validates every item of one kind against its shared schema and finds items that repeat an
 * identity already in the batch. Returns every problem, not just the first.
 */
export function validateItems(kind: IngestKind, items: readonly unknown[]): { valid: ValidItem[]; problems: Problem[] } {
  const schema = ingestSchemas[kind];
  const valid: ValidItem[] = [];
  const problems: Problem[] = [];
  const firstIndex = new Map<string, number>();
  items.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push({ index, path: '', message: 'must be an object' });
      return;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, index, raw));
      return;
    }
    const value = parsed.data as ValidItem['value'];
    const key = `${value.source}\u0000${value.externalId}`;
    const first = firstIndex.get(key);
    if (first !== undefined) {
      problems.push({ index, path: 'externalId', message: `repeats item ${first} (same source and externalId)` });
      return;
    }
    firstIndex.set(key, index);
    const given = new Set(Object.keys(raw).filter((k) => (raw as Record<string, unknown>)[k] !== undefined));
    valid.push({ index, given, value });
  });
  return { valid, problems };
}
