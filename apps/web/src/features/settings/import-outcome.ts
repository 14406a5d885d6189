import type { IngestCounts, Problem } from '@firewatch/shared';

/** More rows than this would bury the form; the rest are counted ("and N more"). */
export const MAX_PROBLEM_ROWS = 50;

/** The result line of a successful import, e.g. `incidents.csv: 3 created, 0 updated, 0 unchanged`. */
export function describeImportCounts(fileName: string, { created, updated, unchanged }: IngestCounts): string {
  return `${fileName}: ${created} created, ${updated} updated, ${unchanged} unchanged`;
}

export interface ProblemRow {
  /** Unique among the rows, for React. */
  key: string;
  /** CSV line (1-based, header is line 1), or a dash when the problem is not on one line. */
  line: string;
  /** The offending field, or a dash when the problem concerns a whole line or the file. */
  field: string;
  problem: string;
}

export interface ProblemTable {
  rows: ProblemRow[];
  /** Problems beyond `MAX_PROBLEM_ROWS`, not shown as rows. */
  moreCount: number;
}

/** The first `limit` problems of an error answer, in the API's order, as table rows. */
export function toProblemTable(details: readonly Problem[], limit = MAX_PROBLEM_ROWS): ProblemTable {
  const rows = details.slice(0, limit).map((problem, position) => ({
    key: String(position),
    line: problem.line === undefined ? '—' : String(problem.line),
    field: problem.path === '' ? '—' : problem.path,
    problem: problem.message,
  }));
  return { rows, moreCount: Math.max(0, details.length - limit) };
}

/** 401 (no or unknown token) and 403 (token without the ingest scope) are fixed by another token. */
export function needsIngestToken(statusCode: number): boolean {
  return statusCode === 401 || statusCode === 403;
}
