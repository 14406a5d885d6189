import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { BeforeAfterResponse, CausesResponse, ServicesResponse } from '@firewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHours } from '../../apps/web/src/components/charts/format.js';
import { beforeAfterSentence } from '../../apps/web/src/features/services/services-view.js';
import { PROJECT_ROOT } from '../support/server.js';
import { launchChromium, openRecordedPage } from '../support/browser.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';

/**
 * The Services & causes page on the demo organisation, served by the built app as `npm start` serves
 * it. Expected figures are read from the same API answers the page received (the figures themselves
 * are tested in test/e2e/services.test.ts). The demo's org time zone is UTC.
 */

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');
/** The demo's launch (demo-plan.ts): Checkout v2, on the checkout service. */
const LAUNCH = 'ann-checkout-v2-launch';

let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  server = await startDemoServer('services');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const pathIs = (path: string) => (url: string) => new URL(url).pathname === path;
const isServices = pathIs('/api/v1/analytics/services');
const isBeforeAfter = pathIs('/api/v1/analytics/services/before-after');

/** Opens `path` and returns the services report and the before/after comparison the page loaded. */
async function openServices(page: Page, path: string): Promise<{ report: ServicesResponse; comparison: BeforeAfterResponse }> {
  const [reportAnswer, comparisonAnswer] = await Promise.all([
    page.waitForResponse((res) => isServices(res.url()) && res.ok()),
    page.waitForResponse((res) => isBeforeAfter(res.url()) && res.ok()),
    page.goto(`${server.url}${path}`),
  ]);
  return { report: (await reportAnswer.json()) as ServicesResponse, comparison: (await comparisonAnswer.json()) as BeforeAfterResponse };
}

const card = (page: Page, title: RegExp) => page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: title }) });
const paretoCard = (page: Page) => card(page, /ranked, with the cumulative share/);
const tableCard = (page: Page) => card(page, /this period vs the previous/);
const beforeAfterCard = (page: Page) => card(page, /Before and after an annotation/);
const headline = (page: Page, label: string) =>
  page.locator('.headline-figure').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd strong').textContent();

