import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { IngestKind, IngestResponse, Problem } from '@firewatch/shared';
import { ProblemException } from '../common/http-exception.filter.js';
import { IngestService } from '../ingest/ingest.service.js';
import { parseCsv, validateCsvItems } from './parse-csv.js';

/**
 * CSV import (CLI and upload): the same validation and all-or-nothing write as the batch API, with
 * every problem reported by the CSV line it is on.
 */
@Injectable()
export class CsvImportService {
  constructor(private readonly ingest: IngestService) {}

  async import(kind: IngestKind, input: string | Buffer): Promise<IngestResponse> {
    const parsed = parseCsv(kind, input);
    if ('problems' in parsed) throw invalid(parsed.problems);
    const problems = validateCsvItems(kind, parsed.items, parsed.lines);
    if (problems.length > 0) throw invalid(problems);
    try {
      return await this.ingest.ingest({ [kind]: parsed.items });
    } catch (error) {
      throw withLines(error, parsed.lines);
    }
  }
}

const invalid = (problems: Problem[]) =>
  new ProblemException(HttpStatus.BAD_REQUEST, `${problems.length} problem(s) in the CSV; nothing was imported.`, problems);

/** An ingest error whose problems name item indexes, restated with the CSV line of each item. */
function withLines(error: unknown, lines: readonly number[]): unknown {
  if (!(error instanceof HttpException)) return error;
  const response = error.getResponse() as { message?: string; details?: Problem[] };
  if (!response.details) return error;
  const details = response.details.map(({ index, ...rest }) => (index === undefined ? rest : { line: lines[index], ...rest }));
  return new ProblemException(error.getStatus(), String(response.message ?? error.message), details);
}
