import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { SeasonalityResponse } from '@firewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekdayNames } from '../../apps/web/src/components/calendar-labels.js';
import { holidayEffectSentence } from '../../apps/web/src/features/seasonality/seasonality-view.js';
import { PROJECT_ROOT } from '../support/server.js';
import { launchChromium, openRecordedPage } from '../support/browser.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';

/**
 * The Seasonality page on the demo organisation, served by the built app as `npm start` serves it.
 * Expected figures are read from the same API answer the page received (the figures themselves are
 * tested in test/e2e/seasonality.test.ts). The demo's org time zone is UTC.
 */

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');

let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  server = await startDemoServer('seasonality');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const isReport = (url: string) => new URL(url).pathname === '/api/v1/analytics/seasonality';

/** Opens `path` and returns the seasonality report the page loaded (parsed from the same answer). */
async function openSeasonality(page: Page, path: string): Promise<SeasonalityResponse> {
  const [response] = await Promise.all([page.waitForResponse((res) => isReport(res.url()) && res.ok()), page.goto(`${server.url}${path}`)]);
  return (await response.json()) as SeasonalityResponse;
}

const card = (page: Page, title: RegExp) => page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: title }) });
const trendCard = (page: Page) => card(page, /per (day|week|month) \(/);
const sentence = (page: Page) => page.locator('.holiday-effect-sentence').textContent();
const busiest = <T>(rows: readonly T[], value: (row: T) => number): T => rows.reduce((a, b) => (value(b) > value(a) ? b : a));

describe('Seasonality page on the demo organisation', () => {
  it('shows the API’s figures, at 1280 px and at phone width, without console errors', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openSeasonality(page, '/seasonality?preset=year');
    expect(report.weekly.length).toBeGreaterThan(50);
    // The holiday effect is written with the API's day counts and rates.
    const effect = report.holidayEffect;
    expect(effect.holidayDays).toBeGreaterThan(0); // a year always holds Dec 20 – Jan 3
    await expect.poll(() => sentence(page)).toBe(holidayEffectSentence(effect));
    expect(await sentence(page)).toContain(`On the ${effect.holidayDays} holiday days`);
    expect(await sentence(page)).toContain(`other ${effect.otherDays} days (`);
    expect(await sentence(page)).toContain(`a ratio of ${effect.ratio}`); // the API rounds it to 0.001
    // One bar stack per week with incidents; one ring per anomaly; one numbered line per annotation shown.
    await expect.poll(() => trendCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(40);
    expect(await trendCard(page).locator('.recharts-reference-dot').count()).toBe(report.anomalies.length);
    expect(await trendCard(page).locator('.trend-anomalies li').count()).toBe(report.anomalies.length);
    expect(await trendCard(page).locator('.trend-annotations li').count()).toBeGreaterThan(0); // the demo's launch, upgrade and freeze
    // The heatmap's busiest cell says its count.
    const top = busiest(report.heatmap, (c) => c.incidents);
    const label = `${weekdayNames[top.weekday - 1]} ${String(top.hour).padStart(2, '0')}:00`;
    const cell = page.locator('.heatmap-cell').nth((top.weekday - 1) * 24 + top.hour);
    expect(await cell.getAttribute('aria-label')).toMatch(new RegExp(`^${label}–\\d\\d:00: ${top.incidents} incidents$`));
    expect(await cell.textContent()).toBe(String(top.incidents));
    // Profiles: seven weekdays and (a 365-day range is 12 months) twelve months; the overlay one line per year.
    expect(report.weekdayIndex).toHaveLength(7);
    await expect.poll(() => card(page, /per weekday/).locator('.recharts-bar-rectangle').count()).toBe(7);
    expect(report.monthIndex).toHaveLength(12);
    expect(await card(page, /per month of the year/).locator('.recharts-bar-rectangle').count()).toBe(12);
    expect(await card(page, /year over year/).locator('.recharts-line').count()).toBe(report.yearOverYear.length);
    await page.screenshot({ path: join(ARTIFACTS, 'seasonality-1280.png'), fullPage: true });

    // The text alternative: the weekday profile as a table, in % of an average day.
    await card(page, /per weekday/).getByRole('button', { name: 'Show as table' }).click();
    const mondayCell = card(page, /per weekday/).locator('tbody tr').first().locator('td').nth(1); // after the incidents
    expect(await mondayCell.textContent()).toMatch(/^\d+(\.\d)?%$/);
    expect(Number((await mondayCell.textContent())!.replace('%', ''))).toBeCloseTo(report.weekdayIndex![0]! * 100, 0);
    expect(errors).toEqual([]);

    const phone = await openRecordedPage(browser, 390, 844);
    await openSeasonality(phone.page, '/seasonality?preset=year');
    await expect.poll(() => sentence(phone.page)).toBe(holidayEffectSentence(effect));
    await expect.poll(() => trendCard(phone.page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(40);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'seasonality-390.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
    await page.close();
  });

  it('a filter change and a trend switch update the URL and the figures', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const all = await openSeasonality(page, '/seasonality?preset=year');
    await expect.poll(() => sentence(page)).toBe(holidayEffectSentence(all.holidayEffect));
    const [response] = await Promise.all([
      page.waitForResponse((res) => isReport(res.url()) && new URL(res.url()).searchParams.get('severity') === '2'),
      page.getByLabel('Severity').selectOption('2'),
    ]);
    expect(new URL(page.url()).searchParams.get('severity')).toBe('2');
    const major = (await response.json()) as SeasonalityResponse;
    expect(major.holidayEffect.otherIncidents).toBeLessThan(all.holidayEffect.otherIncidents); // SEV1–2 only
    await expect.poll(() => sentence(page)).toBe(holidayEffectSentence(major.holidayEffect));

    // Per month: the page's own parameter, no new request (the report carries all three trends).
    await trendCard(page).getByLabel('Per').selectOption('monthly');
    expect(new URL(page.url()).searchParams.get('trend')).toBe('monthly');
    await expect.poll(() => page.getByRole('heading', { name: 'Incidents per month (count)' }).count()).toBe(1);
    await trendCard(page).getByRole('button', { name: 'Show as table' }).click();
    expect(await trendCard(page).locator('tbody tr').count()).toBe(major.monthly.length);
    expect(await trendCard(page).locator('tbody tr').first().locator('td').first().textContent()).toBe(String(major.monthly[0]!.incidents));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('clicking a week’s bar lands on the incidents declared that week, with the same filters', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openSeasonality(page, '/seasonality?preset=last90&severity=3');
    await expect.poll(() => trendCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(5);
    // The tallest stack is a week with the most incidents (several may tie); click its top segment.
    const stacks = await trendCard(page).locator('.recharts-bar-rectangle').evaluateAll((els) =>
      els.map((el) => { const r = el.getBoundingClientRect(); return { x: Math.round(r.x + r.width / 2), top: r.top }; }),
    );
    const top = stacks.reduce((a, b) => (b.top < a.top ? b : a));
    await page.mouse.click(top.x, top.top + 2);
    await page.waitForURL((url) => url.pathname === '/incidents');
    const params = new URL(page.url()).searchParams;
    expect(params.get('preset')).toBe('custom');
    // The week clicked: its Monday (or the range's first day for a partial first week) to the next Monday (exclusive).
    const week = report.weekly.find((w) => (w.period > report.range.from ? w.period : report.range.from) === params.get('from'))!;
    expect(week.incidents).toBe(Math.max(...report.weekly.map((w) => w.incidents)));
    const weekEnd = new Date(Date.parse(`${week.period}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(params.get('to')).toBe(weekEnd < report.range.to ? weekEnd : report.range.to);
    expect(params.get('severity')).toBe('3');
    // The list shows exactly the week's incidents (its bar's count) declared inside it.
    await expect.poll(() => page.locator('.incident-table tbody tr').count(), { timeout: 15_000 }).toBe(Math.min(week.incidents, 50));
    const declared = await page.locator('.incident-table tbody time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')!));
    for (const at of declared) {
      expect(at >= `${params.get('from')}`).toBe(true);
      expect(at < `${params.get('to')}`).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the heatmap is keyboard navigable and Enter on a cell opens that weekday and hour’s incidents, with the filters kept', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openSeasonality(page, '/seasonality?preset=last90&team=platform');
    await page.locator('.heatmap-cell').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('.heatmap-cell:focus').getAttribute('aria-label')).toMatch(/^Tuesday 01:00–02:00: \d+ incidents$/);
    expect(await page.locator('.heatmap-tooltip').textContent()).toContain(`Tuesday 01:00–02:00: ${report.heatmap[24 + 1]!.incidents} incidents`);
    // On to the busiest cell with the arrows (from Tuesday 01:00), then Enter.
    const cell = busiest(report.heatmap, (c) => c.incidents);
    for (let r = 2; r < cell.weekday; r++) await page.keyboard.press('ArrowDown');
    for (let r = 2; r > cell.weekday; r--) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Home');
    for (let h = 0; h < cell.hour; h++) await page.keyboard.press('ArrowRight');
    const hour = `${String(cell.hour).padStart(2, '0')}:00–${String((cell.hour + 1) % 24).padStart(2, '0')}:00`;
    expect(await page.locator('.heatmap-cell:focus').getAttribute('aria-label')).toBe(`${weekdayNames[cell.weekday - 1]} ${hour}: ${cell.incidents} incidents`);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/incidents');
    const params = new URL(page.url()).searchParams;
    expect([params.get('from'), params.get('to'), params.get('team'), params.get('weekday'), params.get('hour')]).toEqual([
      report.range.from,
      report.range.to,
      'platform',
      String(cell.weekday),
      String(cell.hour),
    ]);
    // The list counts exactly the cell's incidents, and says which filters the drill-down added.
    await expect.poll(() => page.locator('.incident-list-head h2').textContent(), { timeout: 15_000 }).toBe(`${cell.incidents} ${cell.incidents === 1 ? 'incident' : 'incidents'}`);
    expect(await page.locator('.filter-chip').allTextContents()).toEqual([`Weekday: ${weekdayNames[cell.weekday - 1]}`, `Hour: ${hour}`]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the busiest heatmap cell, clicked, lists its incidents; its chips remove one filter at a time (1280 and 390 px)', async () => {
    for (const [width, height] of [[1280, 900], [390, 844]] as const) {
      const { page, errors } = await openRecordedPage(browser, width, height);
      const report = await openSeasonality(page, '/seasonality?preset=year&severity=3');
      const top = busiest(report.heatmap, (c) => c.incidents);
      await page.locator('.heatmap-cell').nth((top.weekday - 1) * 24 + top.hour).click();
      await page.waitForURL((url) => url.pathname === '/incidents');
      const params = new URL(page.url()).searchParams;
      expect([params.get('weekday'), params.get('hour'), params.get('severity'), params.get('preset')]).toEqual([String(top.weekday), String(top.hour), '3', 'custom']);
      const count = page.locator('.incident-list-head h2');
      await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe(`${top.incidents} incidents`);
      const weekday = weekdayNames[top.weekday - 1]!;
      expect(await page.locator('.filter-chip').allTextContents()).toEqual([`Weekday: ${weekday}`, `Hour: ${String(top.hour).padStart(2, '0')}:00–${String((top.hour + 1) % 24).padStart(2, '0')}:00`]);
      // Every incident listed was declared at that local hour (the demo's zone is UTC).
      const declared = await page.locator('.incident-table tbody time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')!));
      for (const at of declared) expect(new Date(at).getUTCHours()).toBe(top.hour);
      await page.screenshot({ path: join(ARTIFACTS, `incidents-drill-down-${width}.png`), fullPage: true });
      if (width === 390) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBe(0);
      }

      // Removing the hour leaves the weekday: the weekday's row of the heatmap.
      await page.getByRole('button', { name: /^Remove filter: Hour/ }).click();
      await page.waitForURL((url) => !url.searchParams.has('hour'));
      expect(new URL(page.url()).searchParams.get('weekday')).toBe(String(top.weekday));
      const row = report.heatmap.filter((c) => c.weekday === top.weekday).reduce((n, c) => n + c.incidents, 0);
      await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe(`${row.toLocaleString('en-US')} incidents`);
      expect(await page.locator('.filter-chip').allTextContents()).toEqual([`Weekday: ${weekday}`]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('a weekday of the profile, reached with Tab and opened with Enter, lists that weekday’s incidents', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openSeasonality(page, '/seasonality?preset=last90&service=svc-postgres');
    const weekdays = card(page, /per weekday/);
    await expect.poll(() => weekdays.locator('.recharts-bar-rectangle').count()).toBe(7);
    // The table view carries the count behind each bar: the weekday's row of the heatmap.
    await weekdays.getByRole('button', { name: 'Show as table' }).click();
    const counts = await weekdays.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('td')!.textContent!.replace(/,/g, ''))));
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7].map((d) => report.heatmap.filter((c) => c.weekday === d).reduce((n, c) => n + c.incidents, 0)));
    await weekdays.getByRole('button', { name: 'Show as chart' }).click();
    await expect.poll(() => weekdays.locator('.recharts-bar-rectangle').count()).toBe(7);
    // Keyboard only: from the card's last button, Tab reaches the chart; arrows pick a bar; Enter opens it.
    await weekdays.getByRole('button', { name: 'Download CSV' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('recharts-surface'))).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const label = await weekdays.locator('.chart-tooltip-title').textContent();
    const weekday = weekdayNames.indexOf(label as (typeof weekdayNames)[number]) + 1;
    expect(weekday).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/incidents');
    const params = new URL(page.url()).searchParams;
    expect([params.get('weekday'), params.get('hour'), params.getAll('service'), params.get('from'), params.get('to')]).toEqual([
      String(weekday),
      null,
      ['svc-postgres'],
      report.range.from,
      report.range.to,
    ]);
    const expected = counts[weekday - 1]!;
    await expect.poll(() => page.locator('.incident-list-head h2').textContent(), { timeout: 15_000 }).toBe(`${expected} ${expected === 1 ? 'incident' : 'incidents'}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the trend’s CSV contains the charted numbers', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openSeasonality(page, '/seasonality?preset=last90');
    await expect.poll(() => trendCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(5);
    const [download] = await Promise.all([page.waitForEvent('download'), trendCard(page).getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`seasonality-weekly_${report.range.from}_${report.range.to}.csv`);
    const lines = (await readFile(await download.path())).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('period,incidents,sev1,sev2,sev3,sev4,sev5,major_incidents,workload_hours,pages');
    expect(lines.slice(1, -1)).toEqual(report.weekly.map((w) => [w.period, w.incidents, ...w.bySeverity, w.majorIncidents, w.workloadHours, w.pages].join(',')));

    const heat = card(page, /by weekday and hour/);
    const [heatCsv] = await Promise.all([page.waitForEvent('download'), heat.getByRole('button', { name: 'Download CSV' }).click()]);
    const heatLines = (await readFile(await heatCsv.path())).toString('utf8').split('\r\n');
    expect(heatLines[0]).toBe('weekday,hour,incidents,pages');
    expect(heatLines).toHaveLength(1 + 168 + 1);
    expect(heatLines[1 + 24 + 14]).toBe(`Tuesday,14:00,${report.heatmap[24 + 14]!.incidents},${report.heatmap[24 + 14]!.pages}`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
