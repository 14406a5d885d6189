import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/server.js';

/**
 * The benchmark harness is code of the project: `npm run bench` at a tiny scale must run, measure
 * every figure and write its report; a figure that cannot be measured must fail the command loudly.
 * Timings are never asserted here, only that each figure's rows are there.
 */

const RUN_JS = join(PROJECT_ROOT, 'bench/dist/run.js');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function bench(args: string[], env: Record<string, string> = {}): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUN_JS, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Result rows of one figure group (`| Figure | Measure | Median | Baseline | Ratio | Target | ✅ |`), not the machine table's. */
const rowsOf = (report: string, figure: string): string[] =>
  report.split('\n').filter((l) => l.startsWith(`| ${figure} | `) && l.split(' | ').length === 7);
/** The measure column of a row, without its footnote. */
const measure = (line: string): string => line.split(' | ')[1]!.replace(/ \[\d+\]$/, '');
/** The median column: a number with its unit, or "not available (…)". */
const median = (line: string): string => line.split(' | ')[2]!;

let dir: string;

beforeAll(() => {
  // The harness as `npm run bench` builds it (incremental: quick when nothing changed).
  const built = spawnSync(process.execPath, [TSC, '-b', join(PROJECT_ROOT, 'bench/tsconfig.json')], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`building the bench failed:\n${built.stdout}${built.stderr}`);
}, 120_000);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firewatch-bench-test-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm run bench -- --scale 0.01 --runs 1', () => {
  let run: Exit;
  let report: string;

  beforeAll(async () => {
    const out = join(dir, 'RESULTS.md');
    run = await bench(['--scale', '0.01', '--runs', '1', '--out', out]);
    if (run.code !== 0) throw new Error(`the bench exited with ${run.code}:\n${run.stderr}`);
    report = await readFile(out, 'utf8');
  }, 900_000);

  it('exits 0, prints the table and writes the report with the machine and the scale', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('| Figure | Measure | Median (min–max) |');
    expect(report).toMatch(/^# Firewatch benchmark results/);
    expect(report).toMatch(/\| CPU \| \d+ × /);
    // 0.01 × (200,000 activity, 50,000 alerts, 50,000 pages); the demo has no size below 1.
    expect(report).toContain('| Scale | 0.01 (ingest 2,000 activity items, 500 alerts, 500 pages; demo organisation at scale 1) |');
    expect(report).toMatch(/\d+ of \d+ targets met\./);
  });

  it('has the ingest rows of every kind, with their targets', () => {
    const rows = rowsOf(report, 'Ingest');
    for (const kind of ['activity', 'alerts', 'pages']) {
      expect(rows.map(measure)).toContain(`${kind}: POST /api/v1/ingest/${kind}, new rows`);
      expect(rows.find((r) => measure(r) === `${kind}: POST /api/v1/ingest/${kind}, new rows`)).toContain('| ≥ 0.5 |');
    }
  });

  it('has the workload rows', () => {
    expect(rowsOf(report, 'Workload').map(measure)).toEqual([
      'full recompute vs streaming the same rows out in (responder, at) order',
      'full recompute vs SQL window-function sessionisation',
      'incremental update after a 1,000-event batch vs full recompute',
      'full recompute throughput',
    ]);
  });

  it.each(['workload', 'seasonality', 'services', 'causes', 'noise', 'readiness', 'incident list'])('measures the %s endpoint: p95 against count(*), and p50', (name) => {
    const rows = rowsOf(report, 'Analytics');
    const p95 = rows.find((r) => measure(r).startsWith(`${name}: p95 (`));
    expect(p95).toBeDefined();
    expect(median(p95!)).toMatch(/^[\d,.]+ ms \(/);
    expect(p95).toContain('count(*) of activity:');
    expect(p95).toContain('| ≤ 0.1 |');
    expect(rows.some((r) => measure(r) === `${name}: p50`)).toBe(true);
  });

  it('reports the overview endpoint, measured or "not available"', () => {
    const overview = rowsOf(report, 'Analytics').find((r) => measure(r).startsWith('overview: p95'));
    expect(overview).toBeDefined();
    expect(median(overview!)).toMatch(/^([\d,.]+ ms \(|not available \(GET \/api\/v1\/analytics\/overview answered \d{3}\))/);
  });

  it('has the memory rows: API during ingest and the rebuild CLI, 4× the data against a quarter', () => {
    const rows = rowsOf(report, 'Memory');
    expect(rows.map(measure)).toEqual([
      'API peak RSS during ingest, 4× the data',
      'workload rebuild (CLI) peak RSS, 4× the data',
      'API RSS once ready, before any data',
    ]);
    for (const r of rows) expect(median(r)).toMatch(/^[\d,.]+ MiB \(/);
    // 3,000 items = 2,000 activity + 500 alerts + 500 pages; a quarter is 750.
    expect(report).toContain('3,000 items (scale 0.01) vs 750 (scale 0.0025), 4.0× the data');
  });

  it('has the dashboard rows: initial JS against its budget, every analytics page, an incident and a responder', () => {
    const rows = rowsOf(report, 'Dashboard');
    const size = rows.find((r) => measure(r) === 'initial JS, gzipped');
    expect(size).toBeDefined();
    expect(size).toContain('budget: 250 kB');
    for (const path of ['/', '/review', '/workload', '/seasonality', '/services', '/noise', '/oncall', '/readiness', '/incidents']) {
      // Both ways a user arrives: a bookmark in a new tab, and a click in the side navigation.
      expect(rows.filter((r) => measure(r).includes(`page (${path}): navigation to charts drawn`))).toHaveLength(1);
      expect(rows.filter((r) => measure(r).includes(`page (${path}): side-navigation click to charts drawn`))).toHaveLength(1);
    }
    // An incident's page and its responder's, chosen from the data.
    expect(rows.filter((r) => /Incident detail page \(\/incidents\/[^)]+\): navigation to charts drawn/.test(measure(r)))).toHaveLength(1);
    expect(rows.filter((r) => /Responder page \(\/responders\/[^)]+\): navigation to charts drawn/.test(measure(r)))).toHaveLength(1);
    // Pages with charts on this build are measured against a blank page of the same server.
    for (const path of ['/workload', '/incidents']) {
      for (const way of ['navigation', 'side-navigation click']) {
        const r = rows.find((l) => measure(l).includes(`(${path}): ${way} to charts drawn`))!;
        expect(median(r)).toMatch(/^[\d,.]+ ms \(/);
        expect(r).toContain('blank page:');
      }
    }
  });

  it('has the start-up rows', () => {
    expect(rowsOf(report, 'Start-up').map(measure)).toEqual([
      'empty data dir (initdb, migrations) to ready',
      'existing data dir to ready',
      'SIGTERM to exit (HTTP and PostgreSQL stopped)',
    ]);
  });
});

describe('a figure that cannot be measured', () => {
  it('fails the command with the figure named and writes no report', async () => {
    const out = join(dir, 'failed.md');
    const run = await bench(['--scale', '0.01', '--runs', '1', '--only', 'dashboard', '--out', out], { CHROMIUM_PATH: join(dir, 'no-such-chromium') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bench: figure "dashboard" (Dashboard) could not be measured:');
    expect(run.stderr).toContain('no-such-chromium');
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it.each([
    [['--scale', '0'], '--scale must be a positive number'],
    [['--runs', '0'], '--runs must be a whole number ≥ 1'],
    [['--only', 'nope'], 'unknown figure(s) nope; one of ingest, workload, analytics, dashboard, memory, startup'],
  ])('refuses %j with a usage message and exit 2', async (args, message) => {
    const run = await bench(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
