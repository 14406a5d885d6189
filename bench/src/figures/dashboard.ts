import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { IncidentDetail, IncidentListResponse } from '@firewatch/shared';
import { queryRangeFor, sharedDemoApi, type DemoApi } from '../demo-database.js';
import { row, type Figure, type FigureContext, type FigureRow } from '../figure.js';
import { BLANK_PAGE, WEB_DIST } from '../served-dashboard.js';
import { pairedRatio, summarise } from '../stats.js';

/** Debian's Chromium, as the browser tests use it (`CHROMIUM_PATH` overrides). */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Budget of the JS the first page load needs (the entry and what it preloads), gzipped. */
const INITIAL_JS_BUDGET_KB = 250;
/** A page is drawn within 8 × the load of a blank page from the same server, opened the same way. */
const RENDER_TARGET = { maxRatio: 8 };
/** Where the dashboard keeps the read token for the session (apps/web/src/data/read-token.ts). */
const READ_TOKEN_KEY = 'firewatch.readToken';
const PAGE_TIMEOUT_MS = 120_000;

/** The dashboard pages that draw analytics (SPEC §4); settings and definitions draw none. An incident's and a responder's page are added from the data (`recordPages`). */
export const DASHBOARD_PAGES = [
  { name: 'Overview', path: '/' },
  { name: 'Operational review', path: '/review' },
  { name: 'Workload', path: '/workload' },
  { name: 'Seasonality', path: '/seasonality' },
  { name: 'Services & causes', path: '/services' },
  { name: 'Pager noise', path: '/noise' },
  { name: 'On-call', path: '/oncall' },
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
 * After a click in the side navigation, `arrival` names the page's path and the heading left behind:
 * until the route has changed and the new page's heading is shown, the old page is still loading the new one.
 */
function pageState(arrival?: { path: string; previousHeading: string }): PageState | null {
  const doc = (globalThis as unknown as { document: PageDocument }).document;
  if (arrival) {
    const { location } = globalThis as unknown as { location: { pathname: string } };
    const heading = doc.querySelector('h1') as { textContent: string | null } | null;
    if (location.pathname !== arrival.path || !heading || heading.textContent === arrival.previousHeading) return null;
  }
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

type Page = Awaited<ReturnType<BrowserContext['newPage']>>;

/** Follows a tab's API requests: how many are in flight, when the first left and the last ended, and what failed. */
function watchApi(page: Page) {
  const watch = { urls: new Set<string>(), inFlight: 0, firstAt: Number.NaN, lastAt: Number.NaN, errors: [] as string[] };
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  page.on('request', (r) => {
    if (!isApi(r.url())) return;
    if (r.method() === 'GET') watch.urls.add(r.url());
    if (Number.isNaN(watch.firstAt)) watch.firstAt = performance.now();
    watch.inFlight++;
  });
  const done = (r: { url(): string }) => {
    if (!isApi(r.url())) return;
    watch.inFlight--;
    watch.lastAt = performance.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', (r) => {
    done(r);
    watch.errors.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) watch.errors.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => watch.errors.push(e.message));
  /** Forgets what happened so far: a click starts a new measurement in the same tab. */
  const reset = () => {
    watch.urls.clear();
    watch.firstAt = Number.NaN;
    watch.lastAt = Number.NaN;
  };
  return { watch, reset };
}

/** Waits until the page is drawn (or failed) and no API request is in flight; throws on an error. */
async function waitDrawn(page: Page, watch: ReturnType<typeof watchApi>['watch'], url: string, arrival?: { path: string; previousHeading: string }): Promise<PageState> {
  let state: PageState;
  for (;;) {
    const handle = await page.waitForFunction(pageState, arrival, { polling: 'raf', timeout: PAGE_TIMEOUT_MS });
    state = (await handle.jsonValue()) as PageState;
    // The DOM says settled; the network must agree (a query may be about to start).
    if (watch.inFlight === 0 || state === 'error') break;
    await page.waitForTimeout(5);
  }
  if (state === 'error' || watch.errors.length > 0) throw new Error(`${url} did not draw: ${watch.errors.join('; ') || 'a chart reported an error'}`);
  return state;
}

/** The page's GET requests fetched again all at once by `fetch` in the same tab (no cache), until every body is read. */
function fetchAlone(page: Page, urls: string[], token: string): Promise<number> {
  return page.evaluate(
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
}

/** Opens the blank page in a new tab: navigation until its `load` event has fired and its script has run. */
async function timeBlank(context: BrowserContext, url: string, signal: AbortSignal): Promise<number> {
  signal.throwIfAborted();
  const page = await context.newPage();
  try {
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: PAGE_TIMEOUT_MS });
    await page.waitForFunction(
      () => (globalThis as unknown as { document: { readyState: string }; blankRan?: boolean }).document.readyState === 'complete' && (globalThis as { blankRan?: boolean }).blankRan === true,
      undefined,
      { polling: 'raf', timeout: PAGE_TIMEOUT_MS },
    );
    return performance.now() - t0;
  } finally {
    await page.close();
  }
}

