import { csvCell } from '@firewatch/shared';

/**
 * Client-side CSV of the rows a chart draws, for tables the API does not serve as CSV itself, with
 * the API's own cell rules (`csvCell`): RFC 4180 (CRLF, quoted when needed) and text a spreadsheet
 * would run as a formula gets a leading `'` (CSV injection).
 */
export interface CsvColumn<Row> {
  /** Header cell, with the unit when the value has one: `working_hours`. */
  header: string;
  value: (row: Row) => string | number | null;
}

export function rowsToCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)), ...rows.map((row) => columns.map((c) => csvCell(c.value(row))))];
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
