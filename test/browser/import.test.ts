import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, hashToken, tokenPrefix } from '@firewatch/api/auth/tokens.js';
import { embeddedDatabaseUrl, PROJECT_ROOT, startServer, type RunningServer } from '../support/server.js';
import { launchChromium } from '../support/browser.js';

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');
const CSV = join(PROJECT_ROOT, 'test/fixtures/csv');
/** Uploads answer 4xx on purpose here; the browser logs those as console errors, which are expected. */
const IMPORT_PATH = '/api/v1/import/';

let dataDir: string;
let server: RunningServer;
let browser: Browser;
let ingestToken: string;
let readToken: string;

/** Creates an API token directly in the test database and returns the secret. */
async function insertToken(name: string, scopes: Array<'ingest' | 'read'>): Promise<string> {
  const token = generateToken();
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(dataDir) });
  await client.connect();
  try {
    await client.query(`INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ($1, $2, $3, $4)`, [
      name,
      tokenPrefix(token),
      hashToken(token),
      scopes,
    ]);
  } finally {
    await client.end();
  }
  return token;
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  // Auth off (loopback, embedded database): reading needs no token, uploading still needs the ingest scope.
  dataDir = await mkdtemp(join(tmpdir(), 'firewatch-import-'));
  server = await startServer({ FIREWATCH_DATA_DIR: dataDir, FIREWATCH_AUTH: 'off' });
  browser = await launchChromium();
  ingestToken = await insertToken('browser-ingest', ['ingest']);
  readToken = await insertToken('browser-read', ['read']);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface WatchedPage {
  page: Page;
  /** Console errors and failed requests, except the answers of uploads. */
  errors: string[];
  /** Status of every upload answer, in order. */
  importStatuses: number[];
  /** Paths of every API GET, to see the dashboard refetch. */
  apiGets: string[];
}

async function openSettings(width: number, height: number): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width, height } });
  const watched: WatchedPage = { page, errors: [], importStatuses: [], apiGets: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.location().url.includes(IMPORT_PATH)) watched.errors.push(msg.text());
  });
  page.on('pageerror', (error) => watched.errors.push(error.message));
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (req.method() === 'GET' && path.startsWith('/api/')) watched.apiGets.push(path);
  });
  page.on('response', (res) => {
    if (res.url().includes(IMPORT_PATH)) watched.importStatuses.push(res.status());
    else if (res.status() >= 400) watched.errors.push(`${res.status()} ${res.url()}`);
  });
  await page.goto(`${server.url}/settings`);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('Settings & data');
  return watched;
}

async function upload(page: Page, kind: string, file: string, token: string): Promise<void> {
  await page.getByLabel('Record kind', { exact: true }).selectOption(kind);
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(join(CSV, file));
  await page.getByLabel('API token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

/** The cells of the problem-table row whose field is `field`. */
async function problemRow(page: Page, field: string): Promise<string[]> {
  const row = page.getByRole('alert').getByRole('row').filter({ has: page.getByRole('cell', { name: field, exact: true }) });
  await row.first().waitFor();
  return row.first().getByRole('cell').allTextContents();
}

describe('CSV import on the Settings & data page', () => {
  it('imports a file, lists every problem by line, and explains a missing ingest token', async () => {
    const { page, errors, importStatuses, apiGets } = await openSettings(1280, 900);

    const getsBefore = apiGets.length;
    await upload(page, 'teams', 'teams.csv', ingestToken);
    await expect.poll(() => page.getByRole('status').textContent()).toBe('teams.csv: 2 created, 0 updated, 0 unchanged');
    // Every query is invalidated: the active ones (at least health) are fetched again.
    await expect.poll(() => apiGets.slice(getsBefore).includes('/api/health')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'settings-import-success.png') });

    // The token is remembered for the session only: a reload keeps it.
    await page.reload();
    await expect.poll(() => page.getByLabel('API token', { exact: true }).inputValue()).toBe(ingestToken);

    await upload(page, 'incidents', 'incidents-bad-row.csv', ingestToken);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('nothing was imported');
    expect(await alert.getByRole('columnheader').allTextContents()).toEqual(['Line', 'Field', 'Problem']);
    const [line, field, problem] = await problemRow(page, 'declaredAt');
    expect({ line, field }).toEqual({ line: '5', field: 'declaredAt' });
    expect(problem).toContain('ISO 8601');
    await page.screenshot({ path: join(ARTIFACTS, 'settings-import.png') });

    // An unknown token (401) and a token without the ingest scope (403) both say how to get the right one.
    for (const token of [generateToken(), readToken]) {
      await upload(page, 'teams', 'teams.csv', token);
      await expect.poll(() => alert.textContent()).toContain('npm run token -- create --name NAME --scopes ingest');
      expect(await alert.getByRole('table').count()).toBe(0);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'settings-import-token.png') });

    expect(importStatuses).toEqual([200, 400, 401, 403]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone-width screen with the problem table shown', async () => {
    const { page, errors } = await openSettings(390, 844);
    await upload(page, 'incidents', 'incidents-bad-row.csv', ingestToken);
    await problemRow(page, 'declaredAt');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    // The Import panel only, captured from the top of the page so the sticky menu bar does not cover it.
    await page.evaluate(() => window.scrollTo(0, 0));
    const panel = await page.getByRole('region', { name: 'Import', exact: true }).boundingBox();
    await page.screenshot({ path: join(ARTIFACTS, 'settings-import-phone.png'), fullPage: true, clip: panel! });
    expect(errors).toEqual([]);
    await page.close();
  });
});