/** Opens a page in a new tab (a bookmark), times navigation → drawn, then fetches the page's own API calls alone in the same tab. */
async function timePage(context: BrowserContext, url: string, token: string, signal: AbortSignal): Promise<PageTiming> {
  signal.throwIfAborted();
  const page = await context.newPage();
  try {
    const { watch } = watchApi(page);
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: PAGE_TIMEOUT_MS });
    const state = await waitDrawn(page, watch, url);
    const renderMs = performance.now() - t0;
    // Before the baseline's own fetches below, which this page's listeners also see.
    const firstApiMs = watch.firstAt - t0;
    const lastApiMs = watch.lastAt - t0;
    const urls = [...watch.urls];
    const apiMs = await fetchAlone(page, urls, token);
    return { renderMs, firstApiMs, lastApiMs, apiMs, apiCalls: urls.length, state: state === 'no charts' ? 'no charts' : 'drawn' };
  } finally {
    await page.close();
  }
}

/**
 * Opens `fromUrl` in a new tab, waits until it is drawn, then clicks the side navigation's link to
 * `path` and times the client-side route change from the click until the new page is drawn.
 */
async function timeClick(context: BrowserContext, fromUrl: string, path: string, token: string, signal: AbortSignal): Promise<PageTiming> {
  signal.throwIfAborted();
  const page = await context.newPage();
  try {
    const { watch, reset } = watchApi(page);
    await page.goto(fromUrl, { waitUntil: 'commit', timeout: PAGE_TIMEOUT_MS });
    await waitDrawn(page, watch, fromUrl);
    const previousHeading = (await page.locator('h1').first().textContent()) ?? '';
    const link = page.locator(`#primary-nav a[href^="${path}?"], #primary-nav a[href="${path}"]`);
    reset();
    const t0 = performance.now();
    await link.first().click({ timeout: PAGE_TIMEOUT_MS });
    const state = await waitDrawn(page, watch, `${path} (clicked)`, { path, previousHeading });
    const renderMs = performance.now() - t0;
    const firstApiMs = watch.firstAt - t0;
    const lastApiMs = watch.lastAt - t0;
    const urls = [...watch.urls];
    const apiMs = urls.length > 0 ? await fetchAlone(page, urls, token) : 0;
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

/** Where a click-navigation measurement starts: the Overview, or for the Overview itself, the Workload page. */
const clickOrigin = (path: string): string => (path === '/' ? '/workload' : '/');

interface Measured {
  /** Navigation (or click) → drawn, per run. */
  timings: PageTiming[];
  /** The blank page's load, measured right before each of those runs. */
  blank: number[];
}

async function renderRows(ctx: FigureContext, browser: Browser, stack: DemoApi): Promise<FigureRow[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(READ_TOKEN_KEY)}, ${JSON.stringify(stack.readToken)});` });
  const range = queryRangeFor(ctx.scale, stack.range);
  const query = `?${new URLSearchParams({ preset: 'custom', ...range })}`;
  const urlOf = (path: string) => `${stack.api.url}${path}${query}`;
  const blankUrl = `${stack.api.url}${BLANK_PAGE.path}`;
  let pages: DashboardPage[] = [...DASHBOARD_PAGES];
  try {
    pages = [...pages, ...(await recordPages(stack, range))];
  } catch (error) {
    ctx.findings.push(`⚠️ Dashboard: the incident and responder pages were not measured: no incident or responder to open (${error instanceof Error ? error.message : String(error)})`);
  }
  const navPaths = new Set<string>(DASHBOARD_PAGES.map((p) => p.path));

  // Two ways to arrive: a bookmark opened in a new tab, and a click in the side navigation (its pages only).
  type Way = 'bookmark' | 'click';
  const key = (way: Way, path: string) => `${way} ${path}`;
  const measure = (way: Way, path: string): Promise<PageTiming> =>
    way === 'bookmark'
      ? timePage(context, urlOf(path), stack.readToken, ctx.cleanup.signal)
      : timeClick(context, urlOf(clickOrigin(path)), path, stack.readToken, ctx.cleanup.signal);
  const ways = pages.flatMap((p) => (navPaths.has(p.path) ? (['bookmark', 'click'] as const) : (['bookmark'] as const)).map((way) => ({ way, page: p })));

  // One untimed visit of every page both ways, and of the blank page: the browser caches the assets,
  // the API and PostgreSQL warm up. A page that fails to draw (an API error, a timeout at a large
  // scale) is a ❌ row, not the end of the run.
  await timeBlank(context, blankUrl, ctx.cleanup.signal);
  const failed = new Map<string, string>();
  const attempt = async (way: Way, path: string): Promise<PageTiming | undefined> => {
    try {
      return await measure(way, path);
    } catch (error) {
      ctx.cleanup.signal.throwIfAborted();
      failed.set(key(way, path), error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };
  const drawn = new Set<string>();
  for (const { way, page } of ways) if ((await attempt(way, page.path))?.state === 'drawn') drawn.add(key(way, page.path));

  const measured = new Map<string, Measured>(ways.filter(({ way, page }) => drawn.has(key(way, page.path))).map(({ way, page }) => [key(way, page.path), { timings: [], blank: [] }]));
  for (let run = 0; run < ctx.runs; run++) {
    for (const { way, page } of ways) {
      const m = measured.get(key(way, page.path));
      if (!m || failed.has(key(way, page.path))) continue;
      // The baseline right before each measurement, so that both see the same machine.
      const blank = await timeBlank(context, blankUrl, ctx.cleanup.signal);
      const t = await attempt(way, page.path);
      if (!t) continue;
      m.timings.push(t);
      m.blank.push(blank);
    }
    const line = [...measured].filter(([k]) => !failed.has(k)).map(([k, m]) => `${k} ${Math.round(m.timings.at(-1)?.renderMs ?? Number.NaN)} ms`);
    ctx.progress(`dashboard: run ${run + 1}/${ctx.runs}: ${line.join(', ')}${failed.size > 0 ? `; failed: ${[...failed.keys()].join(', ')}` : ''}`);
  }
  for (const [k, why] of failed) ctx.findings.push(`⚠️ Dashboard: ${k} did not draw: ${why}`);

  const med = (values: number[]) => Math.round(summarise(values).median);
  const allBlank = [...measured.values()].flatMap((m) => m.blank);
  if (allBlank.length > 0) ctx.findings.push(`Dashboard baseline: the blank page (${BLANK_PAGE.path}, ${BLANK_PAGE.html.length} bytes and a ${BLANK_PAGE.script.length}-byte script) loads in ${med(allBlank)} ms (median of ${allBlank.length} new tabs); the target is 8 × that, about ${8 * med(allBlank)} ms.`);
  for (const { way, page } of ways) {
    const m = measured.get(key(way, page.path));
    if (!m || m.timings.length === 0 || failed.has(key(way, page.path))) continue;
    const t = m.timings;
    const from = way === 'bookmark' ? 'navigation' : 'the click';
    ctx.findings.push(
      `Dashboard, ${page.name} page by ${way === 'bookmark' ? 'bookmark (new tab)' : 'side-navigation click'} (medians, ms from ${from}): ` +
        (t[0]!.apiCalls > 0
          ? `first API request at ${med(t.map((x) => x.firstApiMs))}, last API response at ${med(t.map((x) => x.lastApiMs))}, charts drawn at ${med(t.map((x) => x.renderMs))} (${med(t.map((x) => x.renderMs - x.lastApiMs))} after the last response); the same ${t[0]!.apiCalls} API calls fetched at once take ${med(t.map((x) => x.apiMs))}.`
          : `charts drawn at ${med(t.map((x) => x.renderMs))} with no API request (the answers were cached).`),
    );
  }
  const note =
    `Headless Chromium (1280×800, read token in the session), \`${query}\` (${range.from === stack.range.from ? "the demo's whole range" : 'the last days of the demo: self-test scale'}) after one untimed visit of every page (assets cached). ` +
    'Bookmark: a new tab per visit, from navigation; click: a new tab on the Overview (for the Overview, on Workload) drawn first, then a click on the side navigation\'s link, from the click. ' +
    'Drawn: the heading is shown, no loading spinner or busy region is left, no API request is in flight and every chart card holds its SVG (an incident\'s work timeline: its grid), table or empty state. ' +
    `Baseline: the blank page ${BLANK_PAGE.path} served by the same API (a few hundred bytes and one tiny script), opened in a new tab right before each measured visit, from navigation until its load event and its script.`;
  return ways.map(({ way, page }) => {
    const k = key(way, page.path);
    const m = measured.get(k);
    const name = `${page.name} page (${page.path}): ${way === 'bookmark' ? 'navigation' : 'side-navigation click'} to charts drawn`;
    if (failed.has(k)) return { ...row({ figure: 'Dashboard', name, unit: 'ms', unavailable: `failed: ${failed.get(k)!.slice(0, 200)}`, target: RENDER_TARGET, note }), pass: false };
    if (!m || m.timings.length === 0) return row({ figure: 'Dashboard', name, unit: 'ms', unavailable: 'the page draws no chart in this build', note });
    const r = m.timings.map((t) => t.renderMs);
    return row({
      figure: 'Dashboard',
      name: `${name}, ${m.timings[0]!.apiCalls} API calls`,
      unit: 'ms',
      value: summarise(r),
      baseline: { name: 'blank page', value: summarise(m.blank) },
      ratio: pairedRatio(r, m.blank),
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
