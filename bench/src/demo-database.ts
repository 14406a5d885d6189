import type { DemoManifest } from '@firewatch/api/demo/demo-manifest.js';
import { isoDateOf } from '@firewatch/api/demo/demo-time.js';
import { generateDemo } from '@firewatch/api/demo/generate-demo.js';
import { loadDemo } from '@firewatch/api/demo/load-demo.js';
import { DataSource } from 'typeorm';
import { NoiseFactsRepository } from '@firewatch/api/analytics/noise/facts/noise-facts.repository.js';
import { NoiseFactsService } from '@firewatch/api/analytics/noise/facts/noise-facts.service.js';
import { WorkloadRebuildService } from '@firewatch/api/analytics/workload/workload-rebuild.service.js';
import { WorkloadRepository } from '@firewatch/api/analytics/workload/workload.repository.js';
import { dataSourceOptions } from '@firewatch/api/database/data-source-options.js';
import { startApi, type ApiProcess } from './api-process.js';
import { createApiToken, startBenchDatabase, type BenchDatabase } from './database.js';
import type { FigureContext } from './figure.js';
import { servedDashboard } from './served-dashboard.js';

/** Last day (exclusive) of every demo the bench loads: fixed, so every run and machine computes over the same data. */
export const DEMO_END = '2026-11-01';

/**
 * The demo organisation the figures that compute over it load at bench scale S: round(S), at least 1.
 * The generator has no smaller size (scale 1 = one division ≈ 150k activity events over 18 months),
 * so any `--scale` below 1 (the self-test's 0.01) gets the scale-1 demo; scale 10 ≈ 9.5M events.
 */
export const demoScaleFor = (scale: number): number => Math.max(1, Math.round(scale));

/** Days the self-test's figures read (below scale 1): the demo cannot be smaller, the range can. */
const SELF_TEST_DAYS = 28;

/**
 * The range the analytics and dashboard figures read: the demo's whole range (18 months), or below
 * scale 1 (the self-test's `--scale 0.01`) only its last 28 days, so that `npm test` stays quick
 * while every endpoint and page still runs over real data.
 */
export function queryRangeFor(scale: number, range: { from: string; to: string }): { from: string; to: string } {
  if (scale >= 1) return range;
  return { from: isoDateOf(Date.parse(`${range.to}T00:00:00Z`) - SELF_TEST_DAYS * 86_400_000), to: range.to };
}

export interface DemoDatabase {
  db: BenchDatabase;
  demoScale: number;
  /** Activity events stored. */
  events: number;
  /** The demo's whole range, as the API takes it: `from` included, `to` the first day not included. */
  range: { from: string; to: string };
  manifest: DemoManifest;
}

/**
 * A fresh bench database (see `startBenchDatabase`) holding the demo organisation (seed 1, ending
 * DEMO_END) at the bench scale, loaded with COPY as `npm run seed` loads it, then analysed.
 */
export async function startDemoDatabase(ctx: FigureContext, figure: string): Promise<DemoDatabase> {
  const db = await startBenchDatabase(ctx);
  const demoScale = demoScaleFor(ctx.scale);
  ctx.progress(`${figure}: generating and loading the demo organisation at scale ${demoScale}`);
  const dataset = generateDemo({ scale: demoScale, seed: 1, end: DEMO_END });
  const loaded = await loadDemo(db.client, dataset);
  const events = loaded.counts.activity ?? 0;
  if (events === 0) throw new Error('the demo organisation loaded no activity events');
  ctx.facts.set('Demo dataset', `demo organisation at scale ${demoScale}: ${events.toLocaleString('en')} activity events, ${(loaded.counts.incidents ?? 0).toLocaleString('en')} incidents`);
  return {
    db,
    demoScale,
    events,
    range: { from: isoDateOf(dataset.plan.fromMs), to: DEMO_END },
    manifest: loaded.manifest,
  };
}

/** A TypeORM data source of the API's own repositories on the bench database, closed by the returned function or the cleanup. */
export async function benchDataSource(ctx: FigureContext, db: BenchDatabase, poolSize: number): Promise<{ dataSource: DataSource; close(): Promise<void> }> {
  const dataSource = new DataSource(dataSourceOptions(db.url, { poolSize, applicationName: 'firewatch-bench' }));
  await dataSource.initialize();
  return { dataSource, close: ctx.cleanup.defer('close a bench data source', () => dataSource.destroy()) };
}

/**
 * Computes every maintained fact from the raw rows, as `npm run analytics:rebuild` does: the stored
 * workload (work_segments) and the noise facts (alert_facts, page_facts).
 */
export async function rebuildAnalytics(ctx: FigureContext, db: BenchDatabase): Promise<void> {
  const { dataSource, close } = await benchDataSource(ctx, db, 2);
  try {
    const workload = new WorkloadRepository(dataSource);
    await new WorkloadRebuildService(workload).rebuildAll();
    await NoiseFactsService.standalone(new NoiseFactsRepository(dataSource), workload).rebuildAll();
  } finally {
    await close();
  }
}

export interface DemoApi extends DemoDatabase {
  api: ApiProcess;
  /** A token with the `read` scope (authentication is on, as with every DATABASE_URL). */
  readToken: string;
  stop(): Promise<void>;
}

const shared = new WeakMap<FigureContext, Promise<DemoApi>>();

/**
 * The demo organisation with its workload computed, served by the built API (`npm start`'s
 * `node apps/api/dist/main.js` on the bench database): what the dashboard and the analytics
 * endpoints read. Loaded once per benchmark run and shared by the figures that only read it
 * (`Figure.readsDemoApi`); run.ts stops it after the last of them (`stopSharedDemoApi`).
 */
export function sharedDemoApi(ctx: FigureContext, figure: string): Promise<DemoApi> {
  let stack = shared.get(ctx);
  if (!stack) {
    stack = startDemoApi(ctx, figure);
    shared.set(ctx, stack);
  }
  return stack;
}

/** Stops the shared demo stack, if one was started. */
export async function stopSharedDemoApi(ctx: FigureContext): Promise<void> {
  const stack = shared.get(ctx);
  if (!stack) return;
  shared.delete(ctx);
  await (await stack).stop();
}

async function startDemoApi(ctx: FigureContext, figure: string): Promise<DemoApi> {
  const demo = await startDemoDatabase(ctx, figure);
  ctx.progress(`${figure}: computing the workload and noise facts of ${demo.events.toLocaleString('en')} activity events`);
  await rebuildAnalytics(ctx, demo.db);
  await demo.db.client.query('VACUUM ANALYZE');
  const readToken = await createApiToken(demo.db.client, ['read']);
  const api = await startApi({ DATABASE_URL: demo.db.url, FIREWATCH_WEB_DIST: await servedDashboard(ctx) }, { cleanup: ctx.cleanup });
  return {
    ...demo,
    api,
    readToken,
    async stop() {
      await api.stop();
      await demo.db.stop();
    },
  };
}
