import 'reflect-metadata'; // before the API's modules: some are Nest providers
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { Cleanup } from './cleanup.js';
import { VOLUME_AT_SCALE_1 } from './dataset.js';
import type { Figure, FigureContext, FigureRow } from './figure.js';
import { analyticsFigure } from './figures/analytics.js';
import { dashboardFigure } from './figures/dashboard.js';
import { ingestFigure } from './figures/ingest.js';
import { memoryFigure } from './figures/memory.js';
import { startupFigure } from './figures/startup.js';
import { workloadFigure } from './figures/workload.js';
import { demoScaleFor, stopSharedDemoApi } from './demo-database.js';
import { renderReport, resultsTable } from './report.js';

/** Every figure, in the order they run. A new figure is one module under figures/ added here. */
const FIGURES: readonly Figure[] = [ingestFigure, workloadFigure, analyticsFigure, dashboardFigure, memoryFigure, startupFigure];

const DEFAULT_SCALE = '10';

const RESULTS_FILE = fileURLToPath(new URL('../RESULTS.md', import.meta.url));

const LIMITS = [
  'What the scale means for each figure. Ingest and memory: `--scale S` is S × (200,000 activity items, 50,000 alerts, 50,000 pages) generated from a seeded PRNG (the same rows on every run and machine); the memory figure also ingests S/4 of that. Workload, analytics and dashboard: the demo organisation (seed 1, 18 months ending 2026-11-01) at demo scale round(S), at least 1: round(S)^1.8 divisions of the scale-1 organisation, i.e. about 150,000 activity events at scale 1 and 9.7M at scale 10 (the default). The demo generator has no smaller size, so below scale 1 (the self-test runs `--scale 0.01`) these figures use the scale-1 demo. Start-up: an empty data dir and the same dir again, whatever the scale.',
  'Each run starts a fresh embedded PostgreSQL (the app\'s own, with its default settings) in a temp dir, applies the migrations and talks to the built API (`node apps/api/dist/main.js`) over HTTP on loopback with `FIREWATCH_DEMO=off`, `LOG_LEVEL=warn` and the rate limit lifted. The benchmark client, the API and PostgreSQL share the machine\'s cores.',
  'Ingest: before each timed run the target table is emptied and a checkpoint taken; the five ways of storing the rows (API, the API\'s upsert alone, COPY, COPY with foreign keys, one COPY stream) rotate which goes first from run to run. After the runs the rows stored by the API and by COPY are compared column by column (all but the generated id) and must be identical. Reference records (8 teams, 60 services, 400 responders, 2,000 incidents) are ingested once, untimed, and analysed.',
  'CPU seconds are read from /proc for the API process, all PostgreSQL processes and the bench itself during each timed run, and for the whole machine: a run in which anything else (a build, a test run, the hypervisor) took more than 10% of the CPU is reported under "Where the time goes".',
  'Analytics: the load generator is the bench\'s own (`src/load-generator.ts`: 8 keep-alive `fetch` clients, closed loop); 100 requests per endpoint and run, none started after 30 s once each connection sent one (16 requests and 5 s below scale 1, where the analytics and dashboard figures also read only the demo\'s last 28 days). An endpoint or page that answers an error is a ❌ row with the error. Before the runs each endpoint gets one request, then one from every connection unless that first request took over 2 s (the endpoint is warm then, and a round of 8 would take minutes). The target compares each endpoint\'s p95 with one scan of the raw events, so it only means something at the default scale: at scale 1 a count(*) of 150,000 rows takes milliseconds and every row misses it.',
  'Memory: peak RSS from /proc (VmHWM, VmRSS sampled every 20 ms) and getrusage; the target ≤ 1.5 for 4× the data is the bench\'s reading of "bounded". Dashboard: Debian\'s Chromium (`/usr/bin/chromium`, or `CHROMIUM_PATH`) driven by playwright-core.',
  'Timing is never asserted in tests (`npm test` runs the harness at `--scale 0.01 --runs 1` to check that every figure can be measured); these figures are read, not enforced, and the command exits 0 when a target is missed.',
];

/** The commit the measured build came from, and whether the tree had changes (none outside a git checkout). */
function sourceRevision(): Array<[string, string]> {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return [['Source', `commit ${git('rev-parse', '--short=12', 'HEAD')}${dirty ? ' with uncommitted changes' : ''}`]];
  } catch {
    return [];
  }
}

