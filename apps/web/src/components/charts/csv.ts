/**
 * Client-side CSV of the rows a chart draws, for tables the API does not serve as CSV itself.
 * Same rules as the API's export: RFC 4180 (CRLF, quoted when needed) and text a spreadsheet would
 * run as a formula gets a leading `'` (CSV injection).
 */
export interface CsvColumn<Row> {
  /** Header cell, with the unit when the value has one: `working_hours`. */
  header: string;
  value: (row: Row) => string | number | null;
}

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]|^\s|\s$/;

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function rowsToCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const lines = [columns.map((c) => cell(c.header)), ...rows.map((row) => columns.map((c) => cell(c.value(row))))];
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}

/** Hands a CSV document to the browser as a download named `filename`. */
export function saveCsv(csv: Blob | string, filename: string): void {
  const blob = typeof csv === 'string' ? new Blob([csv], { type: 'text/csv;charset=utf-8' }) : csv;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
