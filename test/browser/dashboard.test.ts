import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, startServer, type RunningServer } from '../support/server.js';
import { launchChromium, openRecordedPage } from '../support/browser.js';

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');

/** Every page of SPEC §4 with the heading it must show. */
const PAGES = [
  { path: '/', heading: 'Overview' },
  { path: '/review', heading: 'Operational review' },
  { path: '/workload', heading: 'Workload' },
  { path: '/seasonality', heading: 'Seasonality' },
  { path: '/services', heading: 'Services & causes' },
  { path: '/noise', heading: 'Pager noise' },
  { path: '/oncall', heading: 'On-call' },
  { path: '/readiness', heading: 'Readiness' },
  { path: '/incidents', heading: 'Incidents' },
  { path: '/settings', heading: 'Settings & data' },
];

let dataDir: string;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  // The built app exactly as `npm start` serves it: loopback and the embedded database, so auth is off
  // and the dashboard can read (auth can only be off there).
  dataDir = await mkdtemp(join(tmpdir(), 'firewatch-dashboard-'));
  server = await startServer({ FIREWATCH_DATA_DIR: dataDir, FIREWATCH_AUTH: 'off' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const openPage = (width: number, height: number) => openRecordedPage(browser, width, height);

describe('dashboard shell in headless Chromium', () => {
  it('navigates every page through the navigation, without console errors', async () => {
    const { page, errors } = await openPage(1280, 800);
    await page.goto(server.url);
    for (const { path, heading } of PAGES) {
      await page.getByRole('navigation').getByRole('link', { name: heading, exact: true }).first().click();
      await page.waitForURL((url) => url.pathname === path);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe(heading);
      await page.screenshot({ path: join(ARTIFACTS, `page${path === '/' ? '-overview' : path.replace(/\//g, '-')}.png`), fullPage: true });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the filter state in the URL, across navigation and reload', async () => {
    const { page, errors } = await openPage(1280, 800);
    await page.goto(`${server.url}/workload?preset=last90&severity=2`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('Workload');
    await page.getByRole('navigation').getByRole('link', { name: 'Seasonality', exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === '/seasonality');
    const params = new URL(page.url()).searchParams;
    expect(params.get('preset')).toBe('last90');
    expect(params.get('severity')).toBe('2');
    await page.reload();
    expect(new URL(page.url()).searchParams.get('preset')).toBe('last90');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says that authentication is off', async () => {
    const { page } = await openPage(1280, 800);
    await page.goto(server.url);
    await expect.poll(() => page.getByText(/Authentication is off/i).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('fits a phone-width screen without horizontal scrolling', async () => {
    const { page, errors } = await openPage(390, 844);
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('Overview');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'phone-overview.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
