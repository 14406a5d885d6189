import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ReadinessReport, ResponderDetail, WorkloadResponse } from '@firewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatHours } from '../../apps/web/src/components/charts/format.js';
import { launchChromium, openRecordedPage } from '../support/browser.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';
import { PROJECT_ROOT } from '../support/server.js';

/**
 * The Readiness page and the responder page on the demo organisation, served by the built app.
 * Expected figures are read from the same API answer the page received: this checks the pages show
 * the API's numbers (the numbers themselves are tested in test/e2e/readiness.test.ts).
 */

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');

let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  server = await startDemoServer('readiness');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const isReport = (url: string) => new URL(url).pathname === '/api/v1/analytics/readiness';
const isResponder = (url: string, id: string) => new URL(url).pathname === `/api/v1/responders/${id}`;

async function openReadiness(page: Page, path: string): Promise<ReadinessReport> {
  const [response] = await Promise.all([page.waitForResponse((res) => isReport(res.url()) && res.ok()), page.goto(`${server.url}${path}`)]);
  return (await response.json()) as ReadinessReport;
}

const headline = (page: Page, label: string | RegExp) =>
  page.locator('.headline-figure').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd strong').textContent();
const card = (page: Page, title: RegExp) => page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: title }) });
const dailyCard = (page: Page) => card(page, /Ready responders per day/);
const coverageCard = (page: Page) => card(page, /Service coverage/);
const departureCard = (page: Page) => card(page, /Departure impact/);
const overflowOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('Readiness page on the demo organisation', () => {
  it('shows the API’s figures and the planted departure, at 1280 px and at phone width, without console errors', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openReadiness(page, '/readiness?preset=year');
    const last = report.series.at(-1)!;
    expect(last.active).toBeGreaterThan(40); // the demo organisation has about 56 responders
    await expect.poll(() => headline(page, /^Ready on/)).toBe(formatCount(last.ready));
    await expect.poll(() => headline(page, 'Uncovered services')).toBe(formatCount(report.services.filter((s) => s.status === 'uncovered').length));
    // One line point per day, one dashed marker per day with a hire and per day with a departure (org-local days).
    await expect.poll(() => dailyCard(page).locator('.recharts-line').count()).toBe(2);
    const dayIn = new Intl.DateTimeFormat('en-CA', { timeZone: report.timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const localDay = (instant: string) => dayIn.format(new Date(instant)); // YYYY-MM-DD
    const markedDays = new Set([...report.hires.map((h) => `hire ${localDay(h.startedAt)}`), ...report.departures.map((d) => `departure ${localDay(d.leftAt)}`)]);
    expect(markedDays.size).toBeGreaterThan(0);
    expect(await dailyCard(page).locator('.recharts-reference-line').count()).toBe(markedDays.size);
    // One line per team in the per-team view.
    expect(await card(page, /Ready share per team/).locator('.recharts-line').count()).toBe(report.teams.length);
    // The coverage grid: one cell per service, in the API's order, its status in words.
    const cells = coverageCard(page).locator('.status-cell');
    expect(await cells.count()).toBe(report.services.length);
    expect(await cells.locator('.status-cell-title').allTextContents()).toEqual(report.services.map((s) => s.name));
    // Each cell names its ready responders (not their ids), each name opening the responder page.
    for (const [index, service] of report.services.entries()) {
      const who = cells.nth(index).locator('.status-cell-detail');
      if (service.readyResponders.length === 0) expect(await who.textContent()).toBe('Nobody ready');
      else {
        expect(await who.getByRole('link').allTextContents()).toEqual(service.readyResponders.map((r) => r.name));
        expect(await who.getByRole('link').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))).toEqual(
          service.readyResponders.map((r) => `/responders/${r.externalId}`),
        );
      }
    }
    expect(report.services.some((s) => s.readyResponders.length > 1)).toBe(true);
    expect((await coverageCard(page).locator('.status-cell-detail').allTextContents()).join(' ')).not.toMatch(/\br-\d/);
    // The demo's planted departure (demo-manifest `hires-and-departures`): the only ready Postgres responder leaves, 1 → 0.
    const postgres = report.departures.flatMap((d) => d.services.map((s) => ({ d, s }))).find(({ s }) => s.externalId === 'svc-postgres')!;
    expect([postgres.s.readyBefore, postgres.s.readyAfter]).toEqual([1, 0]);
    const labels = await departureCard(page).locator('.recharts-yAxis-tick-labels text title').allTextContents();
    expect(labels).toContain(`${postgres.d.name} · Postgres`);
    await page.screenshot({ path: join(ARTIFACTS, 'readiness-1280.png'), fullPage: true });

    // The text alternative of the daily chart: its last row is the headline's day.
    await dailyCard(page).getByRole('button', { name: 'Show as table' }).click();
    // A year of days is more than a table draws at first (200 rows): the rest are a click away.
    expect(report.series.length).toBeGreaterThan(200);
    expect(await dailyCard(page).locator('tbody tr').count()).toBe(200);
    expect(await dailyCard(page).locator('.data-table-more').textContent()).toContain(`The first 200 of ${formatCount(report.series.length)} rows.`);
    await dailyCard(page).getByRole('button', { name: `Show all ${formatCount(report.series.length)}` }).click();
    await expect.poll(() => dailyCard(page).locator('tbody tr').count()).toBe(report.series.length);
    const lastRow = dailyCard(page).locator('tbody tr').last();
    expect(await lastRow.locator('th').textContent()).toBe(last.date);
    expect(await lastRow.locator('td').first().textContent()).toBe(formatCount(last.ready));
    expect(errors).toEqual([]);

    const phone = await openRecordedPage(browser, 390, 844);
    await openReadiness(phone.page, '/readiness?preset=year');
    await expect.poll(() => headline(phone.page, /^Ready on/)).toBe(formatCount(last.ready));
    await expect.poll(() => coverageCard(phone.page).locator('.status-cell').count()).toBe(report.services.length);
    expect(await overflowOf(phone.page)).toBe(0);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'readiness-390.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
    await page.close();
  });

  it('a filter change and an as-of day update the URL and the data', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const all = await openReadiness(page, '/readiness?preset=last90');
    await expect.poll(() => headline(page, /^Ready on/)).toBe(formatCount(all.series.at(-1)!.ready));
    const [teamAnswer] = await Promise.all([
      page.waitForResponse((res) => isReport(res.url()) && new URL(res.url()).searchParams.get('team') === 'platform'),
      page.getByLabel('Team', { exact: true }).selectOption('platform'),
    ]);
    expect(new URL(page.url()).searchParams.get('team')).toBe('platform');
    const platform = (await teamAnswer.json()) as ReadinessReport;
    expect(platform.teams.map((t) => t.name)).toEqual(['Platform']);
    expect(platform.series.at(-1)!.active).toBeLessThan(all.series.at(-1)!.active);
    await expect.poll(() => headline(page, /^Ready on/)).toBe(formatCount(platform.series.at(-1)!.ready));
    await expect.poll(() => coverageCard(page).locator('.status-cell').count()).toBe(platform.services.length);

    // The as-of day: coverage and lapsing are judged on the day chosen.
    const day = platform.series[10]!.date;
    const [asOfAnswer] = await Promise.all([
      page.waitForResponse((res) => isReport(res.url()) && new URL(res.url()).searchParams.get('asOf') === day),
      page.getByLabel('Coverage and lapsing as of').fill(day),
    ]);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(day);
    expect(new URL(page.url()).searchParams.get('team')).toBe('platform');
    const then = (await asOfAnswer.json()) as ReadinessReport;
    expect(then.asOf).toBe(day);
    await expect.poll(() => coverageCard(page).locator('.status-cell-title').allTextContents()).toEqual(then.services.map((s) => s.name));

    // A click on a day of the daily chart makes that day the as-of day.
    const surface = dailyCard(page).locator('.recharts-surface');
    await surface.scrollIntoViewIfNeeded();
    const box = (await surface.boundingBox())!;
    const [dayAnswer] = await Promise.all([
      page.waitForResponse((res) => isReport(res.url()) && (new URL(res.url()).searchParams.get('asOf') ?? day) !== day),
      page.mouse.click(box.x + box.width / 2, box.y + box.height / 2),
    ]);
    const clicked = new URL(dayAnswer.url()).searchParams.get('asOf')!;
    expect(platform.series.map((d) => d.date)).toContain(clicked);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(clicked);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a service opens its incidents; a departure opens the responder page, at both widths', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openReadiness(page, '/readiness?preset=year&severity=2');
    const covered = report.services.find((s) => s.status === 'covered')!;
    await coverageCard(page).locator('.status-cell-title').getByRole('link', { name: covered.name, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/incidents');
    const params = new URL(page.url()).searchParams;
    expect(params.getAll('service')).toEqual([covered.externalId]);
    expect([params.get('from'), params.get('to'), params.get('severity')]).toEqual([report.range.from, report.range.to, '2']);
    // Covered = ready responders had a major incident on it within the window, inside this year.
    await expect.poll(() => page.locator('.incident-table tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await openReadiness(page, '/readiness?preset=year');
    const leaver = report.departures.find((d) => d.services.some((s) => s.externalId === 'svc-postgres'))!;
    const index = report.departures.flatMap((d) => d.services.map(() => d.externalId)).indexOf(leaver.externalId);
    await expect.poll(() => departureCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const [answer] = await Promise.all([
      page.waitForResponse((res) => isResponder(res.url(), leaver.externalId) && res.ok()),
      departureCard(page).locator('.recharts-bar').last().locator('.recharts-rectangle').nth(index).click(),
    ]);
    await page.waitForURL((url) => url.pathname === `/responders/${leaver.externalId}`);
    const detail = (await answer.json()) as ResponderDetail;
    expect(detail.leftAt).toBe(leaver.leftAt);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(leaver.name);
    await expect.poll(() => headline(page, /^Readiness on/)).toBe('Not active'); // they left in the range
    await expect.poll(() => headline(page, 'Responder hours')).toBe(formatHours(detail.workload.minutes / 60));
    await expect.poll(() => headline(page, 'Pager interruptions')).toBe(formatCount(detail.interruptions.interruptions));
    const experiences = card(page, /Qualifying experiences/);
    expect(await experiences.locator('.recharts-bar-rectangle').count()).toBe(detail.experiences.length);
    await page.screenshot({ path: join(ARTIFACTS, 'responder-1280.png'), fullPage: true });
    expect(errors).toEqual([]);

    const phone = await openRecordedPage(browser, 390, 844);
    await Promise.all([
      phone.page.waitForResponse((res) => isResponder(res.url(), leaver.externalId) && res.ok()),
      phone.page.goto(`${server.url}/responders/${leaver.externalId}?preset=year`),
    ]);
    await expect.poll(() => phone.page.getByRole('heading', { level: 1 }).textContent()).toBe(leaver.name);
    expect(await overflowOf(phone.page)).toBe(0);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'responder-390.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
    await page.close();
  });

  it('the Workload page’s responder chart opens the responder page', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const [response] = await Promise.all([
      page.waitForResponse((res) => new URL(res.url()).pathname === '/api/v1/analytics/workload' && res.ok()),
      page.goto(`${server.url}/workload?preset=last90`),
    ]);
    const workload = (await response.json()) as WorkloadResponse;
    const top = workload.responders[0]!;
    const responders = card(page, /per responder/);
    await expect.poll(() => responders.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const [answer] = await Promise.all([
      page.waitForResponse((res) => isResponder(res.url(), top.externalId) && res.ok()),
      responders.locator('.recharts-bar').first().locator('.recharts-rectangle').first().click(),
    ]);
    await page.waitForURL((url) => url.pathname === `/responders/${top.externalId}`);
    const detail = (await answer.json()) as ResponderDetail;
    // The same range and the same workload rules: the responder page's hours are the workload report's.
    expect(detail.workload.minutes).toBe(top.minutes);
    await expect.poll(() => headline(page, 'Responder hours')).toBe(formatHours(top.minutes / 60));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('CSV downloads contain the charted numbers; the info link opens the definition', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openReadiness(page, '/readiness?preset=last90');
    await expect.poll(() => dailyCard(page).locator('.recharts-line').count()).toBe(2);

    // The daily series comes from the API's own CSV (Accept: text/csv).
    const [daily] = await Promise.all([page.waitForEvent('download'), dailyCard(page).getByRole('button', { name: 'Download CSV' }).click()]);
    const lines = (await readFile(await daily.path())).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('date,ready,active,readyRatio,hires,departures');
    expect(lines.length - 2).toBe(report.series.length);
    const last = report.series.at(-1)!;
    expect(lines.at(-2)).toBe([last.date, last.ready, last.active, last.readyRatio ?? '', last.hires, last.departures].join(','));

    const [teams] = await Promise.all([page.waitForEvent('download'), card(page, /Ready share per team/).getByRole('button', { name: 'Download CSV' }).click()]);
    const teamLines = (await readFile(await teams.path())).toString('utf8').split('\r\n');
    expect(teamLines[0]).toBe(['date', ...report.teams.map((t) => `${t.externalId ?? 'no-team'}_ready_ratio`)].join(','));
    expect(teamLines.at(-2)).toBe([last.date, ...report.teams.map((t) => t.series.at(-1)!.readyRatio ?? '')].join(','));

    const [coverage] = await Promise.all([page.waitForEvent('download'), coverageCard(page).getByRole('button', { name: 'Download CSV' }).click()]);
    expect(coverage.suggestedFilename()).toBe(`readiness-coverage_${report.asOf}.csv`);
    const rows = (await readFile(await coverage.path())).toString('utf8').split('\r\n');
    expect(rows[0]).toBe('service,status,ready,responders');
    expect(rows.slice(1, -1).map((row) => row.split(',').slice(0, 3).join(','))).toEqual(report.services.map((s) => [s.name, s.status, s.ready].join(',')));

    await dailyCard(page).getByRole('link', { name: /Definition/ }).click();
    await page.waitForURL((url) => url.pathname === '/settings/definitions');
    expect(new URL(page.url()).hash).toBe('#responder-readiness');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('responder-readiness');
    expect(errors).toEqual([]);
    await page.close();
  });
});
