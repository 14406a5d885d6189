import type pg from 'pg';
import { queryRangeFor, sharedDemoApi } from '../demo-database.js';
import { row, type Figure, type FigureContext, type FigureRow } from '../figure.js';
import { generateLoad, quantile } from '../load-generator.js';
import { pairedRatio, summarise } from '../stats.js';

/** Concurrent connections of the load generator, as the issue specifies. */
const CONNECTIONS = 8;
/** Requests per endpoint and run: enough for a p95 at scale ≥ 1; the self-test's tiny scales send fewer. */
const requestsFor = (scale: number): number => (scale >= 1 ? 100 : 16);
/** No request is started after this once every connection has sent one (an endpoint taking seconds per request). */
const budgetMsFor = (scale: number): number => (scale >= 1 ? 30_000 : 5_000);
/** An endpoint whose first request took longer than this is not warmed again with every connection (it is warm, and it would take minutes). */
const CONCURRENT_WARMUP_MAX_MS = 2_000;
/** p95 of every endpoint at most a tenth of one scan of the raw events: no endpoint may scan them. */
const TARGET = { maxRatio: 0.1 };
const COUNT_SQL = 'SELECT count(*) FROM activity';

interface Endpoint {
  name: string;
  path: string;
  /** Query parameters besides the range. */
  query?: Record<string, string>;
  /** Reported as "not available" instead of failing when it does not answer 200 (a page still being built). */
  optional?: boolean;
}

/** The endpoints behind the dashboard's pages (SPEC §3), each over the demo's whole range. */
export const ANALYTICS_ENDPOINTS: readonly Endpoint[] = [
  { name: 'overview', path: '/api/v1/analytics/overview', optional: true },
  { name: 'workload', path: '/api/v1/analytics/workload' },
  { name: 'seasonality', path: '/api/v1/analytics/seasonality' },
  { name: 'services', path: '/api/v1/analytics/services' },
  { name: 'causes', path: '/api/v1/analytics/causes' },
  { name: 'noise', path: '/api/v1/analytics/noise' },
  { name: 'readiness', path: '/api/v1/analytics/readiness' },
  { name: 'incident list', path: '/api/v1/incidents', query: { kind: 'all' } },
];

/** Milliseconds of one `SELECT count(*) FROM activity`, as the bench's own connection receives it. */
async function countMs(client: pg.Client): Promise<number> {
  const t0 = performance.now();
  await client.query(COUNT_SQL);
  return performance.now() - t0;
}

interface Samples {
  p50: number[];
  p95: number[];
  count: number[];
  /** Requests completed per run (fewer than asked when the time budget ran out). */
  requests: number[];
  bytes: number;
}

