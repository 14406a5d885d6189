// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
// RFC 4180 quotes cells with a delimiter, quote or line break; edge whitespace is quoted so it survives.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function isPrimitive(value: unknown): value is string | number | bigint | boolean | null | undefined {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  // Lists as the import reads them: `svc-api;svc-db`.
  if (Array.isArray(value) && value.every(isPrimitive)) return value.map(cellText).join(';');
  return JSON.stringify(value) ?? '';
}

/**
 * One CSV cell for export: `null`/`undefined` → empty, numbers as written (non-finite → empty), dates
 * as ISO 8601 UTC, lists of plain values joined by `;`, other objects as JSON. Text that a spreadsheet
 * would run as a formula gets a leading `'`; the cell is quoted when it needs to be.
 */
export function csvCell(value: unknown): string {
  const text = cellText(value);
  // Numbers are data, not formulas: -5 stays -5.
  const isNumber = typeof value === 'number' || typeof value === 'bigint';
  const safe = !isNumber && FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A CSV document (RFC 4180: CRLF line ends, header row first, every line CRLF-terminated) of `rows`,
 * with the given `columns` in order; a column a row lacks is an empty cell.
 */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const lines = [columns.map(csvCell), ...rows.map((row) => columns.map((column) => csvCell(row[column])))];
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}
