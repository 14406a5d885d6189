import { isUtf8 } from 'node:buffer';
import type { IngestKind, Problem } from '@firewatch/shared';
import { CsvError, parse } from 'csv-parse/sync';
import { validateItems } from '../ingest/validate-items.js';
import { csvFieldFormats, type CsvCellFormat } from './csv-fields.js';

/** A problem with a CSV import: the physical `line` (1-based, the header is line 1), the field, what. */
export type CsvProblem = Omit<Problem, 'index' | 'line'> & { line: number };

/** Rows converted to ingest items; `lines[i]` is the line on which item `i`'s record starts. */
export interface CsvItems {
  items: Record<string, unknown>[];
  lines: number[];
}

export type CsvParseResult = CsvItems | { problems: CsvProblem[] };

// A plain decimal number; `Infinity`, hex and empty strings are left for the schema to reject.
const DECIMAL_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const LF = 0x0a;
const CR = 0x0d;

/**
 * Physical line numbers of byte offsets in the file, counting `\r\n`, `\n` and a lone `\r` as one line
 * break each (csv-parse's own `info.lines` counts a `\r\n` inside a quoted cell twice, and gives the
 * line where a record ends, not where it starts). Offsets must be asked for in increasing order.
 */
function lineCounter(bytes: Buffer) {
  let offset = 0;
  let line = 1;
  const step = () => {
    const byte = bytes[offset];
    if (byte === CR || (byte === LF && bytes[offset - 1] !== CR)) line += 1;
    offset += 1;
  };
  return {
    /** The line of the first byte at or after `from` that is not a line break (blank lines are skipped). */
    recordStartLine(from: number): number {
      while (offset < from) step();
      while (offset < bytes.length && (bytes[offset] === LF || bytes[offset] === CR)) step();
      return line;
    },
  };
}

// csv-parse's messages cite its own line count; these name the fix instead.
function malformedMessage(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'has a quoted cell that is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'has text after the closing quote of a cell; quote the whole cell and double any quote inside it ("")';
    case 'INVALID_OPENING_QUOTE':
      return 'has a quote inside an unquoted cell; quote the whole cell and double any quote inside it ("")';
    default:
      return error.message;
  }
}

type CellResult = { value: unknown } | { problem: { path: string; message: string } };

function readCell(field: string, cell: string, format: CsvCellFormat): CellResult {
  switch (format.format) {
    case 'text':
      return { value: cell };
    case 'number': {
      const trimmed = cell.trim();
      return { value: DECIMAL_NUMBER.test(trimmed) ? Number(trimmed) : cell };
    }
    case 'list':
      return { value: splitList(cell) };
    case 'pairs': {
      const [first, second] = format.keys;
      const pairs: Record<string, string>[] = [];
      for (const [position, entry] of splitList(cell).entries()) {
        const colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon === entry.length - 1) {
          const message = `must be ${first}:${second} pairs separated by ";", e.g. r-1:lead;r-2:comms`;
          return { problem: { path: `${field}.${position}`, message } };
        }
        pairs.push({ [first]: entry.slice(0, colon).trim(), [second]: entry.slice(colon + 1).trim() });
      }
      return { value: pairs };
    }
    case 'json':
      try {
        return { value: JSON.parse(cell) as unknown };
      } catch (error) {
        return { problem: { path: field, message: `must be JSON (${(error as Error).message})` } };
      }
  }
}

