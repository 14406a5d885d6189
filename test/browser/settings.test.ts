import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_SETTINGS, type Settings } from '@firewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDatabaseUrl, PROJECT_ROOT, startServer, type RunningServer } from '../support/server.js';
import { launchChromium, openRecordedPage } from '../support/browser.js';
import { insertToken } from '../support/tokens.js';

/** Settings & data and the Definitions page, served by the built app (auth off: reading needs no token). */

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');

let dataDir: string;
let server: RunningServer;
let browser: Browser;
let ingestToken: string;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  // Loopback and the embedded database, as `npm start` runs it: auth off, so reading needs no token.
  dataDir = await mkdtemp(join(tmpdir(), 'firewatch-settings-'));
  server = await startServer({ FIREWATCH_DATA_DIR: dataDir, FIREWATCH_AUTH: 'off' });
  browser = await launchChromium();
  ingestToken = await insertToken(embeddedDatabaseUrl(dataDir), 'browser-settings', ['ingest']);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const savedSettings = async (page: Page): Promise<Settings> => (await page.request.get(`${server.url}/api/v1/settings`)).json() as Promise<Settings>;

async function openSettings(width: number, height: number) {
  const recorded = await openRecordedPage(browser, width, height);
  await recorded.page.goto(`${server.url}/settings`);
  const saved = await savedSettings(recorded.page);
  await expect.poll(() => recorded.page.getByLabel('Organisation time zone').inputValue()).toBe(saved.timezone);
  return recorded;
}

describe('Settings & data', () => {
  it('saves changed settings with an ingest token', async () => {
    const { page, errors } = await openSettings(1280, 900);
    await page.screenshot({ path: join(ARTIFACTS, 'settings-1280.png'), fullPage: true });
    await page.getByLabel('Organisation time zone').fill('Europe/Berlin');
    await page.getByLabel('Cost of one responder-hour').fill('95.5');
    await page.getByRole('checkbox', { name: 'Sat' }).check();
    await page.getByLabel('API token (ingest scope)').fill(ingestToken);
    // One ingest token for the page: the import form shows it too.
    expect(await page.getByLabel('API token', { exact: true }).inputValue()).toBe(ingestToken);
    await page.getByRole('button', { name: 'Save 3 changes' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Settings saved' }).count()).toBe(1);
    expect(await savedSettings(page)).toEqual({
      ...DEFAULT_SETTINGS,
      timezone: 'Europe/Berlin',
      hourlyCost: 95.5,
      workingHours: { ...DEFAULT_SETTINGS.workingHours, days: [1, 2, 3, 4, 5, 6] },
    });
    // A reload shows what the API kept.
    await page.reload();
    await expect.poll(() => page.getByLabel('Organisation time zone').inputValue()).toBe('Europe/Berlin');
    expect(await page.getByLabel('Cost of one responder-hour').inputValue()).toBe('95.5');
    expect(await page.getByRole('button', { name: 'No changes' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the API’s 400 next to the field it names, and saves nothing', async () => {
    const { page, errors } = await openSettings(1280, 900);
    const before = await savedSettings(page);
    const holiday = page.getByLabel('Holiday country');
    await holiday.fill('XX');
    await page.getByLabel('Cost of one responder-hour').fill('120');
    await page.getByLabel('API token (ingest scope)').fill(ingestToken);
    const [answer] = await Promise.all([
      page.waitForResponse((res) => res.url().endsWith('/api/v1/settings') && res.request().method() === 'PUT'),
      page.getByRole('button', { name: 'Save 2 changes' }).click(),
    ]);
    expect(answer.status()).toBe(400);
    await expect.poll(() => holiday.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await holiday.getAttribute('aria-describedby'))!.split(' ');
    const message = await page.locator(`[id="${describedBy.at(-1)}"]`).textContent();
    expect(message).toBe('is not a country the holiday calendar knows: XX');
    expect(await page.getByLabel('Cost of one responder-hour').getAttribute('aria-invalid')).toBeNull();
    expect(await savedSettings(page)).toEqual(before); // all or nothing: the cost was not written either
    await page.screenshot({ path: join(ARTIFACTS, 'settings-error-1280.png'), fullPage: true });
    // The failed PUT is the expected 400; nothing else went wrong.
    expect(errors.filter((e) => !e.includes('/api/v1/settings') && !e.includes('400'))).toEqual([]);
    await page.close();
  });

  it('fits a phone-width screen', async () => {
    const { page, errors } = await openSettings(390, 844);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'settings-390.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('Definitions', () => {
  it.each([
    [1280, 900],
    [390, 844],
  ])('renders METRICS.md with a section per metric at %i px', async (width, height) => {
    const { page, errors } = await openRecordedPage(browser, width, height);
    await page.goto(`${server.url}/settings`);
    await page.getByRole('link', { name: 'Read the metric definitions' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/definitions');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Metric definitions');
    expect(await page.locator('.definitions-document [id="workload-responder-hours-per-incident"]').textContent()).toBe(
      'Workload (responder hours per incident)',
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, `definitions-${width}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
