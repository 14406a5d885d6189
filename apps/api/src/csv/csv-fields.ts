import { ingestSchemas, type IngestKind } from '@firewatch/shared';
import { z } from 'zod';

/**
 * How one CSV cell is turned into the JSON value its ingest field expects. CSV cells are strings, and
 * `,` is the delimiter, so lists use `;`:
 * - `text`: the cell as written (enums, instants and ids included; the schema trims where it should);
 * - `number`: a decimal number (`3`, `-1.5`, `2e3`); anything else is passed on as the raw string so
 *   the schema reports the type error;
 * - `list`: `;`-separated strings, each trimmed, empties dropped (`svc-api;svc-db`);
 * - `pairs`: `;`-separated `a:b` pairs, split at the last `:` (`r-1:lead;r-2:comms`), for a list of
 *   two-field objects such as an incident's roles;
 * - `json`: a JSON value (`{"days":[1,2,3,4,5],"start":"09:00","end":"17:00"}`).
 */
export type CsvCellFormat =
  | { format: 'text' }
  | { format: 'number' }
  | { format: 'list' }
  | { format: 'pairs'; keys: readonly [string, string] }
  | { format: 'json' };

/** Field name → cell format, in the schema's field order. */
export type CsvFieldFormats = Readonly<Record<string, CsvCellFormat>>;

// Optional and defaulted fields take the format of the value they wrap.
function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) {
    inner = inner.unwrap() as z.ZodType;
  }
  return inner;
}

function formatOf(schema: z.ZodType): CsvCellFormat {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodNumber) return { format: 'number' };
  if (inner instanceof z.ZodArray) {
    const element = unwrap(inner.element as z.ZodType);
    if (formatOf(element).format === 'text') return { format: 'list' };
    if (element instanceof z.ZodObject) {
      const keys = Object.keys(element.shape);
      const [first, second] = keys;
      const allText = keys.every((key) => formatOf(element.shape[key] as z.ZodType).format === 'text');
      if (keys.length === 2 && allText) return { format: 'pairs', keys: [first, second] };
    }
    return { format: 'json' };
  }
  if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord || inner instanceof z.ZodTuple) {
    return { format: 'json' };
  }
  return { format: 'text' };
}

function fieldFormats(schema: z.ZodObject): CsvFieldFormats {
  return Object.fromEntries(
    Object.entries(schema.shape).map(([field, fieldSchema]) => [field, formatOf(fieldSchema as z.ZodType)]),
  );
}

/**
 * The CSV columns of each ingest kind and how their cells are read, derived from the ingest schemas of
 * `@firewatch/shared` so that a new field is importable without touching this file.
 */
export const csvFieldFormats: Readonly<Record<IngestKind, CsvFieldFormats>> = Object.fromEntries(
  Object.entries(ingestSchemas).map(([kind, schema]) => [kind, fieldFormats(schema)]),
) as Record<IngestKind, CsvFieldFormats>;