const USAGE = `usage: npm run bench [-- --scale S] [--runs N] [--only ${FIGURES.map((f) => f.id).join(',')}] [--profile DIR] [--out FILE]
  --scale S      data volume multiplier (default ${DEFAULT_SCALE}: ingest 2M activity, 500k alerts, 500k pages; demo organisation ≈ 9.7M events; --scale 1 for a quick run)
  --runs N       runs per measurement (default 3)
  --only IDS     run only these figures
  --profile DIR  also write a CPU profile of the API and SQL statistics to DIR (slower; results go to DIR/RESULTS.md)
  --out FILE     where to write the markdown report (default bench/RESULTS.md)`;

class UsageError extends Error {}

/** The error's stack, then each `cause` under it: a failed `fetch` says why only in its cause (ECONNRESET, a timeout…). */
function describeError(error: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth++) {
    const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
    const code = e instanceof Error && 'code' in e ? ` [${String((e as { code: unknown }).code)}]` : '';
    lines.push(depth === 0 ? `${text}${code}` : `caused by: ${text}${code}`);
    e = e instanceof Error ? e.cause : undefined;
  }
  return lines.join('\n');
}

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      scale: { type: 'string', default: DEFAULT_SCALE },
      runs: { type: 'string', default: '3' },
      only: { type: 'string' },
      profile: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const scale = Number(values.scale);
  if (!(scale > 0) || !Number.isFinite(scale) || !Number.isInteger(scale * VOLUME_AT_SCALE_1.alerts)) {
    throw new UsageError(`--scale must be a positive number that gives whole record counts, e.g. 0.5, 1 or 4 (got ${values.scale})`);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs must be a whole number ≥ 1 (got ${values.runs})`);
  const ids = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = ids?.filter((id) => !FIGURES.some((f) => f.id === id)) ?? [];
  if (unknown.length > 0) throw new UsageError(`unknown figure(s) ${unknown.join(', ')}; one of ${FIGURES.map((f) => f.id).join(', ')}`);
  const profileDir = values.profile ? resolve(values.profile) : undefined;
  return {
    scale,
    runs,
    figures: ids ? FIGURES.filter((f) => ids.includes(f.id)) : FIGURES,
    profileDir,
    out: values.out ? resolve(values.out) : profileDir ? resolve(profileDir, 'RESULTS.md') : RESULTS_FILE,
  };
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof options>;
  try {
    opts = options();
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
  if (opts.profileDir) await mkdir(opts.profileDir, { recursive: true });

  const cleanup = new Cleanup();
  const started = Date.now();
  const ctx: FigureContext = {
    scale: opts.scale,
    runs: opts.runs,
    log: pino({ level: 'warn', base: { service: 'firewatch-bench' } }, pino.destination(2)),
    cleanup,
    profileDir: opts.profileDir,
    facts: new Map(sourceRevision()),
    findings: [],
    progress: (message) => process.stderr.write(`bench [${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`),
  };
  cleanup.handleSignals();

  const rows: FigureRow[] = [];
  let current: Figure | undefined;
  try {
    for (const figure of opts.figures) {
      ctx.progress(`${figure.title}…`);
      current = figure;
      rows.push(...(await figure.run(ctx)));
      // The demo stack the reading figures share stays up until the last of them is done.
      if (!opts.figures.slice(opts.figures.indexOf(figure) + 1).some((f) => f.readsDemoApi)) await stopSharedDemoApi(ctx);
    }
  } catch (error) {
    const interrupted = cleanup.signal.aborted;
    if (!interrupted) {
      const what = current ? `figure "${current.id}" (${current.title}) could not be measured` : 'failed';
      process.stderr.write(`bench: ${what}: ${describeError(error)}\n`);
    }
    await cleanup.runAll();
    process.exit(interrupted ? 130 : 1);
  }
  await cleanup.runAll();

  const args = process.argv.slice(2);
  const v = VOLUME_AT_SCALE_1;
  const s = opts.scale;
  const report = renderReport({
    command: `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
    date: new Date(),
    scale: s,
    runs: opts.runs,
    volume: `ingest ${(v.activity * s).toLocaleString('en')} activity items, ${(v.alerts * s).toLocaleString('en')} alerts, ${(v.pages * s).toLocaleString('en')} pages; demo organisation at scale ${demoScaleFor(s)}`,
    facts: ctx.facts,
    rows,
    findings: ctx.findings,
    limits: [...(opts.profileDir ? ['This was a profiled run (`--profile`): the API ran under `--cpu-prof` and PostgreSQL with pg_stat_statements, so figures are lower than usual.'] : []), ...LIMITS],
  });
  await writeFile(opts.out, report);
  process.stdout.write(`${resultsTable(rows)}\n\nReport written to ${opts.out}\n`);
}

await main();