describe('Services & causes page on the demo organisation', () => {
  it('shows the API’s figures, at 1280 px and at phone width, without console errors', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report, comparison } = await openServices(page, '/services?preset=last90');
    expect(report.items.length).toBeGreaterThan(5);
    await expect.poll(() => headline(page, 'Workload')).toBe(formatHours(report.totals.workloadHours));
    // The Pareto chart: one bar per ranked service with hours (at most 15) and the cumulative line.
    const drawn = report.items.slice(0, 15).filter((i) => i.workloadHours > 0).length;
    await expect.poll(() => paretoCard(page).locator('.recharts-bar-rectangle').count()).toBe(drawn);
    expect(await paretoCard(page).locator('.recharts-line').count()).toBe(1);
    // The table: every service, the busiest first, with its change, and the non-additive counts said in words.
    const rows = tableCard(page).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(report.items.length);
    expect(await rows.first().locator('th').textContent()).toBe(report.items[0]!.name);
    expect(await rows.first().locator('td').nth(4).textContent()).toBe(formatHours(report.items[0]!.workloadHours));
    expect(report.incidentCountsAdditive).toBe(false);
    expect(await tableCard(page).locator('.chart-card-description').textContent()).toContain('Incident counts do not add up');
    // Before/after: the latest annotation with services is the demo's launch, written as a sentence.
    expect(comparison.annotation.externalId).toBe(LAUNCH);
    expect(comparison.incidentsRatio).toBeGreaterThan(1.5); // the planted launch roughly doubles the weekly rate
    expect(await beforeAfterCard(page).locator('.before-after-sentence').textContent()).toBe(beforeAfterSentence(comparison));
    expect(await beforeAfterCard(page).getByLabel('Annotation').inputValue()).toBe(LAUNCH);
    await expect.poll(() => beforeAfterCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(8);
    await page.screenshot({ path: join(ARTIFACTS, 'services-1280.png'), fullPage: true });
    expect(errors).toEqual([]);

    const phone = await openRecordedPage(browser, 390, 844);
    await openServices(phone.page, '/services?preset=last90');
    await expect.poll(() => headline(phone.page, 'Workload')).toBe(formatHours(report.totals.workloadHours));
    await expect.poll(() => paretoCard(phone.page).locator('.recharts-bar-rectangle').count()).toBe(drawn);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'services-390.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
    await page.close();
  });

  it('a filter change, the causes view and the weeks choice update the URL and the data', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report: all } = await openServices(page, '/services?preset=last90');
    await expect.poll(() => headline(page, 'Workload')).toBe(formatHours(all.totals.workloadHours));
    const [answer] = await Promise.all([
      page.waitForResponse((res) => isServices(res.url()) && new URL(res.url()).searchParams.get('severity') === '2'),
      page.getByLabel('Severity').selectOption('2'),
    ]);
    expect(new URL(page.url()).searchParams.get('severity')).toBe('2');
    const major = (await answer.json()) as ServicesResponse;
    expect(major.totals.workloadHours).toBeLessThan(all.totals.workloadHours);
    await expect.poll(() => headline(page, 'Workload')).toBe(formatHours(major.totals.workloadHours));

    const [causesAnswer] = await Promise.all([
      page.waitForResponse((res) => pathIs('/api/v1/analytics/causes')(res.url()) && res.ok()),
      page.getByLabel('Break down by').selectOption('causes'),
    ]);
    expect(new URL(page.url()).searchParams.get('by')).toBe('causes');
    const causes = (await causesAnswer.json()) as CausesResponse;
    await expect.poll(() => tableCard(page).locator('tbody tr').first().locator('th').textContent()).toBe(causes.items[0]!.name);
    expect(await page.getByRole('heading', { name: /Workload hours per cause/ }).count()).toBe(1);

    const [weeksAnswer] = await Promise.all([
      page.waitForResponse((res) => isBeforeAfter(res.url()) && new URL(res.url()).searchParams.get('weeks') === '4'),
      beforeAfterCard(page).getByLabel('Weeks on each side').selectOption('4'),
    ]);
    expect(new URL(page.url()).searchParams.get('weeks')).toBe('4');
    const four = (await weeksAnswer.json()) as BeforeAfterResponse;
    expect(four.weekly).toHaveLength(8); // 4 before + 4 after
    await expect.poll(() => beforeAfterCard(page).locator('.before-after-sentence').textContent()).toBe(beforeAfterSentence(four));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a service’s Pareto bar and a before/after week land on the right filtered incident lists', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report, comparison } = await openServices(page, '/services?preset=last90&severity=3');
    const top = report.items[0]!;
    await expect.poll(() => paretoCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await paretoCard(page).locator('.recharts-bar-rectangle').first().click();
    await page.waitForURL((url) => url.pathname === '/incidents');
    let params = new URL(page.url()).searchParams;
    expect([params.get('from'), params.get('to'), params.getAll('service'), params.get('severity')]).toEqual([
      report.range.from,
      report.range.to,
      [top.externalId],
      '3',
    ]);
    // The list holds the service's incidents: as many as its count (50 a page at most).
    await expect.poll(() => page.locator('.incident-table tbody tr').count(), { timeout: 15_000 }).toBe(Math.min(top.incidents, 50));

    // Back on the page, the busiest week after the launch → its seven days on the launched service.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/services');
    await expect.poll(() => beforeAfterCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(8);
    await beforeAfterCard(page).getByRole('button', { name: 'Show as table' }).click();
    const busiest = comparison.weekly.reduce((a, b) => (b.incidents > a.incidents ? b : a));
    await beforeAfterCard(page).locator('tbody tr').nth(comparison.weekly.indexOf(busiest)).getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/incidents');
    params = new URL(page.url()).searchParams;
    const weekEnd = new Date(Date.parse(`${busiest.from}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    expect([params.get('from'), params.get('to'), params.getAll('service'), params.get('severity')]).toEqual([
      busiest.from,
      weekEnd,
      comparison.services.map((s) => s.externalId),
      '3',
    ]);
    await expect.poll(() => page.locator('.incident-table tbody tr').count(), { timeout: 15_000 }).toBe(busiest.incidents);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a cause’s Pareto bar lands on the incidents with that cause tag, with the filters kept', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const [causesAnswer] = await Promise.all([
      page.waitForResponse((res) => pathIs('/api/v1/analytics/causes')(res.url()) && res.ok()),
      page.goto(`${server.url}/services?by=causes&preset=last90&team=platform`),
    ]);
    const causes = (await causesAnswer.json()) as CausesResponse;
    const top = causes.items[0]!;
    await expect.poll(() => paretoCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await paretoCard(page).locator('.recharts-bar-rectangle').first().click();
    await page.waitForURL((url) => url.pathname === '/incidents');
    const params = new URL(page.url()).searchParams;
    expect([params.get('cause'), params.get('team'), params.get('from'), params.get('to')]).toEqual([top.cause, 'platform', causes.range.from, causes.range.to]);
    // As many incidents as the report counts for the cause, every one tagged with it.
    const count = `${top.incidents.toLocaleString('en-US')} ${top.incidents === 1 ? 'incident' : 'incidents'}`;
    await expect.poll(() => page.locator('.incident-list-head h2').textContent(), { timeout: 15_000 }).toBe(count);
    expect(await page.locator('.filter-chip').allTextContents()).toEqual([`Cause: ${top.cause}`]);
    await page.screenshot({ path: join(ARTIFACTS, 'incidents-by-cause-1280.png'), fullPage: true });
    // Removing the chip lists the team's incidents of the range again.
    await page.getByRole('button', { name: `Remove filter: Cause: ${top.cause}` }).click();
    await page.waitForURL((url) => !url.searchParams.has('cause'));
    await expect.poll(() => page.locator('.filter-chip').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('team')).toBe('platform');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('CSV downloads contain the charted numbers', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report, comparison } = await openServices(page, '/services?preset=last90');
    await expect.poll(() => tableCard(page).locator('tbody tr').count()).toBe(report.items.length);
    // The table is the API's own CSV (Accept: text/csv).
    const [table] = await Promise.all([page.waitForEvent('download'), tableCard(page).getByRole('button', { name: 'Download CSV' }).click()]);
    expect(table.suggestedFilename()).toBe(`services_${report.range.from}_${report.range.to}.csv`);
    const lines = (await readFile(await table.path())).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('externalId,name,incidents,majorIncidents,workloadHours,outOfHoursHours,pages,ttrMedianMinutes,ttrExcluded,previousIncidents,previousWorkloadHours,workloadHoursChange,cumulativeShare');
    const first = report.items[0]!;
    expect(lines[1]!.split(',').slice(0, 5)).toEqual([first.externalId, first.name, String(first.incidents), String(first.majorIncidents), String(first.workloadHours)]);
    expect(lines.length - 2).toBe(report.items.length);

    // The before/after weeks as charted.
    await expect.poll(() => beforeAfterCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(8);
    const [weeks] = await Promise.all([page.waitForEvent('download'), beforeAfterCard(page).getByRole('button', { name: 'Download CSV' }).click()]);
    expect(weeks.suggestedFilename()).toBe(`before-after_${LAUNCH}_8w.csv`);
    const weekLines = (await readFile(await weeks.path())).toString('utf8').split('\r\n');
    expect(weekLines[0]).toBe('week,from,incidents,workload_hours');
    expect(weekLines.slice(1, -1)).toEqual(
      comparison.weekly.map((w) => [w.week < 0 ? `${-w.week} before` : `${w.week + 1} after`, w.from, w.incidents, w.workloadHours].join(',')),
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
