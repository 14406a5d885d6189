import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ONCALL_FLAG_RULES, type CausesResponse, type NoiseResponse, type OncallResponse, type OverviewResponse, type ReadinessReport, type ServicesResponse } from '@firewatch/shared';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatHours } from '../../apps/web/src/components/charts/format.js';
import { reviewFindings } from '../../apps/web/src/features/review/review-findings.js';
import { lastIncludedDay } from '../../apps/web/src/features/filters/filter-state.js';
import { lastCompleteQuarter, quarterRange } from '../../apps/web/src/features/review/review-period.js';
import { flagSentence } from '../../apps/web/src/features/review/review-view.js';
import { launchChromium, openRecordedPage } from '../support/browser.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';
import { PROJECT_ROOT } from '../support/server.js';

/**
 * The Operational review on the demo organisation, served by the built app as `npm start` serves it:
 * the figures on the page are those of the API answers the page received (the figures themselves are
 * tested with each analytic), the sentences are those the findings function makes of them, and the
 * page printed to PDF by Chromium holds every section with no chart cut across two pages.
 */

const ARTIFACTS = join(PROJECT_ROOT, 'test/artifacts');

let demo: DemoServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  demo = await startDemoServer('review');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const answer = (page: Page, path: string) => page.waitForResponse((res) => new URL(res.url()).pathname === path && res.ok());

/** Opens `path` and returns the answers the review was composed from. */
async function openReview(page: Page, path: string) {
  const [overview, services, causes, noise, readiness, oncall] = await Promise.all([
    answer(page, '/api/v1/analytics/overview'),
    answer(page, '/api/v1/analytics/services'),
    answer(page, '/api/v1/analytics/causes'),
    answer(page, '/api/v1/analytics/noise'),
    answer(page, '/api/v1/analytics/readiness'),
    answer(page, '/api/v1/analytics/oncall'),
    page.goto(`${demo.url}${path}`),
  ]);
  return {
    overview: (await overview.json()) as OverviewResponse,
    overviewUrl: new URL(overview.url()),
    services: (await services.json()) as ServicesResponse,
    causes: (await causes.json()) as CausesResponse,
    noise: (await noise.json()) as NoiseResponse,
    readiness: (await readiness.json()) as ReadinessReport,
    oncall: (await oncall.json()) as OncallResponse,
  };
}

const section = (page: Page, name: string) => page.locator(`[data-review-section="${name}"]`);
const headline = (page: Page, figure: string) => section(page, 'headlines').locator(`tr[data-figure="${figure}"] .review-value`);

/** The section headings every printed review must hold, in order. */
const HEADINGS = [
  'Operational review',
  'Headline figures',
  'The biggest changes',
  'Top services by responder hours (hours)',
  'Alert rules to tune first (noisy interruptions)',
  'Readiness gaps and lapses on',
  'On-call health flags',
];

