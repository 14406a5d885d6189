import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startApi } from '../api-process.js';
import { createApiToken, startBenchDatabase } from '../database.js';
import { activityItems, alertItems, pageItems, referenceData, VOLUME_AT_SCALE_1 } from '../dataset.js';
import { row, type Figure, type FigureContext, type FigureRow } from '../figure.js';
import { ingestAll, prepareIngest } from '../ingest-client.js';
import { residentMemoryOf, resetPeakResidentMemory, sampleResidentMemory } from '../proc.js';
import { pairedRatio, summarise } from '../stats.js';
import { CONCURRENT_CLIENTS } from './ingest.js';

/** The CLI `npm run workload:rebuild` runs (a process of its own, on the same database). */
const REBUILD_CLI_JS = fileURLToPath(import.meta.resolve('@firewatch/api/cli/workload-rebuild.js'));
/** The smaller dataset is this many times smaller than the bench scale's. */
const SHRINK = 4;
/** Peak RSS with 4× the data at most 1.5× the peak with the smaller data: memory does not follow the raw events. */
const TARGET = { maxRatio: 1.5 };
const MIB = 2 ** 20;
/** Preloaded into the rebuild CLI: prints the process's own peak RSS (getrusage ru_maxrss, KiB) as it exits. */
const PEAK_PRELOAD = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`\\nfirewatch-bench-max-rss-kib=${process.resourceUsage().maxRSS}\\n`))';

interface Peaks {
  /** Items ingested (activity + alerts + pages). */
  items: number;
  /** API process: RSS once ready, before any data. */
  apiIdle: number;
  /** API process: peak RSS while ingesting and while its worker drains the workload queue the ingest filled. */
  apiIngest: number;
  /** The rebuild CLI's peak RSS (its whole life). */
  rebuild: number;
  /** Workload windows still queued for the API's worker when the last batch was answered. */
  queuedAfterIngest: number;
}