function splitList(cell: string): string[] {
  return cell
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * Reads a CSV file of one ingest kind into ingest items, without validating them (see
 * `validateCsvItems`). The first line is a header of ingest field names; an empty cell omits its field;
 * blank lines and rows whose cells are all empty are skipped; a UTF-8 byte order mark is ignored. Cell
 * formats per field are described in `csv-fields.ts`. Never throws on bad input: an unreadable file, an
 * unknown or repeated column, malformed CSV or an unreadable cell is returned as problems.
 */
export function parseCsv(kind: IngestKind, input: string | Buffer): CsvParseResult {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  if (!isUtf8(bytes)) {
    return { problems: [{ line: 1, path: '', message: 'the file is not UTF-8 text; save it as "CSV UTF-8"' }] };
  }

  // Each record with the byte offset where it ends (after its line break), from which line numbers are
  // derived. Collected in `on_record` so the records before a malformed one are known when it throws.
  const records: { cells: string[]; end: number }[] = [];
  try {
    parse(bytes, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true, // checked below, so that every short or long record is reported
      on_record: (cells: string[], context) => {
        records.push({ cells, end: context.bytes });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = lineCounter(bytes).recordStartLine(records.at(-1)?.end ?? 0);
    return { problems: [{ line, path: '', message: malformedMessage(error) }] };
  }

  const [header, ...rows] = records;
  if (header === undefined) {
    return { problems: [{ line: 1, path: '', message: 'the file is empty; line 1 must name the fields' }] };
  }

  const formats = csvFieldFormats[kind];
  const problems: CsvProblem[] = [];
  const columns: ({ field: string; format: CsvCellFormat } | undefined)[] = [];
  const seen = new Set<string>();
  for (const [position, name] of header.cells.entries()) {
    const field = name.trim();
    const format = Object.hasOwn(formats, field) ? formats[field] : undefined;
    if (field === '') {
      problems.push({ line: 1, path: '', message: `column ${position + 1} has no name` });
    } else if (format === undefined) {
      const known = Object.keys(formats).join(', ');
      problems.push({ line: 1, path: field, message: `is not a field of ${kind}; the fields are ${known}` });
    } else if (seen.has(field)) {
      problems.push({ line: 1, path: field, message: 'appears more than once in the header' });
    }
    columns.push(format !== undefined && !seen.has(field) ? { field, format } : undefined);
    seen.add(field);
  }

  const lineCount = lineCounter(bytes);
  let previousEnd = header.end;
  const items: Record<string, unknown>[] = [];
  const lines: number[] = [];
  for (const { cells, end } of rows) {
    const line = lineCount.recordStartLine(previousEnd);
    previousEnd = end;
    // Spreadsheets export trailing rows of bare delimiters (",,,"); they carry no record.
    if (cells.every((cell) => cell.trim() === '')) continue;
    if (cells.length !== header.cells.length) {
      const message = `has ${cells.length} cells but the header has ${header.cells.length}`;
      problems.push({ line, path: '', message });
      continue;
    }
    const item: Record<string, unknown> = {};
    for (const [position, cell] of cells.entries()) {
      const column = columns[position];
      if (column === undefined || cell.trim() === '') continue;
      const result = readCell(column.field, cell, column.format);
      if ('problem' in result) problems.push({ line, ...result.problem });
      else item[column.field] = result.value;
    }
    items.push(item);
    lines.push(line);
  }

  if (problems.length > 0) return { problems };
  if (items.length === 0) {
    return { problems: [{ line: 1, path: '', message: 'the file has a header but no records' }] };
  }
  return { items, lines };
}

// The ingest validation names a repeated identity by batch index; a CSV user needs the line.
const REPEATED_ITEM = /^repeats item (\d+)/;

/**
 * Validates items read by `parseCsv` exactly as the ingest API does (the shared schema of `kind`, and no
 * identity twice) and returns every problem with the line of its record and the dotted path of its
 * field (`roles.0.responder`). Empty when all pass.
 */
export function validateCsvItems(kind: IngestKind, items: readonly unknown[], lines: readonly number[]): CsvProblem[] {
  return validateItems(kind, items).problems.map(({ index, path, message }) => ({
    line: index === undefined ? 1 : lines[index],
    path,
    message: message.replace(REPEATED_ITEM, (_, first: string) => `repeats line ${lines[Number(first)]}`),
  }));
}