/** Each page's text, whitespace removed (Chromium splits runs of text into items where it likes). */
async function pdfPageTexts(pdf: Buffer): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf) }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('').replace(/\s+/g, ''));
  }
  await document.destroy();
  return pages;
}
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('Operational review on the demo organisation', () => {
  // The viewer's calendar day, as the page reads it (the browser runs in this machine's time zone).
  const today = new Date().toLocaleDateString('sv');
  const quarter = lastCompleteQuarter(today);

  it('opens on the last complete quarter with the API’s numbers and the sentences made of them, at 1280 px and at phone width', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const answers = await openReview(page, '/review');
    // The default period is written into the address, so the link stays on this quarter.
    await page.waitForURL((url) => url.searchParams.get('quarter') === quarter);
    expect(answers.overviewUrl.searchParams.get('from')).toBe(quarterRange(quarter).from);
    expect(answers.overviewUrl.searchParams.get('to')).toBe(quarterRange(quarter).to);
    expect(answers.overview.current.incidents.total).toBeGreaterThan(50); // a quarter of the demo

    await expect.poll(() => headline(page, 'incidents').textContent()).toBe(formatCount(answers.overview.current.incidents.total));
    expect(await headline(page, 'workloadHours').textContent()).toBe(formatHours(answers.overview.current.workload.hours));
    expect(await headline(page, 'interruptions').textContent()).toBe(formatCount(answers.overview.current.noise.interruptions));
    expect(await headline(page, 'readyResponders').textContent()).toBe(formatCount(answers.overview.current.readiness.ready));

    const expected = reviewFindings({ services: answers.services.items, causes: answers.causes.items, figures: answers.overview.figures });
    expect(expected).toHaveLength(3); // a demo quarter has at least three changes of an hour or more
    await expect.poll(() => section(page, 'findings').locator('li').allTextContents()).toEqual(expected.map((f) => f.sentence));

    const servicesChart = section(page, 'services');
    await expect.poll(() => servicesChart.locator('.recharts-yAxis-tick-labels text title').first().textContent()).toBe(answers.services.items[0]!.name);
    const rulesChart = section(page, 'rules');
    expect(answers.noise.tuneFirst.length).toBeGreaterThan(0);
    await expect.poll(() => rulesChart.locator('.recharts-yAxis-tick-labels text title').first().textContent()).toBe(answers.noise.tuneFirst[0]!.rule);

    const readiness = section(page, 'readiness');
    expect(answers.readiness.asOf).toBe(lastIncludedDay(quarterRange(quarter))); // the period's last day
    await expect.poll(() => readiness.locator('h3').first().textContent()).toMatch(/^Services with a gap \(\d+\)$/);
    expect(await readiness.locator('h3').nth(1).textContent()).toBe(`Readiness lapsing within 14 days (${formatCount(answers.readiness.lapsing.length)})`);

    // The health flags of the on-call report, in its rule order, each in the sentence made of its numbers.
    expect(answers.oncall.flags.length).toBeGreaterThan(0); // the demo plants overloaded responders
    const flags = [...answers.oncall.flags].sort((a, b) => ONCALL_FLAG_RULES.indexOf(a.rule) - ONCALL_FLAG_RULES.indexOf(b.rule));
    await expect.poll(() => section(page, 'oncall').locator('li').allTextContents()).toEqual(flags.slice(0, 10).map(flagSentence));

    await page.screenshot({ path: join(ARTIFACTS, 'review-1280.png'), fullPage: true });
    expect(errors).toEqual([]);

    const phone = await openRecordedPage(browser, 390, 844);
    await openReview(phone.page, `/review?quarter=${quarter}`);
    await expect.poll(() => headline(phone.page, 'incidents').textContent()).toBe(formatCount(answers.overview.current.incidents.total));
    await expect.poll(() => section(phone.page, 'findings').locator('li').count()).toBe(3);
    await expect.poll(() => section(phone.page, 'services').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'review-390.png'), fullPage: true });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
    await page.close();
  });

  it('a chosen quarter or custom range is in the address, and the address opens the same review', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    await openReview(page, `/review?quarter=${quarter}`);
    const previousQuarter = lastCompleteQuarter(quarterRange(quarter).from); // the last one complete on the first day of `quarter`
    const [response] = await Promise.all([answer(page, '/api/v1/analytics/overview'), page.getByRole('combobox', { name: 'Period' }).selectOption(previousQuarter)]);
    expect(new URL(page.url()).searchParams.get('quarter')).toBe(previousQuarter);
    const chosen = (await response.json()) as OverviewResponse;
    expect(chosen.current.to).toBe(quarterRange(quarter).from); // the quarter before ends where the other starts
    await expect.poll(() => headline(page, 'incidents').textContent()).toBe(formatCount(chosen.current.incidents.total));

    // Custom: the range on screen becomes editable; a changed day writes from/to into the address.
    await page.getByRole('combobox', { name: 'Period' }).selectOption('custom');
    await page.waitForURL((url) => url.searchParams.get('from') === chosen.current.from && url.searchParams.get('to') === chosen.current.to);
    const from = new Date(Date.parse(chosen.current.from) + 14 * 86_400_000).toISOString().slice(0, 10); // two weeks into it
    const [custom] = await Promise.all([answer(page, '/api/v1/analytics/overview'), page.getByLabel('From').fill(from)]);
    expect(new URL(custom.url()).searchParams.get('from')).toBe(from);
    expect(new URL(custom.url()).searchParams.get('to')).toBe(chosen.current.to);
    const customReport = (await custom.json()) as OverviewResponse;
    const address = page.url();
    expect(new URL(address).searchParams.get('quarter')).toBeNull();
    await expect.poll(() => headline(page, 'incidents').textContent()).toBe(formatCount(customReport.current.incidents.total));

    // The shared address reopens the same period in a fresh page.
    const other = await openRecordedPage(browser, 1280, 900);
    const reopened = await openReview(other.page, address.replace(demo.url, ''));
    expect(reopened.overview.current).toEqual(customReport.current);
    expect(await other.page.locator('.review-share a').textContent()).toBe(address);
    expect(errors).toEqual([]);
    expect(other.errors).toEqual([]);
    await other.page.close();
    await page.close();
  });

  it('applies the severity filter of the address to every section and says so under the period', async () => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const all = await openReview(page, `/review?quarter=${quarter}`);
    const major = await openReview(page, `/review?quarter=${quarter}&severity=2`);
    for (const path of ['overview', 'services', 'causes'] as const) expect(major[path]).not.toEqual(all[path]);
    expect(major.overviewUrl.searchParams.get('severity')).toBe('2');
    expect(major.overview.current.incidents.bySeverity.slice(2)).toEqual([0, 0, 0]); // SEV1–2 only
    await expect.poll(() => headline(page, 'incidents').textContent()).toBe(formatCount(major.overview.current.incidents.total));
    expect(await page.locator('.review-scope').textContent()).toBe('Severities SEV1–2.');
    expect(new URL(page.url()).searchParams.get('quarter')).toBe(quarter);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['A4', 'review-a4.pdf'],
    ['Letter', 'review-letter.pdf'],
  ] as const)('prints on %s with every section, no navigation or buttons, and no section or chart cut across pages', async (format, file) => {
    const { page, errors } = await openRecordedPage(browser, 1280, 900);
    const answers = await openReview(page, `/review?quarter=${quarter}`);
    await expect.poll(() => section(page, 'findings').locator('li').count()).toBe(3);
    await expect.poll(() => section(page, 'rules').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await expect.poll(() => section(page, 'readiness').locator('h3').count()).toBeGreaterThan(1);
    await expect.poll(() => section(page, 'oncall').locator('li').count()).toBe(Math.min(answers.oncall.flags.length, 10));
    // The button opens the browser's print dialog (recorded here: headless Chromium has no dialog).
    await page.evaluate(() => {
      const counted = window as unknown as { prints: number };
      counted.prints = 0;
      window.print = () => void counted.prints++;
    });
    await page.getByRole('button', { name: 'Print / Save as PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { prints: number }).prints)).toBe(1);
    const pdf = await page.pdf({ format, printBackground: true });
    await writeFile(join(ARTIFACTS, file), pdf);

    const pages = await pdfPageTexts(pdf);
    const all = pages.join('');
    let position = 0;
    for (const heading of HEADINGS) {
      const at = all.indexOf(squeeze(heading), position);
      expect(at, `"${heading}" is printed after the section before it`).toBeGreaterThanOrEqual(0);
      position = at;
    }
    expect(all).toContain(squeeze(reviewFindings({ services: answers.services.items, causes: answers.causes.items, figures: answers.overview.figures })[0]!.sentence));
    // The dashboard's frame and controls are not printed.
    for (const absent of ['Settings & data', 'Print / Save as PDF', 'Show as table', 'Download CSV', 'How the changes are ranked']) expect(all).not.toContain(squeeze(absent));
    // Every section, chart cards included, starts and ends on the same page: its heading and its last
    // line (a chart card's is the source line under the chart) are printed on one page.
    // (innerText in the print layout: the text as printed, without what the print stylesheet hides.)
    await page.emulateMedia({ media: 'print' });
    const sections = await page.locator('[data-review-section]').evaluateAll((elements) =>
      elements.map((element) => {
        const blocks = element.querySelectorAll<HTMLElement>('li, p, tr');
        return {
          name: element.getAttribute('data-review-section')!,
          heading: element.querySelector('h2')!.innerText,
          last: blocks[blocks.length - 1]!.innerText,
        };
      }),
    );
    expect(sections.map((s) => s.name)).toEqual(['headlines', 'findings', 'services', 'rules', 'readiness', 'oncall']);
    for (const { name, heading, last } of sections) {
      const first = pages.findIndex((text) => text.includes(squeeze(heading)));
      expect(first, `${name}: its heading is printed`).toBeGreaterThanOrEqual(0);
      expect(pages[first], `${name}: "${last}" is on the page of its heading`).toContain(squeeze(last));
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
