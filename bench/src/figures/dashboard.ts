import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { IncidentDetail, IncidentListResponse } from '@firewatch/shared';
import { queryRangeFor, sharedDemoApi, type DemoApi } from '../demo-database.js';
import { row, type Figure, type FigureContext, type FigureRow } from '../figure.js';
import { pairedRatio, summarise } from '../stats.js';

/** The SPA as `npm run build` writes it and the API serves it. */
const WEB_DIST = fileURLToPath(new URL('../../../apps/web/dist/', import.meta.url));
/** Debian's Chromium, as the browser tests use it (`CHROMIUM_PATH` overrides). */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Budget of the JS the first page load needs (the entry and what it preloads), gzipped. */
const INITIAL_JS_BUDGET_KB = 250;
/** A page may take at most twice as long as its own API calls alone. */
const RENDER_TARGET = { maxRatio: 2 };
/** Where the dashboard keeps the read token for the session (apps/web/src/data/read-token.ts). */
const READ_TOKEN_KEY = 'firewatch.readToken';
const PAGE_TIMEOUT_MS = 120_000;

/** The dashboard pages that draw analytics (SPEC §4); settings and definitions draw none. An incident's and a responder's page are added from the data (`recordPages`). */
export const DASHBOARD_PAGES = [
  { name: 'Overview', path: '/' },
  { name: 'Workload', path: '/workload' },
  { name: 'Seasonality', path: '/seasonality' },
  { name: 'Services & causes', path: '/services' },
  { name: 'Pager noise', path: '/noise' },
  { name: 'Readiness', path: '/readiness' },
  { name: 'Incidents', path: '/incidents' },
] as const;

interface DashboardPage {
  name: string;
  path: string;
}

/**
 * The pages of one incident and one responder (SPEC §4: the incident's work timeline, the responder's
 * load), chosen from the range the other pages read: the incident that took longest to resolve (the
 * most work to draw) and its responder with the most minutes on it.
 */