/** Runs the workload rebuild CLI against `databaseUrl`; resolves with its peak RSS in bytes. */
async function rebuildPeak(ctx: FigureContext, databaseUrl: string): Promise<number> {
  const { NODE_OPTIONS: _n, FIREWATCH_DATA_DIR: _f, ...env } = process.env;
  const child = spawn(process.execPath, [`--import=${PEAK_PRELOAD}`, REBUILD_CLI_JS], {
    env: { ...env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = ctx.cleanup.defer(`stop the workload rebuild (pid ${child.pid})`, () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const sampler = sampleResidentMemory(child.pid!);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const sampled = sampler.stop();
  await kill();
  if (code !== 0) throw new Error(`the workload rebuild CLI exited with ${code ?? child.signalCode}:\n${output}`);
  const reported = /firewatch-bench-max-rss-kib=(\d+)/.exec(output);
  if (!reported) throw new Error(`the workload rebuild CLI did not report its peak RSS:\n${output}`);
  // getrusage is exact; the /proc samples can only be lower (they miss the last few milliseconds).
  return Math.max(Number(reported[1]) * 1024, sampled);
}

/** A fresh database and API; the bench dataset at `scale` ingested through the API, then the workload rebuilt by the CLI. */
async function measureAt(ctx: FigureContext, scale: number): Promise<Peaks> {
  const refs = referenceData();
  const counts = { activity: Math.round(VOLUME_AT_SCALE_1.activity * scale), alerts: Math.round(VOLUME_AT_SCALE_1.alerts * scale), pages: Math.round(VOLUME_AT_SCALE_1.pages * scale) };
  // Every body is built before the API starts (see prepareIngest).
  const alerts = alertItems(counts.alerts, refs);
  const batches = [
    ...(['teams', 'services', 'responders', 'incidents'] as const).map((kind) => prepareIngest(kind, refs[kind])),
    prepareIngest('activity', activityItems(counts.activity, refs)),
    prepareIngest('alerts', alerts),
    prepareIngest('pages', pageItems(counts.pages, alerts, refs)),
  ];
  const db = await startBenchDatabase(ctx);
  const token = await createApiToken(db.client, ['ingest']);
  const api = await startApi({ DATABASE_URL: db.url }, { cleanup: ctx.cleanup });
  const apiIdle = residentMemoryOf(api.pid)!.rss;
  // Peak from here on: start-up (Nest, TypeORM, migrations check) is not ingest.
  resetPeakResidentMemory(api.pid);
  const sampler = sampleResidentMemory(api.pid);

  try {
    for (const batch of batches) await ingestAll(api.url, token, batch, CONCURRENT_CLIENTS, ctx.cleanup.signal);
  } catch (error) {
    // Say whether the API is still there and what it printed: a failed fetch alone does not tell.
    const alive = residentMemoryOf(api.pid) !== undefined;
    throw new Error(`ingest at scale ${scale} failed; the API (pid ${api.pid}) is ${alive ? 'still running' : 'gone'}; its output:\n${api.output().slice(-4_000)}`, { cause: error });
  }
  const apiIngest = Math.max(residentMemoryOf(api.pid)!.peak, sampler.stop());
  // The API's worker recomputes the windows the ingest queued in the background, during the ingest
  // and after it; the CLI's full rebuild below replaces whatever it has not done yet.
  const { rows: queue } = await db.client.query<{ n: number }>('SELECT count(*)::int AS n FROM workload_queue');
  await api.stop();

  ctx.progress(`memory: scale ${scale}: workload rebuild CLI`);
  const rebuild = await rebuildPeak(ctx, db.url);
  const { rows } = await db.client.query<{ n: number }>('SELECT count(*)::int AS n FROM work_segments');
  if (counts.activity > 0 && rows[0]!.n === 0) throw new Error('the workload rebuild CLI wrote no work segments');
  await db.stop();
  return { items: counts.activity + counts.alerts + counts.pages, apiIdle, apiIngest, rebuild, queuedAfterIngest: queue[0]!.n };
}

const mib = (bytes: number) => bytes / MIB;

export const memoryFigure: Figure = {
  id: 'memory',
  title: 'Memory',
  async run(ctx: FigureContext): Promise<FigureRow[]> {
    const large: Peaks[] = [];
    const small: Peaks[] = [];
    const smallScale = ctx.scale / SHRINK;
    for (let run = 0; run < ctx.runs; run++) {
      // Alternate which size goes first.
      for (const which of run % 2 === 0 ? (['large', 'small'] as const) : (['small', 'large'] as const)) {
        const scale = which === 'large' ? ctx.scale : smallScale;
        ctx.progress(`memory: run ${run + 1}/${ctx.runs}: scale ${scale}`);
        (which === 'large' ? large : small).push(await measureAt(ctx, scale));
      }
      const [l, s] = [large.at(-1)!, small.at(-1)!];
      ctx.progress(`memory: run ${run + 1}/${ctx.runs}: API ingest peak ${mib(l.apiIngest).toFixed(0)} vs ${mib(s.apiIngest).toFixed(0)} MiB, rebuild CLI ${mib(l.rebuild).toFixed(0)} vs ${mib(s.rebuild).toFixed(0)} MiB`);
    }
    const dataRatio = large[0]!.items / small[0]!.items;
    ctx.findings.push(
      `Memory: when the last ingest batch was answered, the API's workload worker still had ${summarise(large.map((p) => p.queuedAfterIngest)).median.toLocaleString('en')} windows queued at scale ${ctx.scale} ` +
        `(${summarise(small.map((p) => p.queuedAfterIngest)).median.toLocaleString('en')} at scale ${smallScale}); the API was stopped there and the CLI's full rebuild replaced them.`,
    );
    const sizes = `${large[0]!.items.toLocaleString('en')} items (scale ${ctx.scale}) vs ${small[0]!.items.toLocaleString('en')} (scale ${smallScale}), ${dataRatio.toFixed(1)}× the data`;
    const pair = (f: (p: Peaks) => number, name: string) => ({
      value: summarise(large.map((p) => mib(f(p)))),
      baseline: { name, value: summarise(small.map((p) => mib(f(p)))) },
      ratio: pairedRatio(large.map(f), small.map(f)),
    });
    return [
      row({
        figure: 'Memory',
        name: `API peak RSS during ingest, ${dataRatio.toFixed(0)}× the data`,
        unit: 'MiB',
        ...pair((p) => p.apiIngest, `with 1/${SHRINK} of the data`),
        target: TARGET,
        note:
          `${sizes}: references, activity, alerts and pages through POST /api/v1/ingest/{kind} (batches of 10,000, ${CONCURRENT_CLIENTS} clients) into a fresh database, ` +
          "while the API's worker recomputes the workload windows the ingest queues. Peak = VmHWM of the API process (reset once it was ready) and /proc samples every 20 ms, read when the last batch is answered. " +
          `A peak that followed the data would give a ratio near ${dataRatio.toFixed(0)}; the target (≤ ${TARGET.maxRatio}) is the bench's reading of "bounded".`,
      }),
      row({
        figure: 'Memory',
        name: `workload rebuild (CLI) peak RSS, ${dataRatio.toFixed(0)}× the data`,
        unit: 'MiB',
        ...pair((p) => p.rebuild, `with 1/${SHRINK} of the data`),
        target: TARGET,
        note: `Full recompute of the stored workload of the same databases by \`node apps/api/dist/cli/workload-rebuild.js\` (what \`npm run workload:rebuild\` runs), a process of its own: its peak RSS from getrusage (ru_maxrss) as it exits.`,
      }),
      row({
        figure: 'Memory',
        name: 'API RSS once ready, before any data',
        unit: 'MiB',
        value: summarise([...large, ...small].map((p) => mib(p.apiIdle))),
        note: 'Informative: what the API process holds before the first request (Node.js, Nest, TypeORM, pg pool).',
      }),
    ];
  },
};
