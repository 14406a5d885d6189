import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, startServer, type RunningServer } from '../support/server.js';
import type { IncidentListResponse } from '@firewatch/shared';
import { launchChromium, openRecordedPage } from '../support/browser.js';
import { formatMinutes } from '../../apps/web/src/features/incidents/incident-format.js';

/**
 * The Incidents page on the demo organisation, served by the built app as `npm start` serves it:
 * the demo loads into the empty embedded database before the server listens (auth off: loopback, embedded).
 */

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');

let dataDir: string;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  // The demo manifest goes to the data directory: a temporary one, not the project's .firewatch/.
  dataDir = await mkdtemp(join(tmpdir(), 'firewatch-incidents-'));
  server = await startServer(
    { FIREWATCH_AUTH: 'off', FIREWATCH_DEMO: 'on', FIREWATCH_DATA_DIR: dataDir },
    110_000,
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});


const openPage = (width: number, height: number) => openRecordedPage(browser, width, height);

const rows = (page: Page) => page.locator('.incident-table tbody tr');
const summary = (page: Page) => page.locator('.pagination-summary').textContent();
const severities = async (page: Page) =>
  (await page.locator('.incident-table tbody .severity').allTextContents()).map((text) => Number(text.replace('SEV', '')));

describe('Incidents page on the demo organisation', () => {
  it('lists incidents, sorts by severity and pages, keeping the filters, without console errors', async () => {
    const { page, errors } = await openPage(1280, 800);
    await page.goto(`${server.url}/incidents?preset=year`);
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(50);
    const total = Number((await summary(page))!.match(/of ([\d,]+)$/)![1]!.replace(/,/g, ''));
    expect(total).toBeGreaterThan(100); // ≈ 1,000 incidents a year in the demo
    expect(await summary(page)).toBe(`Showing 1–50 of ${total.toLocaleString('en-US')}`);
    await page.screenshot({ path: join(ARTIFACTS, 'incidents.png'), fullPage: true });

    // Newest first by default.
    const declared = await page.locator('.incident-table tbody time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')!));
    expect(declared).toEqual([...declared].sort().reverse());

    await page.getByRole('button', { name: 'Severity', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'severity');
    expect(new URL(page.url()).searchParams.get('order')).toBe('asc');
    await expect.poll(() => severities(page).then((s) => s[0])).toBe(1);
    const firstPage = await severities(page);
    expect(firstPage).toEqual([...firstPage].sort((a, b) => a - b));
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Severity');
    await page.screenshot({ path: join(ARTIFACTS, 'incidents-by-severity.png'), fullPage: true });

    await page.getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await expect.poll(() => summary(page)).toBe(`Showing 51–100 of ${total.toLocaleString('en-US')}`);
    expect(await rows(page).count()).toBe(50);
    const secondPage = await severities(page);
    expect(secondPage[0]).toBeGreaterThanOrEqual(firstPage.at(-1)!); // the sort continues across pages
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({ preset: 'year', sort: 'severity', order: 'asc', page: '2' });

    // Clicking the column again flips the direction and starts from page 1.
    await page.getByRole('button', { name: 'Severity', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('order') === 'desc' && !url.searchParams.has('page'));
    expect(new URL(page.url()).searchParams.get('sort')).toBe('severity');
    await expect.poll(() => severities(page).then((s) => s[0])).toBeGreaterThan(1);

    expect(errors).toEqual([]);
    await page.close();
  });

  it('searches titles, switches kind, and says when nothing matches', async () => {
    const { page, errors } = await openPage(1280, 800);
    await page.goto(`${server.url}/incidents?preset=year`);
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(50);

    await page.getByLabel('Search titles').fill('postgres');
    await page.waitForURL((url) => url.searchParams.get('q') === 'postgres');
    await expect.poll(async () => (await page.locator('.cell-title a').allTextContents()).every((t) => /postgres/i.test(t))).toBe(true);
    expect(await rows(page).count()).toBeGreaterThan(0);

    await page.getByLabel('Kind', { exact: true }).selectOption('game_day');
    await page.waitForURL((url) => url.searchParams.get('kind') === 'game_day');
    await page.getByLabel('Search titles').fill('no such title anywhere');
    await expect.poll(() => page.getByRole('heading', { name: 'No matching incidents' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Clear search and kind' }).click();
    await expect.poll(() => rows(page).count()).toBe(50);
    await expect.poll(() => page.getByLabel('Search titles').inputValue()).toBe(''); // the box follows the URL after a render

    expect(errors).toEqual([]);
    await page.close();
  });

  it('states TTA, TTM and TTR over every matching incident, as the API computes them', async () => {
    const { page, errors } = await openPage(1280, 800);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/incidents');
    await page.goto(`${server.url}/incidents?preset=year&severity=2`);
    const body = (await (await answer).json()) as IncidentListResponse;
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const figures = page.getByRole('definition');
    const { tta, ttm, ttr } = body.timings;
    expect(tta.incidents + tta.excluded).toBe(body.total); // kind incident is listed: the timings cover the same incidents
    expect(ttr.medianMinutes).not.toBeNull();
    expect(await page.getByLabel('Incident timings').locator('dt').allTextContents()).toEqual([
      'Time to acknowledge (TTA)',
      'Time to mitigate (TTM)',
      'Time to resolve (TTR)',
    ]);
    expect(await figures.allTextContents()).toEqual(
      [tta, ttm, ttr].map((t) => `${formatMinutes(t.medianMinutes)} median; p90 ${formatMinutes(t.p90Minutes)}`),
    );
    expect(await page.locator('.incident-timings p').textContent()).toContain(
      `Over ${body.total.toLocaleString('en-US')} incidents of kind incident matching the filters, on every page`,
    );
    await page.getByRole('link', { name: 'How these are measured' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/definitions' && url.hash === '#incident-timings');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks for the services list only when the services filter opens, and narrows it by name', async () => {
    const { page, errors } = await openPage(1280, 800);
    const servicesRequests: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/services') servicesRequests.push(r.url());
    });
    await page.goto(`${server.url}/incidents?preset=year`);
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(50);
    expect(servicesRequests).toEqual([]);
    expect(await page.locator('.multi-select input[type="checkbox"]').count()).toBe(0); // nothing drawn while closed

    await page.locator('.multi-select summary').click();
    await expect.poll(() => servicesRequests.length).toBe(1);
    const filter = page.getByLabel('Filter services');
    await expect.poll(() => page.locator('.multi-select-panel .check').count()).toBeGreaterThan(2);
    await filter.fill('postgres');
    await expect.poll(async () => (await page.locator('.multi-select-panel .check').allTextContents()).slice(1).every((t) => /postgres/i.test(t))).toBe(true);
    const first = page.locator('.multi-select-panel .check').nth(1);
    const name = (await first.textContent())!;
    // A click, not check(): the box is checked when the URL (the filter state) has changed, a render later.
    await first.locator('input').click();
    await page.waitForURL((url) => url.searchParams.getAll('service').length === 1);
    await expect.poll(() => first.locator('input').isChecked()).toBe(true);
    await expect.poll(() => page.locator('.multi-select-summary').textContent()).toBe(name);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('downloads the page on screen as CSV', async () => {
    const { page, errors } = await openPage(1280, 800);
    await page.goto(`${server.url}/incidents?preset=year&sort=severity&order=asc`);
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(50);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^incidents_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_page-1\.csv$/);
    const lines = (await readFile(await download.path())).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^externalId,source,title,kind,severity,status,/);
    expect(lines).toHaveLength(52); // header + 50 rows + the empty string after the last CRLF
    expect(lines[1]).toMatch(/^[^,]+,demo,.*,incident,1,/); // SEV1 first, as on screen
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens an incident from its title, keeping the filters', async () => {
    const { page, errors } = await openPage(1280, 800);
    await page.goto(`${server.url}/incidents?preset=year`);
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(50);
    const link = page.locator('.cell-title a').first();
    const href = (await link.getAttribute('href'))!;
    const title = (await link.textContent())!;
    await link.click();
    await page.waitForURL((url) => url.pathname === href.split('?')[0]);
    expect(new URL(page.url()).searchParams.get('preset')).toBe('year');
    // "Incident <id>" only while loading, then its title.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe(title);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone-width screen: cards, no sideways scrolling of the page', async () => {
    const { page, errors } = await openPage(390, 844);
    await page.goto(`${server.url}/incidents?preset=year`);
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(50);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    // The column headers are hidden in the card layout; the Sort select takes their place.
    await page.getByLabel('Sort', { exact: true }).selectOption({ label: 'Most severe' });
    await page.waitForURL((url) => url.searchParams.get('sort') === 'severity' && url.searchParams.get('order') === 'asc');
    await expect.poll(() => severities(page).then((s) => s[0])).toBe(1);
    await page.locator('.incident-list').evaluate((list) => list.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(ARTIFACTS, 'incidents-phone.png'), fullPage: false });
    await page.screenshot({ path: join(ARTIFACTS, 'incidents-phone-full.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