async function recordPages(stack: DemoApi, range: { from: string; to: string }): Promise<DashboardPage[]> {
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${stack.api.url}${path}`, { headers: { Authorization: `Bearer ${stack.readToken}`, Accept: 'application/json' } });
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const list = await get<IncidentListResponse>(`/api/v1/incidents?${new URLSearchParams({ ...range, sort: 'ttrMinutes', order: 'desc', pageSize: '1' })}`);
  const incident = list.items[0];
  if (!incident) throw new Error(`no incident declared in ${range.from} – ${range.to}`);
  const id = encodeURIComponent(incident.externalId);
  const detail = await get<IncidentDetail>(`/api/v1/incidents/${id}?${new URLSearchParams({ source: incident.source })}`);
  const pages = [{ name: 'Incident detail', path: `/incidents/${id}` }];
  const responder = detail.workload.responders[0];
  if (responder) pages.push({ name: 'Responder', path: `/responders/${encodeURIComponent(responder.externalId)}` });
  return pages;
}

/** Files of the JS the SPA's index.html loads before anything else: its module entry and its modulepreload links. */
export async function initialScripts(html: string): Promise<string[]> {
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
  const files: string[] = [];
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const isEntry = /^<script/i.test(tag) && /\stype\s*=\s*["']module["']/i.test(tag) && attr(tag, 'src');
    const isPreload = /^<link/i.test(tag) && attr(tag, 'rel')?.toLowerCase() === 'modulepreload' && attr(tag, 'href');
    const src = isEntry ? attr(tag, 'src') : isPreload ? attr(tag, 'href') : undefined;
    if (src && !files.includes(src)) files.push(src);
  }
  return files;
}

/** Gzipped bytes (zlib level 9, as a server precompressing its assets would) of each initial script. */
async function initialJsGzip(): Promise<{ files: Array<{ file: string; raw: number; gzip: number }> }> {
  const html = await readFile(`${WEB_DIST}index.html`, 'utf8');
  const scripts = await initialScripts(html);
  if (scripts.length === 0) throw new Error(`${WEB_DIST}index.html loads no module script: is the dashboard built (npm run build)?`);
  const files = [];
  for (const src of scripts) {
    if (/^[a-z]+:\/\//i.test(src)) throw new Error(`index.html loads a script from another origin (${src}); the bench only measures the built assets`);
    const bytes = await readFile(`${WEB_DIST}${src.replace(/^\//, '')}`);
    files.push({ file: src, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return { files };
}

type PageState = 'drawn' | 'no charts' | 'error';

interface PageNode {
  querySelector(selector: string): unknown;
}
/** The DOM as `pageState` uses it (the bench compiles without the DOM's types). */
type PageDocument = PageNode & { querySelectorAll(selector: string): Iterable<PageNode> };

/**
 * Runs in the page (playwright serialises it): 'drawn' once the page's heading is shown, no spinner
 * (loading state) or busy region is left, and every chart card holds its drawing (an SVG or the work
 * timeline's grid), its table or its empty state; 'no charts' when it settled with no chart card and
 * no table but an empty state; 'error' when a card or the list failed to load; else null (still loading).
 */
function pageState(): PageState | null {
  const doc = (globalThis as unknown as { document: PageDocument }).document;
  if (doc.querySelector('.chart-error, .banner-error, .inline-error')) return 'error';
  if (!doc.querySelector('h1') || doc.querySelector('.spinner, [aria-busy="true"]')) return null;
  const cards = [...doc.querySelectorAll('.chart-card')];
  if (cards.length === 0) return doc.querySelector('table') ? 'drawn' : doc.querySelector('.empty-state') ? 'no charts' : null;
  // A chart is an SVG (recharts) or, for an incident's work timeline, a grid of HTML rows.
  return cards.every((c) => c.querySelector('svg.recharts-surface, .timeline-grid, table, .chart-empty')) ? 'drawn' : null;
}

interface PageTiming {
  renderMs: number;
  /** From navigation to the page's first API request, and to the end of its last API response. */
  firstApiMs: number;
  lastApiMs: number;
  apiMs: number;
  apiCalls: number;
  state: 'drawn' | 'no charts';
}

/** Opens a page, times navigation → drawn, then fetches the page's own API calls alone in the same page. */
async function timePage(context: BrowserContext, url: string, token: string, signal: AbortSignal): Promise<PageTiming> {
  signal.throwIfAborted();
  const page = await context.newPage();
  try {
    const apiUrls = new Set<string>();
    let inFlight = 0;
    let firstApiAt = Number.NaN;
    let lastApiAt = Number.NaN;
    const errors: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) {
        if (r.method() === 'GET') apiUrls.add(r.url());
        if (Number.isNaN(firstApiAt)) firstApiAt = performance.now();
        inFlight++;
      }
    });
    const done = (r: { url(): string }) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) {
        inFlight--;
        lastApiAt = performance.now();
      }
    };
    page.on('requestfinished', done);
    page.on('requestfailed', (r) => {
      done(r);
      errors.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    page.on('pageerror', (e) => errors.push(e.message));

    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: PAGE_TIMEOUT_MS });
    let state: PageState;
    for (;;) {
      const handle = await page.waitForFunction(pageState, undefined, { polling: 'raf', timeout: PAGE_TIMEOUT_MS });
      state = (await handle.jsonValue()) as PageState;
      // The DOM says settled; the network must agree (a query may be about to start).
      if (inFlight === 0 || state === 'error') break;
      await page.waitForTimeout(5);
    }
    const renderMs = performance.now() - t0;
    // Before the baseline's own fetches below, which this page's listeners also see.
    const firstApiMs = firstApiAt - t0;
    const lastApiMs = lastApiAt - t0;
    if (state === 'error' || errors.length > 0) throw new Error(`${url} did not draw: ${errors.join('; ') || 'a chart reported an error'}`);

    const urls = [...apiUrls];
    const apiMs = await page.evaluate(
      async ({ urls, token }) => {
        const t = performance.now();
        await Promise.all(
          urls.map(async (u) => {
            const res = await fetch(u, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' }, cache: 'no-store' } as RequestInit);
            if (!res.ok) throw new Error(`${u} answered ${res.status}`);
            await res.arrayBuffer();
          }),
        );
        return performance.now() - t;
      },
      { urls, token },
    );
    return { renderMs, firstApiMs, lastApiMs, apiMs, apiCalls: urls.length, state: state === 'no charts' ? 'no charts' : 'drawn' };
  } finally {
    await page.close();
  }
}

async function launch(ctx: FigureContext): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const close = ctx.cleanup.defer('close Chromium', () => browser.close());
  ctx.facts.set('Chromium', `${browser.version()} (headless)`);
  return { browser, close };
}

