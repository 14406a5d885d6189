import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, hashToken, tokenPrefix } from '@firewatch/api/auth/tokens.js';
import { launchChromium, openRecordedPage } from '../support/browser.js';
import { GOOD_TOKEN, startFakePagerDuty, type FakePagerDuty } from '../support/fake-pagerduty.js';
import { embeddedDatabaseUrl, PROJECT_ROOT, startServer, type RunningServer } from '../support/server.js';

/** Settings & data → PagerDuty history: starting an import and following it to its end, at 1280 px and phone width. */

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');

let dataDir: string;
let server: RunningServer;
let browser: Browser;
let pd: FakePagerDuty;
let ingestToken: string;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  pd = await startFakePagerDuty();
  dataDir = await mkdtemp(join(tmpdir(), 'firewatch-pd-import-'));
  server = await startServer({ FIREWATCH_DATA_DIR: dataDir, FIREWATCH_AUTH: 'off', PAGERDUTY_API_TOKEN: GOOD_TOKEN, PAGERDUTY_API_URL: pd.url });
  browser = await launchChromium();
  ingestToken = generateToken();
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(dataDir) });
  await client.connect();
  try {
    await client.query(`INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ('browser-ingest', $1, $2, '{ingest}')`, [tokenPrefix(ingestToken), hashToken(ingestToken)]);
  } finally {
    await client.end();
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await pd?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('PagerDuty history panel', () => {
  it('starts an import, shows its progress and what it wrote', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    await page.goto(`${server.url}/settings`);
    const panel = page.getByRole('region', { name: 'PagerDuty history' });
    await panel.getByLabel('Incidents created from (UTC)').fill('2025-01-01');
    await panel.getByLabel('Until (exclusive; empty: now)').fill('2025-01-22');
    await panel.getByLabel('Firewatch API token').fill(ingestToken);
    await panel.getByRole('button', { name: 'Start import' }).click();
    // The run waits 1 s for each of the local PagerDuty's three faults.
    const outcome = panel.getByText(/^Imported 2025-01-01 – 2025-01-22: /);
    await outcome.waitFor({ timeout: 20_000 });
    // Created: window 1 = 2 teams + 2 services + 3 responders + PT4KHLK's incident and alert + 4 pages + 3 activity
    // + 3 shifts = 19; window 2 = 2 incidents + 2 alerts + 4 pages + 1 activity + 1 shift = 10; window 3 = 4 + 5 pages
    // + 4 activity = 13; 19 + 10 + 13 = 42. Unchanged, records a window repeats: window 2 = 2 teams + 2 services
    // + 3 responders + Ben's shift = 8; window 3 = 2 teams + 1 service + 3 responders + Earline's second shift = 7.
    expect(await outcome.textContent()).toBe(
      'Imported 2025-01-01 – 2025-01-22: 5 incidents, 13 pages, 8 activity, 6 shifts; 42 created, 0 updated, 15 unchanged; 0 webhook rows replaced.',
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'settings-pagerduty-import.png'), fullPage: true, clip: (await panel.boundingBox())! });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone-width screen', async () => {
    const { page, errors } = await openRecordedPage(browser, 390, 844);
    await page.goto(`${server.url}/settings`);
    const panel = page.getByRole('region', { name: 'PagerDuty history' });
    await panel.getByText(/^Imported 2025-01-01 – 2025-01-22: /).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'settings-pagerduty-import-phone.png'), fullPage: true, clip: (await panel.boundingBox())! });
    expect(errors).toEqual([]);
    await page.close();
  });
});
