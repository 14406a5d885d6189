/**
 * Values in PostgreSQL's COPY text format: tab-separated columns, `\N` for NULL, and backslash escapes
 * for the characters that would break a line.
 */

export const NULL = '\\N';

/** A text value; escapes backslash, tab, newline and carriage return. */
export function copyText(value: string | null): string {
  if (value === null) return NULL;
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}

/** A `timestamptz` from epoch milliseconds (ISO 8601 in UTC). */
export function copyInstant(ms: number | null): string {
  return ms === null ? NULL : new Date(ms).toISOString();
}

export function copyNumber(value: number | null): string {
  return value === null ? NULL : String(value);
}

/** One COPY line (with its newline) of already-encoded values. */
export function copyLine(values: readonly string[]): string {
  return `${values.join('\t')}\n`;
}
