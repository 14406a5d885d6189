import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startApi } from '../api-process.js';
import { postgresVersion, startPostgres, tempDir } from '../database.js';
import { row, type Figure, type FigureContext } from '../figure.js';
import { postgresProcessesIn } from '../proc.js';
import { readCpuProfile, renderCpuProfileSummary } from '../profile/cpu-profile.js';
import { pairedRatio, summarise } from '../stats.js';

/** Milliseconds to start the app's embedded PostgreSQL alone (in this process) and stop it again. */
async function barePostgresStartMs(ctx: FigureContext, dataDir: string): Promise<number> {
  const t0 = performance.now();
  const server = await startPostgres(ctx, dataDir, { persistent: true });
  const ms = performance.now() - t0;
  if (!ctx.facts.has('PostgreSQL')) ctx.facts.set('PostgreSQL', await postgresVersion(server.url));
  await server.stop();
  return ms;
}

const PROFILE_NAME = 'api-startup-existing.cpuprofile';

/** When profiling, the first start on an existing data dir runs under `--cpu-prof`. */
const profileFlags = (ctx: FigureContext, run: number, state: 'empty' | 'existing'): string[] =>
  ctx.profileDir && run === 0 && state === 'existing' ? ['--cpu-prof', `--cpu-prof-dir=${ctx.profileDir}`, `--cpu-prof-name=${PROFILE_NAME}`] : [];

async function reportStartupProfile(ctx: FigureContext, dir: string): Promise<void> {
  const summary = await readCpuProfile(join(dir, PROFILE_NAME));
  await writeFile(join(dir, 'startup-api-cpu.md'), `# CPU of the API process from spawn to ready (existing data dir)\n\n${renderCpuProfileSummary(summary)}\n`);
  const busy = summary.totalMs - summary.idleMs;
  const top = summary.selfByCategory.slice(0, 6).map((s) => `${s.name} ${Math.round(s.ms)} ms`).join(', ');
  ctx.findings.push(`Profile: start-up on an existing data dir, API process busy ${Math.round(busy)} ms of ${Math.round(summary.totalMs)} ms; self time: ${top} (details in ${join(dir, 'startup-api-cpu.md')}).`);
}

/** The API must take its PostgreSQL down with it on SIGTERM. */
function assertNothingLeft(dir: string): void {
  const left = postgresProcessesIn(dir);
  if (left.length > 0) throw new Error(`PostgreSQL processes ${left.join(', ')} still run on ${dir} after the API stopped`);
}

export const startupFigure: Figure = {
  id: 'startup',
  title: 'Start-up',
  async run(ctx) {
    const bare = { empty: [] as number[], existing: [] as number[] };
    const api = { empty: [] as number[], existing: [] as number[], stop: [] as number[] };
    for (let run = 0; run < ctx.runs; run++) {
      // Baseline: the same embedded PostgreSQL started without the app (initdb + start, then start).
      const pgDir = await tempDir(ctx, 'start-pg');
      bare.empty.push(await barePostgresStartMs(ctx, pgDir.path));
      bare.existing.push(await barePostgresStartMs(ctx, pgDir.path));
      await pgDir.remove();

      // `npm start` without the build: spawn → `GET /api/health/ready` answers 200.
      const dataDir = await tempDir(ctx, 'start-api');
      for (const state of ['empty', 'existing'] as const) {
        const server = await startApi({ FIREWATCH_DATA_DIR: dataDir.path }, { cleanup: ctx.cleanup, nodeFlags: profileFlags(ctx, run, state) });
        api[state].push(server.readyMs);
        api.stop.push(await server.stop());
        assertNothingLeft(dataDir.path);
      }
      await dataDir.remove();
      if (run === 0 && ctx.profileDir) await reportStartupProfile(ctx, ctx.profileDir);
      ctx.progress(`start-up: run ${run + 1}/${ctx.runs}: empty ${Math.round(api.empty.at(-1)!)} ms, existing ${Math.round(api.existing.at(-1)!)} ms`);
    }
    const note = 'Informative (no target): spawn of `node apps/api/dist/main.js` with FIREWATCH_DATA_DIR until /api/health/ready answers 200; baseline: the embedded PostgreSQL alone, started by the same function in the bench process.';
    return [
      row({
        figure: 'Start-up',
        name: 'empty data dir (initdb, migrations) to ready',
        unit: 'ms',
        value: summarise(api.empty),
        baseline: { name: 'PostgreSQL initdb + start', value: summarise(bare.empty) },
        ratio: pairedRatio(api.empty, bare.empty),
        note,
      }),
      row({
        figure: 'Start-up',
        name: 'existing data dir to ready',
        unit: 'ms',
        value: summarise(api.existing),
        baseline: { name: 'PostgreSQL start', value: summarise(bare.existing) },
        ratio: pairedRatio(api.existing, bare.existing),
        note,
      }),
      row({
        figure: 'Start-up',
        name: 'SIGTERM to exit (HTTP and PostgreSQL stopped)',
        unit: 'ms',
        value: summarise(api.stop),
        note: 'Informative: every stop of the runs above; no postgres process is left on the data dir (checked).',
      }),
    ];
  },
};
