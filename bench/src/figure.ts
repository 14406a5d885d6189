import type { Logger } from 'pino';
import type { Cleanup } from './cleanup.js';
import type { Summary } from './stats.js';

/** What a target says about a row's ratio (figure ÷ baseline). */
export interface Target {
  /** The ratio must be at least this (throughput: higher is better). */
  minRatio?: number;
  /** The ratio must be at most this (time, memory: lower is better). */
  maxRatio?: number;
}

/** One line of the results table. */
export interface FigureRow {
  /** Figure group, e.g. "Ingest" or "Start-up". */
  figure: string;
  name: string;
  unit: string;
  /** Median and spread of the runs; absent when the measured thing does not exist in this build (see `unavailable`). */
  value?: Summary;
  /** Why the row could not be measured although the benchmark ran (e.g. an endpoint this build does not have). */
  unavailable?: string;
  /** The same quantity for the baseline, measured in the same run of the benchmark. */
  baseline?: { name: string; value: Summary };
  /** Median and spread of per-run ratios value ÷ baseline. */
  ratio?: Summary;
  target?: Target;
  /** Whether the ratio meets the target; undefined for informative rows. */
  pass?: boolean;
  /** One short remark shown under the table (what was measured, why a row is informative). */
  note?: string;
}

export interface FigureContext {
  /** Multiplies the data volume of every figure (`--scale`). */
  scale: number;
  /** Repetitions per measurement (`--runs`); figures report the median and min–max. */
  runs: number;
  log: Logger;
  cleanup: Cleanup;
  /** Set by `--profile DIR`: write CPU profiles and SQL statistics there (figures are then slower). */
  profileDir: string | undefined;
  /** Facts about the environment for the report header (e.g. the PostgreSQL version). */
  facts: Map<string, string>;
  /** Lines of analysis (CPU split, bottlenecks) for the report, under the table. */
  findings: string[];
  /** Progress on stderr, so that stdout is the table alone. */
  progress(message: string): void;
}

/** A figure of the benchmark: one module under figures/, run by run.ts. */
export interface Figure {
  /** Name used by `--only`. */
  id: string;
  title: string;
  /** Reads the demo organisation through the API without changing it: shares one loaded stack (`sharedDemoApi`). */
  readsDemoApi?: boolean;
  run(ctx: FigureContext): Promise<FigureRow[]>;
}

/** A row with its pass/fail derived from the target. */
export function row(r: Omit<FigureRow, 'pass'>): FigureRow {
  if (!r.target || !r.ratio) return r;
  const ratio = r.ratio.median;
  const pass = (r.target.minRatio === undefined || ratio >= r.target.minRatio) && (r.target.maxRatio === undefined || ratio <= r.target.maxRatio);
  return { ...r, pass };
}
