import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { NoiseResponse, OverviewResponse, ServicesResponse, WorkloadResponse } from '@firewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatHours, formatRatio } from '../../apps/web/src/components/charts/format.js';
import { PROJECT_ROOT, embeddedDatabaseUrl, startServer, type RunningServer } from '../support/server.js';
import { launchChromium, openRecordedPage } from '../support/browser.js';

/**
 * The Overview page on the demo organisation, served by the built app as `npm start` serves it. The
 * expected figures are read from the same API answers the page received (the figures themselves are
 * tested in test/e2e/overview.test.ts).
 */

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');

let dataDir: string;
let server: RunningServer;
let browser: Browser;

/** Resolves once the server's background queue has turned the demo's activity into stored workload. */
async function demoWorkloadStored(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const ready = `SELECT NOT EXISTS (SELECT 1 FROM workload_queue) AND EXISTS (SELECT 1 FROM work_segments) AS done`;
  try {
    const deadline = Date.now() + 100_000;
    while (!(await client.query<{ done: boolean }>(ready)).rows[0]!.done) {
      if (Date.now() > deadline) throw new Error('the demo workload was not stored within 100 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  // The built app exactly as `npm start` serves it: loopback and the embedded database (auth can only
  // be off there), the demo organisation loaded into the empty database.
  dataDir = await mkdtemp(join(tmpdir(), 'firewatch-overview-'));
  server = await startServer({ FIREWATCH_DATA_DIR: dataDir, FIREWATCH_AUTH: 'off', FIREWATCH_DEMO: 'on' }, 110_000);
  await demoWorkloadStored(embeddedDatabaseUrl(dataDir));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const answerOf = (path: string) => (url: string) => new URL(url).pathname === path;
const isOverview = answerOf('/api/v1/analytics/overview');

/** Opens `path` and returns the answers the page loaded for its headline, weekly chart, services and rules. */
async function openOverview(page: Page, path: string) {
  const [overview, workload, services, noise] = await Promise.all([
    page.waitForResponse((res) => isOverview(res.url()) && res.ok()),
    page.waitForResponse((res) => answerOf('/api/v1/analytics/workload')(res.url()) && res.ok()),
    page.waitForResponse((res) => answerOf('/api/v1/analytics/services')(res.url()) && res.ok()),
    page.waitForResponse((res) => answerOf('/api/v1/analytics/noise')(res.url()) && res.ok()),
    page.goto(`${server.url}${path}`),
  ]);
  return {
    report: (await overview.json()) as OverviewResponse,
    url: new URL(overview.url()),
    workload: (await workload.json()) as WorkloadResponse,
    services: (await services.json()) as ServicesResponse,
    noise: (await noise.json()) as NoiseResponse,
  };
}

const tile = (page: Page, figure: string) => page.locator(`.overview-tile[data-figure="${figure}"]`);
const tileValue = (page: Page, figure: string) => tile(page, figure).locator('.overview-tile-value').textContent();
const card = (page: Page, title: RegExp) => page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: title }) });