export const analyticsFigure: Figure = {
  id: 'analytics',
  readsDemoApi: true,
  title: 'Analytics endpoints',
  async run(ctx: FigureContext): Promise<FigureRow[]> {
    const stack = await sharedDemoApi(ctx, 'analytics');
    const { api, readToken, db } = stack;
    const range = queryRangeFor(ctx.scale, stack.range);
    const headers = { authorization: `Bearer ${readToken}`, accept: 'application/json' };
    const urlOf = (e: Endpoint) => `${api.url}${e.path}?${new URLSearchParams({ from: range.from, to: range.to, ...e.query })}`;
    const requests = requestsFor(ctx.scale);
    const budgetMs = budgetMsFor(ctx.scale);

    // Which endpoints this build has; one request each also warms the API and PostgreSQL's caches.
    // An endpoint that fails (an error, a statement timeout at a large scale) is a ❌ row, not the end of the run.
    const unavailable = new Map<string, string>();
    const failed = new Map<string, string>();
    const attempt = async (e: Endpoint, work: () => Promise<void>): Promise<void> => {
      try {
        await work();
      } catch (error) {
        ctx.cleanup.signal.throwIfAborted();
        const why = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
        failed.set(e.name, why);
        ctx.progress(`analytics: ${e.name} failed: ${why.slice(0, 300)}`);
      }
    };
    const firstMs = new Map<string, number>();
    for (const e of ANALYTICS_ENDPOINTS) {
      await attempt(e, async () => {
        const t0 = performance.now();
        const res = await fetch(urlOf(e), { headers, signal: ctx.cleanup.signal });
        const text = await res.text();
        firstMs.set(e.name, performance.now() - t0);
        if (res.status === 200) return;
        const why = `GET ${e.path} answered ${res.status}`;
        if (e.optional) unavailable.set(e.name, why);
        else throw new Error(`${why} after ${Math.round(performance.now() - t0)} ms: ${text.slice(0, 300)}`);
      });
    }
    const live = () => ANALYTICS_ENDPOINTS.filter((e) => !unavailable.has(e.name) && !failed.has(e.name));
    for (const e of live().filter((x) => firstMs.get(x.name)! <= CONCURRENT_WARMUP_MAX_MS)) {
      await attempt(e, () => generateLoad({ url: urlOf(e), headers, connections: CONNECTIONS, requests: CONNECTIONS, budgetMs: 0, signal: ctx.cleanup.signal }).then(() => undefined));
    }

    const samples = new Map<string, Samples>(live().map((e) => [e.name, { p50: [], p95: [], count: [], requests: [], bytes: 0 }]));
    for (let run = 0; run < ctx.runs; run++) {
      for (const e of live()) {
        const s = samples.get(e.name)!;
        await attempt(e, async () => {
          // The baseline scan right before (even runs) or right after (odd runs) the endpoint's load.
          const before = run % 2 === 0 ? await countMs(db.client) : undefined;
          const load = await generateLoad({ url: urlOf(e), headers, connections: CONNECTIONS, requests, budgetMs, signal: ctx.cleanup.signal });
          s.count.push(before ?? (await countMs(db.client)));
          s.p50.push(quantile(load.latenciesMs, 0.5));
          s.p95.push(quantile(load.latenciesMs, 0.95));
          s.bytes = load.bytes / load.latenciesMs.length;
          s.requests.push(load.latenciesMs.length);
        });
      }
      const line = live().map((e) => `${e.name} ${Math.round(samples.get(e.name)!.p95.at(-1)!)}`).join(', ');
      ctx.progress(`analytics: run ${run + 1}/${ctx.runs}: p95 ms ${line}${failed.size > 0 ? `; failed: ${[...failed.keys()].join(', ')}` : ''}`);
    }
    for (const [name, why] of failed) ctx.findings.push(`⚠️ Analytics: ${name} failed under load: ${why}`);

    const note =
      `${requests} GET requests per endpoint and run from ${CONNECTIONS} concurrent keep-alive connections (the bench's own load generator; none started after ${budgetMs / 1000} s once each connection sent one), ` +
      `over ${range.from === stack.range.from ? "the demo's whole range" : 'the last days of the demo (self-test scale)'} ${range.from} to ${range.to} (exclusive), read token; ${stack.events.toLocaleString('en')} activity events. ` +
      `Baseline: one \`${COUNT_SQL}\` on the bench's connection, right before or after the endpoint's load in the same run (alternating).`;
    const rows: FigureRow[] = [];
    for (const e of ANALYTICS_ENDPOINTS) {
      const s = samples.get(e.name);
      if (failed.has(e.name)) {
        rows.push({ ...row({ figure: 'Analytics', name: `${e.name}: p95 (${e.path})`, unit: 'ms', unavailable: `failed: ${failed.get(e.name)!.slice(0, 200)}`, target: TARGET, note }), pass: false });
        continue;
      }
      if (!s) {
        rows.push(row({ figure: 'Analytics', name: `${e.name}: p95 (${e.path})`, unit: 'ms', unavailable: unavailable.get(e.name), note }));
        continue;
      }
      const baseline = { name: 'count(*) of activity', value: summarise(s.count) };
      rows.push(
        row({
          figure: 'Analytics',
          name: `${e.name}: p95 (${e.path}, ${Math.round(s.bytes / 1024)} kB, ${Math.min(...s.requests)}${Math.min(...s.requests) < requests ? ` of ${requests}` : ''} requests)`,
          unit: 'ms',
          value: summarise(s.p95),
          baseline,
          ratio: pairedRatio(s.p95, s.count),
          target: TARGET,
          note,
        }),
        row({
          figure: 'Analytics',
          name: `${e.name}: p50`,
          unit: 'ms',
          value: summarise(s.p50),
          baseline,
          ratio: pairedRatio(s.p50, s.count),
          note,
        }),
      );
    }
    return rows;
  },
};
