import { join } from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateToken, hashToken, tokenPrefix } from '@firewatch/api/auth/tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { PROJECT_ROOT, startServer, type RunningServer } from '../support/server.js';
import { launchChromium, openRecordedPage } from '../support/browser.js';

/** With authentication on (the default with DATABASE_URL), the dashboard reads with a token it asks for. */

let db: TestDatabase;
let server: RunningServer;
let browser: Browser;
let token: string;

beforeAll(async () => {
  db = await createTestDatabase(inject('pgAdminUrl'));
  token = generateToken();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ('reader', $1, $2, ARRAY['read'])`, [tokenPrefix(token), hashToken(token)]);
  await client.query(`INSERT INTO teams (source, external_id, name) VALUES ('api', 'core', 'Core platform')`);
  await client.end();
  server = await startServer({ DATABASE_URL: db.url });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.drop();
});

describe('reading with a token when authentication is on', () => {
  it('asks for a read token, then loads the data with it', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 800);
    await page.goto(`${server.url}/workload`);
    await expect.poll(() => page.getByText('This server requires an API token to read the data.').count()).toBe(1);
    // Without a token the team list is refused.
    await expect.poll(() => errors.some((e) => e.startsWith('401 ') && e.includes('/api/v1/teams'))).toBe(true);
    await page.screenshot({ path: join(PROJECT_ROOT, 'test/artifacts/read-token-prompt.png') });
    errors.length = 0;

    await page.getByLabel('Read token').fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(() => page.getByText(/Reading with an API token/).count()).toBe(1);
    await expect.poll(() => page.getByLabel('Team').locator('option', { hasText: 'Core platform' }).count()).toBe(1);
    await page.screenshot({ path: join(PROJECT_ROOT, 'test/artifacts/read-token.png') });
    expect(errors).toEqual([]);

    // Kept for the session: a reload still reads.
    await page.reload();
    await expect.poll(() => page.getByLabel('Team').locator('option', { hasText: 'Core platform' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
