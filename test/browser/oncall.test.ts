import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ONCALL_RESPONDERS_LISTED, type OncallResponse } from '@firewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatHours } from '../../apps/web/src/components/charts/format.js';
import { launchChromium, openRecordedPage } from '../support/browser.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';
import { insertToken } from '../support/tokens.js';
import { PROJECT_ROOT } from '../support/server.js';

/**
 * The On-call page on the demo organisation, served by the built app. Expected figures are read from
 * the same API answer the page received: this checks the page shows the API's numbers (the numbers
 * themselves are tested in test/e2e/oncall.test.ts and compute-oncall.spec.ts).
 */

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');

let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  server = await startDemoServer('oncall');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const isReport = (url: string, responder?: string) => {
  const u = new URL(url);
  return u.pathname === '/api/v1/analytics/oncall' && u.searchParams.get('responder') === (responder ?? null);
};

async function openOncall(page: Page, path: string): Promise<OncallResponse> {
  const [response] = await Promise.all([page.waitForResponse((res) => isReport(res.url()) && res.ok()), page.goto(`${server.url}${path}`)]);
  return (await response.json()) as OncallResponse;
}

const headline = (page: Page, label: string) =>
  page.locator('.headline-figure').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd strong').textContent();
const card = (page: Page, title: RegExp) => page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: title }) });

