import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { NoiseResponse, ResponderDetail } from '@firewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatRatio } from '../../apps/web/src/components/charts/format.js';
import { launchChromium, openRecordedPage } from '../support/browser.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';
import { PROJECT_ROOT } from '../support/server.js';
import { insertToken } from '../support/tokens.js';

/**
 * The Pager noise page on the demo organisation, served by the built app. Expected figures are read
 * from the same API answer the page received: this checks the page shows the API's numbers (the
 * numbers themselves are tested in test/e2e/noise.test.ts).
 */

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');

let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  server = await startDemoServer('noise');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const isReport = (url: string) => new URL(url).pathname === '/api/v1/analytics/noise';

async function openNoise(page: Page, path: string): Promise<NoiseResponse> {
  const [response] = await Promise.all([page.waitForResponse((res) => isReport(res.url()) && res.ok()), page.goto(`${server.url}${path}`)]);
  return (await response.json()) as NoiseResponse;
}

const headline = (page: Page, label: string) =>
  page.locator('.headline-figure').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd strong').textContent();
const card = (page: Page, title: RegExp) => page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: title }) });
const tuneCard = (page: Page) => card(page, /Rules to tune first/);
const weeklyCard = (page: Page) => card(page, /Escalated alerts per week/);
const responderCard = (page: Page) => card(page, /Interruptions per responder/);