async function renderRows(ctx: FigureContext, browser: Browser, stack: DemoApi): Promise<FigureRow[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(READ_TOKEN_KEY)}, ${JSON.stringify(stack.readToken)});` });
  const range = queryRangeFor(ctx.scale, stack.range);
  const query = `?${new URLSearchParams({ preset: 'custom', ...range })}`;
  const urlOf = (path: string) => `${stack.api.url}${path}${query}`;
  let pages: DashboardPage[] = [...DASHBOARD_PAGES];
  try {
    pages = [...pages, ...(await recordPages(stack, range))];
  } catch (error) {
    ctx.findings.push(`⚠️ Dashboard: the incident and responder pages were not measured: no incident or responder to open (${error instanceof Error ? error.message : String(error)})`);
  }

  // One untimed visit of every page: the browser caches the assets, the API and PostgreSQL warm up.
  // A page that fails to draw (an API error, a timeout at a large scale) is a ❌ row, not the end of the run.
  const seen = new Map<string, PageTiming>();
  const failed = new Map<string, string>();
  const attempt = async (path: string): Promise<PageTiming | undefined> => {
    try {
      return await timePage(context, urlOf(path), stack.readToken, ctx.cleanup.signal);
    } catch (error) {
      ctx.cleanup.signal.throwIfAborted();
      failed.set(path, error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };
  for (const p of pages) {
    const t = await attempt(p.path);
    if (t) seen.set(p.path, t);
  }

  const measured = pages.filter((p) => seen.get(p.path)?.state === 'drawn');
  const render = new Map<string, number[]>(measured.map((p) => [p.path, []]));
  const api = new Map<string, number[]>(measured.map((p) => [p.path, []]));
  const timings = new Map<string, PageTiming[]>(measured.map((p) => [p.path, []]));
  for (let run = 0; run < ctx.runs; run++) {
    for (const p of measured) {
      if (failed.has(p.path)) continue;
      const t = await attempt(p.path);
      if (!t) continue;
      render.get(p.path)!.push(t.renderMs);
      api.get(p.path)!.push(t.apiMs);
      timings.get(p.path)!.push(t);
    }
    const line = measured.filter((p) => !failed.has(p.path)).map((p) => `${p.name} ${Math.round(render.get(p.path)!.at(-1)!)}/${Math.round(api.get(p.path)!.at(-1)!)} ms`);
    ctx.progress(`dashboard: run ${run + 1}/${ctx.runs}: ${line.join(', ')}${failed.size > 0 ? `; failed: ${[...failed.keys()].join(', ')}` : ''}`);
  }
  for (const [path, why] of failed) ctx.findings.push(`⚠️ Dashboard: ${path} did not draw: ${why}`);

  const med = (path: string, f: (t: PageTiming) => number) => Math.round(summarise(timings.get(path)!.map(f)).median);
  for (const p of measured.filter((m) => !failed.has(m.path))) {
    ctx.findings.push(
      `Dashboard, ${p.name} page (medians, ms from navigation): first API request at ${med(p.path, (t) => t.firstApiMs)}, last API response at ${med(p.path, (t) => t.lastApiMs)}, ` +
        `charts drawn at ${med(p.path, (t) => t.renderMs)} (${med(p.path, (t) => t.renderMs - t.lastApiMs)} after the last response); the same ${seen.get(p.path)!.apiCalls} API calls fetched at once take ${med(p.path, (t) => t.apiMs)}.`,
    );
  }
  const note =
    `Headless Chromium (1280×800, read token in the session), a new tab per visit of \`${query}\` (${range.from === stack.range.from ? "the demo's whole range" : 'the last days of the demo: self-test scale'}) after one untimed visit of every page (assets cached): ` +
    'from navigation until the heading is shown, no loading spinner or busy region is left, no API request is in flight and every chart card holds its SVG (an incident\'s work timeline: its grid), table or empty state. ' +
    'Baseline: the GET requests the page made, fetched again all at once by `fetch` in the same tab (no cache), until every body is read.';
  return pages.map((p) => {
    const r = render.get(p.path);
    const name = `${p.name} page (${p.path}): navigation to charts drawn`;
    if (failed.has(p.path)) return { ...row({ figure: 'Dashboard', name, unit: 'ms', unavailable: `failed: ${failed.get(p.path)!.slice(0, 200)}`, target: RENDER_TARGET, note }), pass: false };
    if (!r) return row({ figure: 'Dashboard', name, unit: 'ms', unavailable: 'the page draws no chart in this build', note });
    const a = api.get(p.path)!;
    return row({
      figure: 'Dashboard',
      name: `${name}, ${seen.get(p.path)!.apiCalls} API calls`,
      unit: 'ms',
      value: summarise(r),
      baseline: { name: 'its API calls alone', value: summarise(a) },
      ratio: pairedRatio(r, a),
      target: RENDER_TARGET,
      note,
    });
  });
}

export const dashboardFigure: Figure = {
  id: 'dashboard',
  readsDemoApi: true,
  title: 'Dashboard',
  async run(ctx: FigureContext): Promise<FigureRow[]> {
    const { files } = await initialJsGzip();
    const gzip = files.reduce((s, f) => s + f.gzip, 0) / 1024;
    const raw = files.reduce((s, f) => s + f.raw, 0) / 1024;
    const sizeRow = row({
      figure: 'Dashboard',
      name: 'initial JS, gzipped',
      unit: 'kB',
      value: summarise([gzip]),
      baseline: { name: 'budget', value: summarise([INITIAL_JS_BUDGET_KB]) },
      ratio: summarise([gzip / INITIAL_JS_BUDGET_KB]),
      target: { maxRatio: 1 },
      note:
        `What apps/web/dist/index.html loads first: ${files.map((f) => `\`${f.file}\` ${(f.gzip / 1024).toFixed(1)} kB`).join(', ')} ` +
        `(${raw.toFixed(0)} kB before compression; gzip level 9 by node:zlib; 1 kB = 1,024 bytes). Pages load their own chunks on navigation, not counted. Measured once (the build does not vary).`,
    });

    // The browser first: a missing Chromium fails the figure before the demo is loaded.
    const browser = await launch(ctx);
    const stack = await sharedDemoApi(ctx, 'dashboard');
    const rows = await renderRows(ctx, browser.browser, stack);
    await browser.close();
    return [sizeRow, ...rows];
  },
};
