import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Locator, Page } from 'playwright-core';
import { ESCALATION_REASONS, type IncidentDetail, type IncidentListResponse, type NoiseResponse, type ResponderDetail } from '@firewatch/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordedPage } from '../support/browser.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';
import { PROJECT_ROOT } from '../support/server.js';

/**
 * The three charts whose bars open their records beyond the seasonality, services and workload
 * drill-downs: the noise page's escalation depth (→ incidents by `escalationReason`), the incident
 * page's per-responder timeline (→ the responder's page over the incident's days) and the responder
 * page's workload bar (→ incidents by `responder`). By mouse and by keyboard, on the demo organisation.
 */

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');
/** How the page names each reason (the chart's category, the list's chip). */
const reasonLabels = { timeout: 'Timed out', manual: 'Escalated by hand', reassigned: 'Reassigned', initial: 'Level 2 at once' } as const;

let server: DemoServer;
let browser: Browser;
/** The demo's whole extent (UTC, the demo's zone), `[from, to)`: every incident and alert inside. */
let all: { from: string; to: string };
/** The incident with the most responders working on it. */
let busiest: string;

async function sql<T>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  server = await startDemoServer('drill-records');
  browser = await launchChromium();
  [all] = await sql<{ from: string; to: string }>(
    `SELECT to_char(least((SELECT min(declared_at) FROM incidents), (SELECT min(fired_at) FROM alerts)) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "from",
            to_char((greatest((SELECT max(declared_at) FROM incidents), (SELECT max(fired_at) FROM alerts)) AT TIME ZONE 'UTC') + interval '1 day', 'YYYY-MM-DD') AS "to"`,
  );
  [{ id: busiest }] = await sql<{ id: string }>(
    `SELECT i.external_id AS id FROM work_segments s JOIN incidents i ON i.id = s.incident_id WHERE i.kind = 'incident'
      GROUP BY i.id, i.external_id ORDER BY count(DISTINCT s.responder_id) DESC, i.id LIMIT 1`,
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const card = (page: Page, title: RegExp) => page.locator('.chart-card').filter({ has: page.getByRole('heading', { name: title }) });
const listHeading = (page: Page) => page.locator('.incident-list-head h2').textContent();
const incidentsLabel = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'incident' : 'incidents'}`;
const waitFor = <T>(page: Page, path: string) => page.waitForResponse((res) => new URL(res.url()).pathname === path && res.ok()).then((res) => res.json() as Promise<T>);

/** From the card's Download CSV button, Tab reaches the chart; an arrow picks the first bar. Answers the tooltip's title. */
async function firstBarByKeyboard(page: Page, chart: Locator): Promise<string> {
  await chart.getByRole('button', { name: 'Download CSV' }).focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.classList.contains('recharts-surface'))).toBe(true);
  await page.keyboard.press('ArrowRight');
  return (await chart.locator('.chart-tooltip-title').textContent()) ?? '';
}

describe('escalation depth → the incidents of a reason', () => {
  const open = async (page: Page) => {
    const [report] = await Promise.all([waitFor<NoiseResponse>(page, '/api/v1/analytics/noise'), page.goto(`${server.url}/noise?preset=custom&from=${all.from}&to=${all.to}`)]);
    const chart = card(page, /Escalation depth/);
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(1);
    return { report, chart };
  };
  /** Lands on the list of `reason`, with the page's range, counting what the noise report counts (the whole extent: the readings agree). */
  const landsOn = async (page: Page, report: NoiseResponse, reason: string) => {
    await page.waitForURL((url) => url.pathname === '/incidents');
    const params = new URL(page.url()).searchParams;
    expect([params.get('escalationReason'), params.get('from'), params.get('to')]).toEqual([reason, all.from, all.to]);
    const expected = report.escalation.byReason[reason as (typeof ESCALATION_REASONS)[number]].incidents;
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => listHeading(page), { timeout: 15_000 }).toBe(incidentsLabel(expected));
    await expect.poll(() => page.locator('.filter-chip[data-filter="escalationReason"]').textContent()).toBe(`Level 2 reached: ${reasonLabels[reason as keyof typeof reasonLabels]}`);
  };

  it.each([
    [1280, 900],
    [390, 844],
  ])('a click on a reason’s incidents bar lists them, with the chip (%i px)', async (width, height) => {
    const { page, errors } = await openRecordedPage(browser, width, height);
    const { report, chart } = await open(page);
    // The first drawn bar of the incidents series is the first reason with incidents.
    const reason = ESCALATION_REASONS.find((r) => report.escalation.byReason[r].incidents > 0)!;
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `noise-escalation-${width}.png`), fullPage: true });
    await chart.locator('.recharts-bar').nth(1).locator('.recharts-rectangle').first().click();
    await landsOn(page, report, reason);
    await page.screenshot({ path: join(ARTIFACTS, `noise-escalation-drill-${width}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Enter on a reason reached with the keyboard lists its incidents', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { report, chart } = await open(page);
    const label = await firstBarByKeyboard(page, chart);
    const reason = ESCALATION_REASONS.find((r) => reasonLabels[r] === label);
    expect(reason).toBe('timeout'); // the first category of the chart
    await page.keyboard.press('Enter');
    await landsOn(page, report, reason!);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('incident timeline → the responder’s page over the incident’s days', () => {
  const open = async (page: Page) => {
    const [incident] = await Promise.all([waitFor<IncidentDetail>(page, `/api/v1/incidents/${busiest}`), page.goto(`${server.url}/incidents/${busiest}`)]);
    await expect.poll(() => page.locator('.timeline-row:not(.timeline-axis)').count()).toBe(incident.workload.responders.length);
    expect(incident.workload.responders.length).toBeGreaterThan(1);
    return incident;
  };
  /** The responder's page, over days around the incident, whose workload holds at least their minutes on it. */
  const landsOn = async (page: Page, incident: IncidentDetail, index: number, detail: Promise<ResponderDetail>) => {
    const worker = incident.workload.responders[index]!;
    await page.waitForURL((url) => url.pathname === `/responders/${worker.externalId}`);
    const params = new URL(page.url()).searchParams;
    expect(params.get('preset')).toBe('custom');
    const day = (iso: string) => iso.slice(0, 10); // the demo's zone is UTC
    expect(params.get('from')! <= day(incident.declaredAt)).toBe(true);
    expect(params.get('to')! > day(worker.segments.at(-1)!.end)).toBe(true);
    const body = await detail;
    expect(body.workload.minutes).toBeGreaterThanOrEqual(worker.minutes - 0.1); // their work on the incident, and any other in those days
    expect(body.workload.incidents).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(worker.name);
  };

  it.each([
    [1280, 900],
    [390, 844],
  ])('a click on a responder’s stretch of work opens their page (%i px)', async (width, height) => {
    const { page, errors } = await openRecordedPage(browser, width, height);
    const incident = await open(page);
    await page.locator('.timeline-grid').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `incident-timeline-${width}.png`), fullPage: true });
    const detail = page.waitForResponse((res) => new URL(res.url()).pathname.startsWith('/api/v1/responders/') && res.ok()).then((r) => r.json() as Promise<ResponderDetail>);
    await page.locator('.timeline-row').nth(1).locator('.timeline-segment').first().click();
    await landsOn(page, incident, 1, detail);
    await page.screenshot({ path: join(ARTIFACTS, `incident-timeline-drill-${width}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Enter on a responder’s row (Tab reaches its name) opens their page', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const incident = await open(page);
    const name = page.locator('.timeline-row').first().locator('.timeline-name a');
    await name.focus();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(incident.workload.responders[0]!.name);
    const detail = page.waitForResponse((res) => new URL(res.url()).pathname.startsWith('/api/v1/responders/') && res.ok()).then((r) => r.json() as Promise<ResponderDetail>);
    await page.keyboard.press('Enter');
    await landsOn(page, incident, 0, detail);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('responder workload bar → the incidents they worked on', () => {
  const open = async (page: Page) => {
    const [{ id }] = await sql<{ id: string }>(
      `SELECT r.external_id AS id FROM work_segments s JOIN responders r ON r.id = s.responder_id GROUP BY r.id ORDER BY count(DISTINCT s.incident_id) DESC, r.id LIMIT 1`,
    );
    const [detail] = await Promise.all([
      waitFor<ResponderDetail>(page, `/api/v1/responders/${id}`),
      page.goto(`${server.url}/responders/${id}?preset=last90`),
    ]);
    const chart = card(page, /Workload by time of day/);
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    return { id, detail, chart };
  };
  const landsOn = async (page: Page, id: string, detail: ResponderDetail, list: Promise<IncidentListResponse>) => {
    await page.waitForURL((url) => url.pathname === '/incidents');
    const params = new URL(page.url()).searchParams;
    expect([params.get('responder'), params.get('from'), params.get('to')]).toEqual([id, detail.range.from, detail.range.to]);
    expect(detail.workload.incidents).toBeGreaterThan(1);
    expect((await list).total).toBe(detail.workload.incidents);
    await expect.poll(() => listHeading(page), { timeout: 15_000 }).toBe(incidentsLabel(detail.workload.incidents));
    await expect.poll(() => page.locator('.filter-chip[data-filter="responder"]').textContent()).toBe(`Worked on by: ${id}`);
  };
  const listResponse = (page: Page) =>
    page.waitForResponse((res) => new URL(res.url()).pathname === '/api/v1/incidents' && new URL(res.url()).searchParams.has('responder') && res.ok()).then((r) => r.json() as Promise<IncidentListResponse>);

  it.each([
    [1280, 900],
    [390, 844],
  ])('a click on the bar lists as many incidents as the page counts (%i px)', async (width, height) => {
    const { page, errors } = await openRecordedPage(browser, width, height);
    const { id, detail, chart } = await open(page);
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `responder-workload-${width}.png`), fullPage: true });
    const list = listResponse(page);
    await chart.locator('.recharts-bar-rectangle').first().click();
    await landsOn(page, id, detail, list);
    await page.screenshot({ path: join(ARTIFACTS, `responder-workload-drill-${width}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Enter on the bar reached with the keyboard lists them', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const { id, detail, chart } = await open(page);
    expect(await firstBarByKeyboard(page, chart)).toBe('Responder hours');
    const list = listResponse(page);
    await page.keyboard.press('Enter');
    await landsOn(page, id, detail, list);
    expect(errors).toEqual([]);
    await page.close();
  });
});
