import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { IncidentDetail, WorkloadResponse } from '@firewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHours } from '../../apps/web/src/components/charts/format.js';
import { embeddedDatabaseUrl, PROJECT_ROOT, startServer, type RunningServer } from '../support/server.js';
import { launchChromium, openRecordedPage } from '../support/browser.js';

/**
 * The Workload page on the demo organisation, served by the built app as `npm start` serves it.
 * Every expected figure is read from the same API answer the page received, so the test checks
 * that the page shows the API's numbers (the numbers themselves are tested in test/e2e/workload.test.ts).
 */

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');

let dataDir: string;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  // As `npm start` serves it: loopback and the embedded database (auth can only be off there), the demo loaded.
  dataDir = await mkdtemp(join(tmpdir(), 'firewatch-workload-'));
  server = await startServer({ FIREWATCH_AUTH: 'off', FIREWATCH_DEMO: 'on', FIREWATCH_DATA_DIR: dataDir }, 110_000);
  await workloadComputed(embeddedDatabaseUrl(dataDir));
  browser = await launchChromium();
});

/** The demo's activity is turned into workload by the background queue after the server listens: wait for it. */
async function workloadComputed(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const deadline = Date.now() + 100_000; Date.now() < deadline; ) {
      const [row] = (await client.query(`SELECT (SELECT count(*) FROM workload_queue)::int AS queued, (SELECT count(*) FROM work_segments)::int AS segments`)).rows;
      if (row.queued === 0 && row.segments > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('the demo workload was not computed within 100 s');
  } finally {
    await client.end();
  }
}
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** "Week of 12 Jan 2026", as the weekly chart's tooltip names a week. */
const weekStartLabel = (week: string) =>
  `Week of ${new Date(`${week}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}`;

const isReport = (url: string) => new URL(url).pathname === '/api/v1/analytics/workload';

/** Opens `path` and returns the workload report the page loaded (parsed from the same answer). */
async function openWorkload(page: Page, path: string): Promise<{ report: WorkloadResponse; url: URL }> {
  const [response] = await Promise.all([page.waitForResponse((res) => isReport(res.url()) && res.ok()), page.goto(`${server.url}${path}`)]);
  return { report: (await response.json()) as WorkloadResponse, url: new URL(response.url()) };
}

const headline = (page: Page, label: string) =>
  page.locator('.headline-figure').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd strong').textContent();

const weeklyCard = (page: Page) => page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: /Responder hours per week/ }) });

describe('Workload page on the demo organisation', () => {
  it('shows the API’s figures, at 1280 px and at phone width, without console errors', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report, url } = await openWorkload(page, '/workload?preset=year');
    expect(url.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(report.totals.hours).toBeGreaterThan(1000); // a year of the demo: thousands of responder hours
    await expect.poll(() => headline(page, 'Responder hours')).toBe(formatHours(report.totals.hours));
    await expect.poll(() => headline(page, 'Responders with workload')).toBe(String(report.totals.responders));
    // The weekly chart drew one bar stack per week with workload, the ranking its 15 responders.
    await expect.poll(() => weeklyCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(40);
    const responderCard = page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: /per responder/ }) });
    expect(await responderCard.locator('.recharts-yAxis-tick-labels text title').first().textContent()).toBe(report.responders[0]!.name);
    await page.screenshot({ path: join(ARTIFACTS, 'workload-1280.png'), fullPage: true });

    // The text alternative: the weekly numbers as a table, the busiest responder first in theirs.
    await weeklyCard(page).getByRole('button', { name: 'Show as table' }).click();
    const busiest = report.weekly.reduce((a, b) => (b.minutes > a.minutes ? b : a));
    const row = weeklyCard(page).locator('tbody tr').nth(report.weekly.indexOf(busiest));
    expect(await row.locator('td').first().textContent()).toBe(formatHours(Math.round((busiest.minutes / 60) * 100) / 100));
    expect(errors).toEqual([]);

    const phone = await openRecordedPage(browser, 390, 844);
    await openWorkload(phone.page, '/workload?preset=year');
    await expect.poll(() => headline(phone.page, 'Responder hours')).toBe(formatHours(report.totals.hours));
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'workload-390.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
    await page.close();
  });

  it('a filter change updates the URL and the figures', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report: all } = await openWorkload(page, '/workload?preset=year');
    await expect.poll(() => headline(page, 'Responder hours')).toBe(formatHours(all.totals.hours));
    const [response] = await Promise.all([
      page.waitForResponse((res) => isReport(res.url()) && new URL(res.url()).searchParams.get('severity') === '2'),
      page.getByLabel('Severity').selectOption('2'),
    ]);
    expect(new URL(page.url()).searchParams.get('severity')).toBe('2');
    const major = (await response.json()) as WorkloadResponse;
    expect(major.totals.hours).toBeLessThan(all.totals.hours); // SEV1–2 only: a part of all hours
    await expect.poll(() => headline(page, 'Responder hours')).toBe(formatHours(major.totals.hours));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('clicking a week’s bar lands on the incidents declared that week, with the same filters', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report } = await openWorkload(page, '/workload?preset=last90&severity=3');
    await expect.poll(() => weeklyCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(5);
    // The tallest "working" bar is the week with the most working minutes.
    const working = weeklyCard(page).locator('.recharts-bar').first().locator('.recharts-rectangle');
    const heights = await working.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    const tallest = heights.indexOf(Math.max(...heights));
    const busiest = report.weekly.filter((w) => w.working > 0).reduce((a, b) => (b.working > a.working ? b : a));
    await working.nth(tallest).click();
    await page.waitForURL((url) => url.pathname === '/incidents');
    const params = new URL(page.url()).searchParams;
    const weekEnd = new Date(Date.parse(`${busiest.week}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    // The week's days inside the range: from its Monday (or the range's first day) to the next Monday (exclusive).
    expect(params.get('preset')).toBe('custom');
    expect(params.get('from')).toBe(busiest.week > report.range.from ? busiest.week : report.range.from);
    expect(params.get('to')).toBe(weekEnd < report.range.to ? weekEnd : report.range.to);
    expect(params.get('severity')).toBe('3');
    await expect.poll(() => page.locator('.incident-table tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const declared = await page.locator('.incident-table tbody time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')!));
    for (const at of declared) {
      expect(at >= `${params.get('from')}`).toBe(true);
      expect(at < `${params.get('to')}`).toBe(true); // the demo's org time zone is UTC
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drills down from the keyboard: focus the chart, arrows to a week, Enter', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report } = await openWorkload(page, '/workload?preset=last90');
    await expect.poll(() => weeklyCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(5);
    const surface = weeklyCard(page).locator('.recharts-surface[tabindex="0"]');
    await surface.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const label = await weeklyCard(page).locator('.chart-tooltip-title').textContent();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/incidents');
    // The week the tooltip showed is the week opened.
    const from = new URL(page.url()).searchParams.get('from')!;
    const week = report.weekly.find((w) => weekStartLabel(w.week) === label)!;
    expect(week).toBeDefined();
    expect(from).toBe(week.week > report.range.from ? week.week : report.range.from);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a team’s bar narrows the responder chart to that team’s responders, removable as a chip', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report } = await openWorkload(page, '/workload?preset=last90');
    const teams = page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: /Hours per team/ }) });
    const responders = page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: /Who carries the load/ }) });
    await expect.poll(() => teams.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const team = report.teams[0]!; // the most hours: the top bar
    await teams.locator('.recharts-bar').first().locator('.recharts-rectangle').first().click();
    await page.waitForURL((url) => url.searchParams.has('responderTeam'));
    expect(new URL(page.url()).searchParams.get('responderTeam')).toBe(team.externalId ?? 'no-team');
    expect(new URL(page.url()).searchParams.get('preset')).toBe('last90'); // the filters stay
    await expect.poll(() => responders.getByRole('heading').first().textContent()).toBe(`Who carries the load: hours per responder of ${team.name} (hours)`);
    // The table view lists exactly the team's responders with workload (the team's bar counts them).
    await responders.getByRole('button', { name: 'Show as table' }).click();
    const members = report.responders.filter((r) => (r.team?.externalId ?? null) === team.externalId);
    expect(members).toHaveLength(team.responders);
    expect(await responders.locator('tbody th').allTextContents()).toEqual(members.map((r) => r.name));
    await page.getByRole('button', { name: `Remove filter: Team: ${team.name}` }).click();
    await page.waitForURL((url) => !url.searchParams.has('responderTeam'));
    await expect.poll(() => responders.locator('tbody tr').count()).toBe(report.responders.length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a top incident’s bar opens the incident with its per-responder timeline, at both widths', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report } = await openWorkload(page, '/workload?preset=last90');
    const top = report.topIncidents[0]!;
    const card = page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: /Incidents that cost the most/ }) });
    await expect.poll(() => card.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const [detailAnswer] = await Promise.all([
      page.waitForResponse((res) => new URL(res.url()).pathname === `/api/v1/incidents/${top.externalId}`),
      card.locator('.recharts-bar').first().locator('.recharts-rectangle').first().click(),
    ]);
    await page.waitForURL((url) => url.pathname === `/incidents/${top.externalId}`);
    const detail = (await detailAnswer.json()) as IncidentDetail;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(top.title);
    // One timeline row per responder with workload, one box per stored segment.
    await expect.poll(() => page.locator('.timeline-grid [role="listitem"]').count()).toBe(detail.workload.responders.length);
    expect(await page.locator('.timeline-segment').count()).toBe(detail.workload.responders.reduce((n, r) => n + r.segments.length, 0));
    expect(await page.locator('.timeline-name').first().textContent()).toContain(detail.workload.responders[0]!.name);
    await expect.poll(() => headline(page, 'Responder hours')).toBe(formatHours(detail.workload.hours));
    // All of the incident's workload is inside the last 90 days here, so the report's minutes are the incident's.
    expect(detail.workload.totalMinutes).toBeGreaterThanOrEqual(top.minutes);
    await page.screenshot({ path: join(ARTIFACTS, 'incident-detail-1280.png'), fullPage: true });
    expect(errors).toEqual([]);

    const phone = await openRecordedPage(browser, 390, 844);
    await phone.page.goto(`${server.url}/incidents/${top.externalId}`);
    await expect.poll(() => phone.page.locator('.timeline-segment').count()).toBeGreaterThan(0);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'incident-detail-390.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
    await page.close();
  });

  it('a chart’s info link opens its definition', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    await openWorkload(page, '/workload?preset=last90');
    await weeklyCard(page).getByRole('link', { name: /Definition/ }).click();
    await page.waitForURL((url) => url.pathname === '/settings/definitions');
    expect(new URL(page.url()).hash).toBe('#workload-responder-hours-per-incident');
    // The section is there and has the focus, scrolled into view.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('workload-responder-hours-per-incident');
    expect(await page.locator(':focus').textContent()).toBe('Workload (responder hours per incident)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('CSV downloads contain the charted numbers', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report } = await openWorkload(page, '/workload?preset=last90');
    await expect.poll(() => weeklyCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(5);

    const [weekly] = await Promise.all([page.waitForEvent('download'), weeklyCard(page).getByRole('button', { name: 'Download CSV' }).click()]);
    expect(weekly.suggestedFilename()).toBe(`workload-weekly_${report.range.from}_${report.range.to}.csv`);
    const lines = (await readFile(await weekly.path())).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('week,hours,working_hours,late_hours,sleeping_hours');
    const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
    expect(lines.slice(1, -1)).toEqual(
      report.weekly.map((w) => [w.week, hours(w.minutes), hours(w.working), hours(w.late), hours(w.sleeping)].join(',')),
    );

    // The responders table comes from the API's own CSV (Accept: text/csv).
    const responderCard = page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: /per responder/ }) });
    const [responders] = await Promise.all([page.waitForEvent('download'), responderCard.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(responders.suggestedFilename()).toBe(`workload-responders_${report.range.from}_${report.range.to}.csv`);
    const rows = (await readFile(await responders.path())).toString('utf8').split('\r\n');
    expect(rows[0]).toBe('externalId,name,team,teamName,minutes,working,late,sleeping,incidents');
    const first = report.responders[0]!;
    expect(rows[1]).toBe(
      [first.externalId, first.name, first.team?.externalId ?? '', first.team?.name ?? '', first.minutes, first.working, first.late, first.sleeping, first.incidents].join(','),
    );
    expect(rows.length - 2).toBe(report.responders.length);
    expect(errors).toEqual([]);
    await page.close();
  });
});
