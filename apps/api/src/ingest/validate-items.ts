import { ingestSchemas, type IngestKind, type Problem } from '@firewatch/shared';
import type { z } from 'zod';

/** `source` + NUL + `external_id`: the identity of a record as one map key. */
export const identityKey = (source: string, externalId: string): string => `${source}\u0000${externalId}`;

/** An item that passed its schema. */
export interface ValidItem {
  index: number;
  /** `identityKey(source, externalId)`. */
  key: string;
  /** What the client sent, to tell an omitted field from a schema default (merge mode). */
  raw: Record<string, unknown>;
  value: Record<string, unknown> & { source: string; externalId: string };
}

/** Whether the client sent this field (a schema default does not count). */
export const isGiven = (item: ValidItem, field: string): boolean => Object.hasOwn(item.raw, field) && item.raw[field] !== undefined;

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
  for (let index = 0; index < items.length; index++) {
    const raw = items[index];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push({ index, path: '', message: 'must be an object' });
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, index, raw));
      continue;
    }
    const value = parsed.data as ValidItem['value'];
    const key = identityKey(value.source, value.externalId);
    const first = firstIndex.get(key);
    if (first !== undefined) {
      problems.push({ index, path: 'externalId', message: `repeats item ${first} (same source and externalId)` });
      continue;
    }
    firstIndex.set(key, index);
    valid.push({ index, key, raw: raw as Record<string, unknown>, value });
  }
  return { valid, problems };
}