describe('On-call page on the demo organisation', () => {
  it('shows the API’s figures and the planted flags, at 1280 px and at phone width, without console errors', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openOncall(page, '/oncall?preset=last90');
    const onCall = report.responders.filter((r) => r.onCallHours > 0);
    expect(onCall.length).toBeGreaterThan(30); // six teams' weekly rotations
    expect(report.responders).toHaveLength(report.respondersTotal); // fewer than ONCALL_RESPONDERS_LISTED: nothing cut
    expect(report.totals.onCallResponders).toBe(onCall.length);
    await expect.poll(() => headline(page, 'Responders on call')).toBe(formatCount(report.totals.onCallResponders));
    await expect.poll(() => headline(page, 'Hours on call')).toBe(formatHours(report.totals.onCallHours));
    await expect.poll(() => headline(page, 'Responders flagged')).toBe(formatCount(report.responders.filter((r) => r.flags.length > 0).length));
    expect(await card(page, /Hours on call per responder/).textContent()).not.toContain('are listed');

    // The flags table lists the API's flags in its order; the demo plants a long streak in the last weeks.
    const flags = card(page, /Health flags/);
    await expect.poll(() => flags.locator('tbody tr > :first-child').allTextContents()).toEqual(report.flags.map((f) => f.responder.name));
    expect(report.flags.map((f) => f.rule)).toContain('long_streak');

    // The hours chart draws the responders with the most hours, most first, as the API counts them.
    const hours = card(page, /Hours on call per responder/);
    const labels = await hours.locator('.recharts-yAxis-tick-labels text title').allTextContents();
    const byHours = [...onCall].sort((a, b) => b.onCallHours - a.onCallHours || a.externalId.localeCompare(b.externalId));
    expect(labels).toEqual(byHours.slice(0, 15).map((r) => r.name));
    await hours.getByRole('button', { name: 'Show as table' }).click();
    const firstRow = await hours.locator('tbody tr').first().locator('th, td').allTextContents();
    expect(firstRow.slice(0, 3)).toEqual([byHours[0]!.name, byHours[0]!.team?.name ?? '', formatHours(byHours[0]!.onCallHours)]);
    await page.screenshot({ path: join(ARTIFACTS, 'oncall-1280.png'), fullPage: true });
    expect(errors).toEqual([]);

    const phone = await openRecordedPage(browser, 390, 844);
    await openOncall(phone.page, '/oncall?preset=last90');
    await expect.poll(() => headline(phone.page, 'Responders on call')).toBe(formatCount(onCall.length));
    await expect.poll(() => card(phone.page, /Hours on call per responder/).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'oncall-390.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
    await page.close();
  });

  it('a flag drills down to the responder’s shifts and interruptions, and on to their incidents', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openOncall(page, '/oncall?preset=last90');
    const flag = report.flags.find((f) => f.rule === 'long_streak')!;
    const [response] = await Promise.all([
      page.waitForResponse((res) => isReport(res.url(), flag.responder.externalId) && res.ok()),
      card(page, /Health flags/).getByRole('link', { name: flag.responder.name }).first().click(),
    ]);
    expect(new URL(page.url()).searchParams.get('responder')).toBe(flag.responder.externalId);
    const detail = ((await response.json()) as OncallResponse).detail!;
    const shifts = card(page, /^Shifts of /);
    await expect.poll(() => shifts.locator('tbody tr').count()).toBe(Math.min(detail.shifts.length, 200));
    const first = await shifts.locator('tbody tr').first().locator('th, td').allTextContents(); // the first cell is the row header
    expect(first[0]).toBe(detail.shifts[0]!.start.slice(0, 16).replace('T', ' '));
    expect(first[4]).toBe(formatHours(detail.shifts[0]!.hoursInRange));
    await expect.poll(() => card(page, /^Interruptions of /).locator('tbody tr').count()).toBe(Math.min(detail.interruptions.length, 200));
    await page.screenshot({ path: join(ARTIFACTS, 'oncall-detail-1280.png'), fullPage: true });

    await page.getByRole('link', { name: 'Incidents they worked on' }).click();
    await page.waitForURL((url) => url.pathname === '/incidents');
    expect(new URL(page.url()).searchParams.get('responder')).toBe(flag.responder.externalId);
    expect(errors).toEqual([]);
    await page.close();
  });

  // Last: it adds responders to the demo.
  it('says when the answer lists only some responders, and the responders CSV has them all', async () => {
    const token = await insertToken(server.databaseUrl, 'browser-oncall-ingest', ['ingest']); // auth off still guards writes
    const post = async (kind: string, items: object[]) => {
      const res = await fetch(`${server.url}/api/v1/ingest/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ items }),
      });
      expect(res.status, `${kind}: ${await res.clone().text()}`).toBe(200);
    };
    // ONCALL_RESPONDERS_LISTED + 5 more people, each on call a few hours 30 days ago: more than the answer lists.
    const crowd = Array.from({ length: ONCALL_RESPONDERS_LISTED + 5 }, (_, k) => `crowd-${String(k + 1).padStart(3, '0')}`);
    const start = Math.floor((Date.now() - 30 * 86_400_000) / 3_600_000) * 3_600_000;
    await post('teams', [{ externalId: 'crowd', name: 'Crowd' }]);
    await post('responders', crowd.map((id) => ({ externalId: id, name: `Person ${id}`, team: 'crowd' })));
    await post('shifts', crowd.map((id, k) => ({ externalId: `sh-${id}`, responder: id, rotation: 'crowd', level: 1, start: new Date(start).toISOString(), end: new Date(start + (k + 1) * 3_600_000).toISOString() })));

    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    let report = await openOncall(page, '/oncall?preset=last90');
    for (let tries = 0; report.respondersTotal <= report.responders.length && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 500)); // the report reads data as it arrives (SPEC §3: within 5 s)
      report = await openOncall(page, '/oncall?preset=last90');
    }
    expect(report.respondersTotal).toBeGreaterThan(report.responders.length);
    const hours = card(page, /Hours on call per responder/);
    await expect
      .poll(() => hours.textContent())
      .toContain(`are drawn; the table lists them. ${formatCount(report.responders.length)} of ${formatCount(report.respondersTotal)} responders are listed; the CSV lists all.`);
    await expect.poll(() => headline(page, 'Responders on call')).toBe(formatCount(report.totals.onCallResponders));
    await page.screenshot({ path: join(ARTIFACTS, 'oncall-cut-1280.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), hours.getByRole('button', { name: 'Download CSV' }).click()]);
    const lines = (await readFile(await download.path())).toString('utf8').split('\r\n');
    expect(lines.length - 2).toBe(report.respondersTotal); // header and the final line break aside: every responder
    expect(lines.filter((l) => l.startsWith('crowd-'))).toHaveLength(crowd.length);
    expect(errors).toEqual([]);
    await page.close();
  });
});