describe('Pager noise page on the demo organisation', () => {
  it('shows the API’s figures, the planted noisy rules first, at 1280 px and at phone width, without console errors', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openNoise(page, '/noise?preset=last90');
    expect(report.totals.escalated).toBeGreaterThan(500); // 90 days of the demo: thousands of escalated alerts
    await expect.poll(() => headline(page, 'Escalated alerts')).toBe(formatCount(report.totals.escalated));
    await expect.poll(() => headline(page, 'Actionable ratio')).toBe(formatRatio(report.totals.actionableRatio!));
    await expect.poll(() => headline(page, 'Interruptions')).toBe(formatCount(report.totals.interruptions));

    // The demo plants three noisy rules (demo-manifest `noisy-rules`): they top the ranking, in the API's order.
    const labels = await tuneCard(page).locator('.recharts-yAxis-tick-labels text title').allTextContents();
    expect(labels).toEqual(report.tuneFirst.map((t) => t.rule));
    expect(new Set(labels.slice(0, 3))).toEqual(new Set(['CdnEdge5xxSpike', 'KafkaConsumerLag', 'WarehouseDiskSpaceLow']));
    // One stacked bar segment per class and rule (five classes; empty segments are not drawn).
    expect(await tuneCard(page).locator('.recharts-bar').count()).toBe(5);
    expect(await responderCard(page).locator('.recharts-yAxis-tick-labels text title').first().textContent()).toBe(report.responders[0]!.name);
    await page.screenshot({ path: join(ARTIFACTS, 'noise-1280.png'), fullPage: true });

    // The text alternative: the weekly table has each week's actionable ratio.
    await weeklyCard(page).getByRole('button', { name: 'Show as table' }).click();
    const week = report.weekly.find((w) => w.actionableRatio !== null)!;
    const row = weeklyCard(page).locator('tbody tr').nth(report.weekly.indexOf(week));
    expect(await row.locator('td').nth(2).textContent()).toBe(formatRatio(week.actionableRatio!));
    // The tune-first table reads each rule's classes.
    await tuneCard(page).getByRole('button', { name: 'Show as table' }).click();
    const first = report.rules.find((r) => r.rule === report.tuneFirst[0]!.rule && r.source === report.tuneFirst[0]!.source)!;
    const cells = await tuneCard(page).locator('tbody tr').first().locator('td').allTextContents();
    expect(cells.slice(6, 11)).toEqual(
      [first.classes.actionable, first.classes.flagged, first.classes.transient, first.classes.ignored, first.classes.ackOnly].map(formatCount),
    );
    expect(errors).toEqual([]);

    const phone = await openRecordedPage(browser, 390, 844);
    await openNoise(phone.page, '/noise?preset=last90');
    await expect.poll(() => headline(phone.page, 'Escalated alerts')).toBe(formatCount(report.totals.escalated));
    await expect.poll(() => tuneCard(phone.page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'noise-390.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
    await page.close();
  });

  it('a filter change updates the URL and the figures', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const all = await openNoise(page, '/noise?preset=last90');
    await expect.poll(() => headline(page, 'Escalated alerts')).toBe(formatCount(all.totals.escalated));
    const [response] = await Promise.all([
      page.waitForResponse((res) => isReport(res.url()) && new URL(res.url()).searchParams.get('team') === 'platform'),
      page.getByLabel('Team').selectOption('platform'),
    ]);
    expect(new URL(page.url()).searchParams.get('team')).toBe('platform');
    const platform = (await response.json()) as NoiseResponse;
    expect(platform.totals.escalated).toBeLessThan(all.totals.escalated); // one team's services: a part of all alerts
    await expect.poll(() => headline(page, 'Escalated alerts')).toBe(formatCount(platform.totals.escalated));
    // Platform owns Kafka and Warehouse is Data's: the flapping rule stays, the ignored one goes.
    const labels = await tuneCard(page).locator('.recharts-yAxis-tick-labels text title').allTextContents();
    expect(labels).toContain('KafkaConsumerLag');
    expect(labels).not.toContain('WarehouseDiskSpaceLow');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a week’s bar lands on that week’s incidents with the same filters; a responder’s bar on the responder', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openNoise(page, '/noise?preset=last90&severity=3');
    await expect.poll(() => weeklyCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(5);
    const actionable = weeklyCard(page).locator('.recharts-bar').first().locator('.recharts-rectangle');
    const heights = await actionable.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    const tallest = heights.indexOf(Math.max(...heights));
    const busiest = report.weekly.reduce((a, b) => (b.actionable > a.actionable ? b : a));
    await actionable.nth(tallest).click();
    await page.waitForURL((url) => url.pathname === '/incidents');
    const params = new URL(page.url()).searchParams;
    const weekEnd = new Date(Date.parse(`${busiest.week}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(params.get('from')).toBe(busiest.week > report.range.from ? busiest.week : report.range.from);
    expect(params.get('to')).toBe(weekEnd < report.range.to ? weekEnd : report.range.to);
    expect(params.get('severity')).toBe('3');
    await expect.poll(() => page.locator('.incident-table tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await openNoise(page, '/noise?preset=last90');
    const top = report.responders[0]!;
    await expect.poll(() => responderCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const [detailAnswer] = await Promise.all([
      page.waitForResponse((res) => new URL(res.url()).pathname === `/api/v1/responders/${top.externalId}`),
      responderCard(page).locator('.recharts-bar').nth(1).locator('.recharts-rectangle').first().click(),
    ]);
    await page.waitForURL((url) => url.pathname === `/responders/${top.externalId}`);
    expect(new URL(page.url()).searchParams.get('preset')).toBe('last90');
    const detail = (await detailAnswer.json()) as ResponderDetail;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(detail.name);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('CSV downloads contain the charted numbers; the info link opens the definition', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openNoise(page, '/noise?preset=last90');
    await expect.poll(() => weeklyCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(5);

    const [weekly] = await Promise.all([page.waitForEvent('download'), weeklyCard(page).getByRole('button', { name: 'Download CSV' }).click()]);
    expect(weekly.suggestedFilename()).toBe(`noise-weekly_${report.range.from}_${report.range.to}.csv`);
    const lines = (await readFile(await weekly.path())).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('week,escalated,actionable,actionable_ratio');
    expect(lines.slice(1, -1)).toEqual(report.weekly.map((w) => [w.week, w.escalated, w.actionable, w.actionableRatio ?? ''].join(',')));

    // The rules come from the API's own CSV (Accept: text/csv): every rule of the range, not only the ten charted.
    const [rules] = await Promise.all([page.waitForEvent('download'), tuneCard(page).getByRole('button', { name: 'Download CSV' }).click()]);
    expect(rules.suggestedFilename()).toBe(`noise-rules_${report.range.from}_${report.range.to}.csv`);
    const rows = (await readFile(await rules.path())).toString('utf8').split('\r\n');
    expect(rows[0]!.split(',').slice(0, 2)).toEqual(['source', 'rule']);
    expect(rows.length - 2).toBe(report.rules.length);
    expect(rows[1]!.split(',').slice(0, 2)).toEqual([report.rules[0]!.source, report.rules[0]!.rule]);

    const [responders] = await Promise.all([page.waitForEvent('download'), responderCard(page).getByRole('button', { name: 'Download CSV' }).click()]);
    const responderLines = (await readFile(await responders.path())).toString('utf8').split('\r\n');
    expect(responderLines[0]).toBe('name,external_id,interruptions,sleeping_interruptions,disrupted_nights,disrupted_hours,pages');
    const r = report.responders[0]!;
    expect(responderLines[1]).toBe([r.name, r.externalId, r.interruptions, r.sleepingInterruptions, r.disruptedNights, r.disruptedHours, r.pages].join(','));

    await tuneCard(page).getByRole('link', { name: /Definition/ }).click();
    await page.waitForURL((url) => url.pathname === '/settings/definitions');
    expect(new URL(page.url()).hash).toBe('#pager-noise-and-escalations');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('pager-noise-and-escalations');
    expect(errors).toEqual([]);
    await page.close();
  });

  // Last: it changes the demo's feedback.
  it('a rule’s bar opens its figures; marking its alerts with an ingest token moves them to actionable', async () => {
    const token = await insertToken(server.databaseUrl, 'browser-noise', ['ingest']);
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const report = await openNoise(page, '/noise?preset=last90');
    const top = report.tuneFirst[0]!;
    const rule = report.rules.find((r) => r.source === top.source && r.rule === top.rule)!;
    await expect.poll(() => tuneCard(page).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await tuneCard(page).locator('.recharts-bar').first().locator('.recharts-rectangle').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('rule')).toBe(top.rule);
    expect(new URL(page.url()).searchParams.get('ruleSource')).toBe(top.source);
    const panel = page.locator('.rule-panel');
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe(`${top.rule} (${top.source})`);
    const figure = (label: string) => panel.locator('.headline-figure').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd strong').textContent();
    expect(await figure('Escalated alerts')).toBe(formatCount(rule.escalated));
    expect(await figure('Transient')).toBe(formatCount(rule.classes.transient));
    expect(await figure('Flaps')).toBe(formatCount(rule.flaps));
    await page.evaluate(() => window.scrollTo(0, 0)); // the focused panel scrolled the page; the full-page shot starts at the top
    await page.screenshot({ path: join(ARTIFACTS, 'noise-rule-1280.png'), fullPage: true });

    // Every alert of the rule in the range marked actionable: the refetched report has no noise left on it.
    await panel.getByLabel('Feedback', { exact: true }).selectOption('actionable');
    await panel.getByLabel('API token (ingest scope)').fill(token);
    await panel.getByLabel('Only alerts without feedback').uncheck();
    const [answer] = await Promise.all([
      page.waitForResponse((res) => isReport(res.url()) && res.ok()),
      panel.getByRole('button', { name: 'Mark alerts' }).click(),
    ]);
    // Matched: every alert of the rule fired in the range; some were already marked actionable, so fewer are updated.
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(new RegExp(`^[\\d,]+ of ${formatCount(rule.fired)} alerts updated\\.$`));
    const after = (await answer.json()) as NoiseResponse;
    const marked = after.rules.find((r) => r.source === top.source && r.rule === top.rule)!;
    expect(marked.classes.actionable).toBe(marked.escalated);
    expect(after.tuneFirst.map((t) => t.rule)).not.toContain(top.rule); // no noise, no score
    await expect.poll(() => figure('Actionable')).toBe(formatCount(marked.escalated));
    expect(errors).toEqual([]);
    await page.close();
  });
});