describe('Overview page on the demo organisation', () => {
  it('shows the API’s figures with their change, at 1280 px and at phone width, without console errors', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report, url, workload, services, noise } = await openOverview(page, '/?preset=year');
    expect(url.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(report.current.incidents.total).toBeGreaterThan(500); // a year of the demo
    await expect.poll(() => tileValue(page, 'incidents')).toBe(formatCount(report.current.incidents.total));
    expect(await tileValue(page, 'workloadHours')).toBe(formatHours(report.current.workload.hours));
    expect(await tile(page, 'workloadHours').textContent()).toContain(`${formatRatio(report.current.workload.sleepingShare!)} at night`);
    expect(await tileValue(page, 'interruptions')).toBe(formatCount(report.current.noise.interruptions));
    expect(await tileValue(page, 'actionableRatio')).toBe(formatRatio(report.current.noise.actionableRatio!));
    expect(await tileValue(page, 'readyResponders')).toBe(formatCount(report.current.readiness.ready));
    expect(await tileValue(page, 'ttrMedianMinutes')).toMatch(/ min$/);
    // The demo has weekly rotations: incidents per 12-hour shift against the guideline.
    expect(report.current.onCall).not.toBeNull();
    expect(await tile(page, 'incidentsPerShift').textContent()).toContain('the SRE guideline of ≤ 2');
    const incidents = report.figures.find((f) => f.figure === 'incidents')!;
    expect(await tile(page, 'incidents').locator('.overview-tile-previous').textContent()).toBe(`previous period: ${formatCount(incidents.previous!)}`);

    // The weekly load chart, the top services (the API's order), the rules to tune first, readiness gaps.
    await expect.poll(() => card(page, /Weekly load/).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(40);
    expect(workload.weekly.length).toBeGreaterThan(50);
    const servicesCard = card(page, /Top services/);
    await expect.poll(() => servicesCard.locator('.recharts-yAxis-tick-labels text title').first().textContent()).toBe(services.items[0]!.name);
    const rulesCard = card(page, /to tune first/);
    expect(noise.tuneFirst.length).toBeGreaterThan(0);
    await expect.poll(() => rulesCard.locator('.recharts-yAxis-tick-labels text').first().textContent()).toContain(noise.tuneFirst[0]!.rule.slice(0, 10));
    await expect.poll(() => card(page, /readiness gaps/).locator('.overview-gaps tr, .empty-state').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'overview-1280.png'), fullPage: true });
    expect(errors).toEqual([]);

    const phone = await openRecordedPage(browser, 390, 844);
    await openOverview(phone.page, '/?preset=year');
    await expect.poll(() => tileValue(phone.page, 'incidents')).toBe(formatCount(report.current.incidents.total));
    await expect.poll(() => card(phone.page, /Weekly load/).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(40);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'overview-390.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
    await page.close();
  });

  it('a filter change updates the URL and the figures', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report: all } = await openOverview(page, '/?preset=year');
    await expect.poll(() => tileValue(page, 'incidents')).toBe(formatCount(all.current.incidents.total));
    const [response] = await Promise.all([
      page.waitForResponse((res) => isOverview(res.url()) && new URL(res.url()).searchParams.get('severity') === '2'),
      page.getByLabel('Severity').selectOption('2'),
    ]);
    expect(new URL(page.url()).searchParams.get('severity')).toBe('2');
    const major = (await response.json()) as OverviewResponse;
    expect(major.current.incidents.total).toBeLessThan(all.current.incidents.total); // SEV1–2 only
    expect(major.current.incidents.bySeverity.slice(2)).toEqual([0, 0, 0]);
    await expect.poll(() => tileValue(page, 'incidents')).toBe(formatCount(major.current.incidents.total));
    await expect.poll(() => tileValue(page, 'workloadHours')).toBe(formatHours(major.current.workload.hours));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a headline links to its page with the same filters', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report } = await openOverview(page, '/?preset=last90&severity=3');
    await expect.poll(() => tileValue(page, 'workloadHours')).toBe(formatHours(report.current.workload.hours));
    await tile(page, 'workloadHours').getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/workload');
    const params = new URL(page.url()).searchParams;
    expect(params.get('preset')).toBe('last90');
    expect(params.get('severity')).toBe('3');
    // The Workload page shows the same hours the headline did (the same answer of /analytics/workload).
    const hours = page.locator('.headline-figure').filter({ has: page.locator('dt', { hasText: 'Responder hours' }) }).locator('dd strong');
    await expect.poll(() => hours.textContent()).toBe(formatHours(report.current.workload.hours));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Workload');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('downloads the figures as CSV and links to their definition', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report } = await openOverview(page, '/?preset=last90');
    const panel = page.getByRole('region', { name: 'Headline figures' });
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`overview_${report.current.from}_${report.current.to}.csv`);
    const lines = (await readFile((await download.path())!, 'utf8')).split('\r\n');
    expect(lines[0]).toBe('figure,current,previous,change');
    const incidents = report.figures.find((f) => f.figure === 'incidents')!;
    expect(lines).toContain(`incidents,${incidents.current},${incidents.previous},${incidents.change ?? ''}`);
    await panel.getByRole('link', { name: 'Definition' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/definitions');
    expect(new URL(page.url()).hash).toBe('#leadership-overview');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('leadership-overview');
    expect(errors).toEqual([]);
    await page.close();
  });
});
