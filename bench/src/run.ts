import 'reflect-metadata'; // before the API's modules: some are Nest providers
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { Cleanup } from './cleanup.js';
import { VOLUME_AT_SCALE_1 } from './dataset.js';
import type { Figure, FigureContext, FigureRow } from './figure.js';
import { ingestFigure } from './figures/ingest.js';
import { startupFigure } from './figures/startup.js';
import { workloadFigure } from './figures/workload.js';
import { renderReport, resultsTable } from './report.js';

/** Every figure, in the order they run. A new figure is one module under figures/ added here. */
const FIGURES: readonly Figure[] = [ingestFigure, workloadFigure, startupFigure];

const RESULTS_FILE = fileURLToPath(new URL('../RESULTS.md', import.meta.url));

const LIMITS = [
  'Scale 1 is 200,000 activity items, 50,000 alerts and 50,000 pages generated from a seeded PRNG (the same rows on every run and machine); `--scale S` multiplies them. The 10M-event scale of the issue needs the demo-organisation generator, which does not exist yet: these figures are for the ingest path and start-up only, on a small database.',
  'Each run starts a fresh embedded PostgreSQL (the app\'s own, with its default settings) in a temp dir, applies the migrations and talks to the built API (`node apps/api/dist/main.js`) over HTTP on loopback with `FIREWATCH_DEMO=off`, `LOG_LEVEL=warn` and the rate limit lifted. The benchmark client, the API and PostgreSQL share the machine\'s cores.',
  'Ingest: before each timed run the target table is emptied and a checkpoint taken; the five ways of storing the rows (API, the API\'s upsert alone, COPY, COPY with foreign keys, one COPY stream) rotate which goes first from run to run. After the runs the rows stored by the API and by COPY are compared column by column (all but the generated id) and must be identical. Reference records (8 teams, 60 services, 400 responders, 2,000 incidents) are ingested once, untimed, and analysed.',
  'CPU seconds are read from /proc for the API process, all PostgreSQL processes and the bench itself during each timed run, and for the whole machine: a run in which anything else (a build, a test run, the hypervisor) took more than 10% of the CPU is reported under "Where the time goes".',
  'At scale 1 a COPY of 50,000 alerts or pages takes under a second, so its spread is wide; `--scale 4 --runs 5` gives tighter figures in 10–15 minutes.',
  'Not measured yet (their features do not exist): workload recompute, analytics endpoints, memory, dashboard size.',
  'Timing is never asserted in unit tests; these figures are read, not enforced, and the command exits 0 when a target is missed.',
];

const USAGE = `usage: npm run bench [-- --scale S] [--runs N] [--only ${FIGURES.map((f) => f.id).join(',')}] [--profile DIR] [--out FILE]
  --scale S      data volume multiplier (default 1: 200k activity, 50k alerts, 50k pages)
  --runs N       runs per measurement (default 3)
  --only IDS     run only these figures
  --profile DIR  also write a CPU profile of the API and SQL statistics to DIR (slower; results go to DIR/RESULTS.md)
  --out FILE     where to write the markdown report (default bench/RESULTS.md)`;

class UsageError extends Error {}

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      scale: { type: 'string', default: '1' },
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
    facts: new Map(),
    findings: [],
    progress: (message) => process.stderr.write(`bench [${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`),
  };
  cleanup.handleSignals();

  const rows: FigureRow[] = [];
  try {
    for (const figure of opts.figures) {
      ctx.progress(`${figure.title}…`);
      rows.push(...(await figure.run(ctx)));
    }
  } catch (error) {
    const interrupted = cleanup.signal.aborted;
    if (!interrupted) process.stderr.write(`bench: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
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
    volume: `${(v.activity * s).toLocaleString('en')} activity items, ${(v.alerts * s).toLocaleString('en')} alerts, ${(v.pages * s).toLocaleString('en')} pages`,
    facts: ctx.facts,
    rows,
    findings: ctx.findings,
    limits: [...(opts.profileDir ? ['This was a profiled run (`--profile`): the API ran under `--cpu-prof` and PostgreSQL with pg_stat_statements, so figures are lower than usual.'] : []), ...LIMITS],
  });
  await writeFile(opts.out, report);
  process.stdout.write(`${resultsTable(rows)}\n\nReport written to ${opts.out}\n`);
}

await main();
