import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ANOMALY_MAD_FACTOR, ANOMALY_MIN_EXCESS, seasonalityResponseSchema, type SeasonalityResponse } from '@firewatch/shared';
import type { DemoManifest } from '@firewatch/api/demo/demo-manifest.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { apiClient, type ApiClient } from '../support/api-client.js';
import { loadDemoOrganisation, rebuildWorkload } from '../support/demo.js';

/**
 * GET /api/v1/analytics/seasonality (SPEC §2.3, §3). Part 1: a small fixture in the org time zone
 * Europe/Berlin with German public holidays: a DST week, a year boundary and a leap day, with the
 * arithmetic beside each figure. Part 2: the demo organisation's planted patterns (org zone UTC).
 */

describe('small fixture', () => {
  let t: TestApp;
  let ds: DataSource;
  let api: ApiClient;

  const ingest = (kind: string, items: object[]) => api.ingest(kind, items);
  const get = (query: string) => api.analytics('seasonality', query);
  const report = async (query: string): Promise<SeasonalityResponse> => seasonalityResponseSchema.parse((await get(query).expect(200)).body);

  // Two ISO weeks in Berlin; CET → CEST on Sun 03-29 at 02:00 (01:00Z): that Sunday has 23 hours.
  const DST = 'from=2026-03-23&to=2026-04-06';
  // Four ISO weeks from Mon 12-14 across New Year.
  const NEW_YEAR = 'from=2026-12-14&to=2027-01-11';
  // The week of the leap day 2024-02-29.
  const LEAP = 'from=2024-02-26&to=2024-03-04';

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    ds = t.app.get(DataSource);
    api = await apiClient(t);
    await ds.query(`UPDATE settings SET timezone = 'Europe/Berlin', holiday_country = 'DE' WHERE id = 1`);
    await ingest('teams', [{ externalId: 'core', name: 'Core' }]);
    await ingest('services', [
      { externalId: 'svc-api', name: 'API', team: 'core' },
      { externalId: 'svc-db', name: 'Postgres', team: 'core' },
    ]);
    await ingest('responders', [{ externalId: 'r-ada', name: 'Ada', team: 'core', timezone: 'UTC' }]);
    const incident = (externalId: string, declaredAt: string, severity: number, services = ['svc-api']) => ({
      externalId, title: externalId, severity, team: 'core', services, declaredAt,
    });
    await ingest('incidents', [
      incident('d1', '2026-03-29T00:30:00Z', 2), // Sun 01:30 CET
      incident('d2', '2026-03-29T01:30:00Z', 3, ['svc-db']), // Sun 03:30 CEST: one hour after d1 on the clock is two
      incident('d3', '2026-03-29T22:30:00Z', 4), // Mon 03-30 00:30 CEST (still Sunday in UTC)
      incident('d4', '2026-04-03T09:00:00Z', 1), // Good Friday 11:00 CEST, a public holiday in DE
      incident('y1', '2026-12-15T10:00:00Z', 3), // Tue
      incident('y2', '2026-12-31T22:30:00Z', 3), // Thu 12-31 23:30 CET
      incident('y3', '2026-12-31T23:30:00Z', 2), // Fri 2027-01-01 00:30 CET: next year, same ISO week
      incident('y4', '2027-01-05T10:00:00Z', 3),
      incident('y5', '2027-01-08T10:00:00Z', 3),
      incident('l1', '2024-02-29T12:00:00Z', 3), // the leap day, 13:00 CET
      incident('l2', '2024-02-29T23:30:00Z', 3), // Fri 03-01 00:30 CET
      { ...incident('gd', '2026-03-25T10:00:00Z', 1), kind: 'game_day' }, // not an incident (SPEC §1)
      { ...incident('tst', '2026-03-25T10:00:00Z', 1), kind: 'test' },
    ]);
    // Ada's call on d2, 21:30–22:30Z = Sun 23:30 – Mon 00:30 CEST: 30 min on each side of the org's midnight.
    await ingest('activity', [{ externalId: 'a-1', responder: 'r-ada', incident: 'd2', at: '2026-03-29T21:30:00Z', endAt: '2026-03-29T22:30:00Z', kind: 'call' }]);
    await ingest('alerts', [{ externalId: 'al-1', rule: 'ApiDown', service: 'svc-api', firedAt: '2026-03-29T00:59:00Z', incident: 'd1' }]);
    await ingest('alerts', [{ externalId: 'al-tst', rule: 'ApiDown', service: 'svc-api', firedAt: '2026-03-25T09:55:00Z', incident: 'tst' }]);
    await ingest('pages', [
      { externalId: 'p-1', alert: 'al-1', responder: 'r-ada', at: '2026-03-29T00:59:59Z', channel: 'phone' }, // 01:59:59 CET
      { externalId: 'p-2', alert: 'al-1', responder: 'r-ada', at: '2026-03-29T01:00:00Z', channel: 'phone', level: 2 }, // 03:00 CEST
      // The alert of the test incident and its page count nowhere (SPEC §1): not in any figure below.
      { externalId: 'p-tst', alert: 'al-tst', responder: 'r-ada', at: '2026-03-25T10:00:00Z', channel: 'phone' }, // Wed 11:00 CET
    ]);
    await rebuildWorkload(ds);
  });
  afterAll(async () => t?.close());

  it('a DST week: days, weeks and hours on the Berlin clock', async () => {
    const body = await report(DST);
    expect(body.range).toEqual({ from: '2026-03-23', to: '2026-04-06', timeZone: 'Europe/Berlin' });
    expect(body.weekly).toEqual([
      // d1 (SEV2) + d2 (SEV3); Ada's first 30 min; p-1 + p-2 (not p-tst, a page of the test incident's alert)
      { period: '2026-03-23', incidents: 2, majorIncidents: 1, bySeverity: [0, 1, 1, 0, 0], workloadHours: 0.5, pages: 2 },
      // d3 (SEV4, Monday in Berlin) + d4 (SEV1); Ada's last 30 min
      { period: '2026-03-30', incidents: 2, majorIncidents: 1, bySeverity: [1, 0, 0, 1, 0], workloadHours: 0.5, pages: 0 },
    ]);
    expect(body.daily).toHaveLength(14);
    expect(body.daily.filter((d) => d.incidents + d.workloadHours + d.pages > 0).map((d) => [d.period, d.incidents, d.workloadHours, d.pages])).toEqual([
      ['2026-03-29', 2, 0.5, 2], // the 23-hour Sunday
      ['2026-03-30', 1, 0.5, 0],
      ['2026-04-03', 1, 0, 0],
    ]);
    expect(body.monthly.map((m) => [m.period, m.incidents])).toEqual([
      ['2026-03-01', 3], // d1, d2, d3
      ['2026-04-01', 1], // d4
    ]);
    expect(body.heatmap.filter((c) => c.incidents + c.pages > 0)).toEqual([
      { weekday: 1, hour: 0, incidents: 1, pages: 0 }, // d3
      { weekday: 5, hour: 11, incidents: 1, pages: 0 }, // d4
      { weekday: 7, hour: 1, incidents: 1, pages: 1 }, // d1, p-1 at 01:59:59 CET
      { weekday: 7, hour: 3, incidents: 1, pages: 1 }, // d2, p-2 at 03:00 CEST: the clock skipped 02:00
    ]);
    // 4 incidents over 14 days = 2/7 a day. Mondays 1 over 2 days = 0.5 → 1.75; Fridays the same; Sundays 2 / 2 = 1 → 3.5.
    expect(body.weekdayIndex).toEqual([1.75, 0, 0, 0, 1.75, 0, 3.5]);
    expect(body.monthIndex).toBeNull(); // 14 days, not 12 months
    expect(body.holidayEffect).toEqual({
      country: 'DE',
      holidayDays: 1, // Good Friday 04-03; Easter Monday 04-06 is `to`, outside
      publicHolidayDays: 1,
      endOfYearDays: 0,
      holidayIncidents: 1, // d4
      holidayRate: 1,
      otherDays: 13,
      otherIncidents: 3,
      otherRate: 0.231, // 3 / 13
      ratio: 4.333, // 1 / (3 / 13) = 13 / 3
    });
    expect(body.anomalies).toEqual([]); // two weeks: none has 8 before it
    expect(body.yearOverYear).toEqual([{ year: 2026, months: [null, null, 3, 1, null, null, null, null, null, null, null, null] }]);
  });

  it('a year boundary: ISO week across it, months and years split, the end-of-year window', async () => {
    const body = await report(NEW_YEAR);
    expect(body.weekly.map((w) => [w.period, w.incidents, w.majorIncidents])).toEqual([
      ['2026-12-14', 1, 0], // y1
      ['2026-12-21', 0, 0],
      ['2026-12-28', 2, 1], // y2 (Thu 12-31) + y3 (Fri 01-01, SEV2): one ISO week, 2026-W53
      ['2027-01-04', 2, 0], // y4, y5
    ]);
    expect(body.monthly.map((m) => [m.period, m.incidents])).toEqual([
      ['2026-12-01', 2], // y1, y2 (23:30 CET on 12-31; 22:30Z)
      ['2027-01-01', 3], // y3 (00:30 CET on 01-01), y4, y5
    ]);
    expect(body.yearOverYear).toEqual([
      { year: 2026, months: [null, null, null, null, null, null, null, null, null, null, null, 2] },
      { year: 2027, months: [3, null, null, null, null, null, null, null, null, null, null, null] },
    ]);
    expect(body.holidayEffect).toEqual({
      country: 'DE',
      holidayDays: 15, // 12-20 … 01-03
      publicHolidayDays: 3, // 12-25, 12-26, 01-01: all inside the window, counted once
      endOfYearDays: 15,
      holidayIncidents: 2, // y2, y3
      holidayRate: 0.133, // 2 / 15
      otherDays: 13, // 28 − 15
      otherIncidents: 3, // y1, y4, y5
      otherRate: 0.231, // 3 / 13
      ratio: 0.578, // (2 / 15) / (3 / 13) = 26 / 45
    });
  });

  it('a leap day', async () => {
    const body = await report(LEAP);
    expect(body.daily.map((d) => [d.period, d.incidents])).toEqual([
      ['2024-02-26', 0],
      ['2024-02-27', 0],
      ['2024-02-28', 0],
      ['2024-02-29', 1], // l1
      ['2024-03-01', 1], // l2: 23:30Z on 02-29 is 00:30 CET on 03-01
      ['2024-03-02', 0],
      ['2024-03-03', 0],
    ]);
    expect(body.weekly).toEqual([{ period: '2024-02-26', incidents: 2, majorIncidents: 0, bySeverity: [0, 0, 2, 0, 0], workloadHours: 0, pages: 0 }]);
    expect(body.monthly.map((m) => [m.period, m.incidents])).toEqual([
      ['2024-02-01', 1],
      ['2024-03-01', 1],
    ]);
  });

  it.each([
    // filter, [incidents, workloadHours, pages] per week of the DST range, why
    ['service=svc-db', [[1, 0.5, 0], [0, 0.5, 0]], 'd2 and its workload; the pages are about svc-api'],
    ['service=svc-api', [[1, 0, 2], [2, 0, 0]], 'd1, d3, d4 and al-1’s pages'],
    ['severity=2', [[1, 0, 2], [1, 0, 0]], 'd1, d4; pages of al-1, linked to SEV2 d1'],
    ['severity=1', [[0, 0, 0], [1, 0, 0]], 'd4; d1 is SEV2, so its alert’s pages go too'],
    ['team=nobody', [[0, 0, 0], [0, 0, 0]], 'an unknown team matches nothing'],
  ])('%s → %j (%s)', async (filter, weeks) => {
    const body = await report(`${DST}&${filter}`);
    expect(body.weekly.map((w) => [w.incidents, w.workloadHours, w.pages])).toEqual(weeks);
  });

  it.each([
    ['severity=0', 'severity'],
    ['from=2026-02-30', 'from'],
    ['from=2026-04-06&to=2026-03-23', 'to'],
    ['unit=week', 'unit'],
  ])('%s → 400 naming %s', async (query, param) => {
    const res = await get(query).expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path)).toEqual([param]);
  });

  it('needs a read token', async () => {
    await api.http().get('/api/v1/analytics/seasonality').expect(401);
    await api.http().get('/api/v1/analytics/seasonality').set('Authorization', `Bearer ${api.ingestToken}`).expect(403);
  });

  it('answers the daily trend as CSV to Accept: text/csv', async () => {
    const res = await get('from=2026-03-28&to=2026-03-31').set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=seasonality-daily_2026-03-28_2026-03-31.csv');
    expect(res.text.split('\r\n')).toEqual([
      'period,incidents,majorIncidents,sev1,sev2,sev3,sev4,sev5,workloadHours,pages',
      '2026-03-28,0,0,0,0,0,0,0,0,0',
      '2026-03-29,2,1,0,1,1,0,0,0.5,2',
      '2026-03-30,1,0,0,0,0,1,0,0.5,0',
      '',
    ]);
  });
});

describe('demo organisation', () => {
  let t: TestApp;
  let api: ApiClient;
  let manifest: DemoManifest;
  let whole: SeasonalityResponse;

  const report = async (query: string): Promise<SeasonalityResponse> =>
    seasonalityResponseSchema.parse((await api.analytics('seasonality', query).expect(200)).body);
  const pattern = (id: string) => manifest.patterns.find((p) => p.id === id)!;
  const range = () => `from=${manifest.range.from.slice(0, 10)}&to=${manifest.range.to.slice(0, 10)}`;

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    api = await apiClient(t);
    manifest = await loadDemoOrganisation(t, t.app.get(DataSource));
    whole = await report(range());
  }, 240_000);
  afterAll(async () => t?.close());

  it('shows the end-of-year dip (manifest pattern year-end-dip)', () => {
    const dip = pattern('year-end-dip');
    const effect = whole.holidayEffect;
    expect(effect.country).toBeNull(); // default settings: no public holidays, only Dec 20 – Jan 3
    expect(effect.publicHolidayDays).toBe(0);
    // Days of the manifest's windows (`YYYY-MM-DD..YYYY-MM-DD`, both included).
    const windowDays = (dip.entities.windows as string[])
      .map((w) => w.split('..').map((d) => Date.parse(d)))
      .reduce((n, [from, to]) => n + (to! - from!) / 86_400_000 + 1, 0);
    expect(effect.holidayDays).toBe(windowDays);
    expect(effect.holidayDays + effect.otherDays).toBe(manifest.range.days);
    expect(effect.ratio).toBeLessThan(1);
    expect(effect.ratio).toBeLessThanOrEqual(dip.expectations[0]!.max!);
    // Peak month ÷ low month of the model.
    const peak = dip.entities.peakMonth as string;
    const low = dip.entities.lowMonth as string;
    const month = (m: string) => whole.monthly.find((x) => x.period === `${m}-01`)!.incidents;
    expect(month(peak) / month(low)).toBeGreaterThanOrEqual(dip.expectations[1]!.min!);
    // ≥ 12 months of data: the month index exists, and December (its dip) is below November.
    expect(whole.monthIndex).toHaveLength(12);
    expect(whole.monthIndex![11]).toBeLessThan(whole.monthIndex![10]!);
  });

  it('shows the nightly batch failures in the heatmap (manifest pattern nightly-batch-failures)', async () => {
    const batch = pattern('nightly-batch-failures');
    const service = batch.entities.service as string;
    const body = await report(`${range()}&service=${service}`);
    const incidents = body.heatmap.reduce((n, c) => n + c.incidents, 0);
    const night = body.heatmap.filter((c) => c.hour >= 2 && c.hour < 4).reduce((n, c) => n + c.incidents, 0);
    expect(incidents).toBeGreaterThan(0);
    expect(night / incidents).toBeGreaterThanOrEqual(batch.expectations[0]!.min!); // share declared 02:00–04:00 UTC
    // Its pages peak in the 02:00 hour too, on every weekday.
    const pagesByHour = Array.from({ length: 24 }, (_, h) => body.heatmap.filter((c) => c.hour === h).reduce((n, c) => n + c.pages, 0));
    expect(pagesByHour.indexOf(Math.max(...pagesByHour))).toBe(2);
    // The organisation as a whole is busiest by day, not at 02:00.
    const allNight = whole.heatmap.filter((c) => c.hour >= 2 && c.hour < 4).reduce((n, c) => n + c.incidents, 0);
    expect(allNight / whole.heatmap.reduce((n, c) => n + c.incidents, 0)).toBeLessThan(0.2);
  });

  it('shows the business-hours weekday × hour profile (manifest pattern weekday-hour-profile)', () => {
    const profile = pattern('weekday-hour-profile');
    const index = whole.weekdayIndex!;
    const weekday = index.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
    const weekend = (index[5]! + index[6]!) / 2;
    expect(weekday / weekend).toBeGreaterThanOrEqual(profile.expectations[0]!.min!);
    const total = whole.heatmap.reduce((n, c) => n + c.incidents, 0);
    const businessHours = whole.heatmap.filter((c) => c.weekday <= 5 && c.hour >= 7 && c.hour < 17).reduce((n, c) => n + c.incidents, 0);
    expect(businessHours / total).toBeGreaterThanOrEqual(profile.expectations[1]!.min!);
    const busiest = whole.heatmap.reduce((a, b) => (b.incidents > a.incidents ? b : a));
    expect(busiest.weekday).toBeLessThanOrEqual(5);
    expect(busiest.hour).toBeGreaterThanOrEqual(7);
    expect(busiest.hour).toBeLessThan(17);
  });

  it('keeps trends consistent and lists anomalies by the rule', () => {
    const sum = (rows: Array<{ incidents: number }>) => rows.reduce((n, r) => n + r.incidents, 0);
    expect(sum(whole.weekly)).toBe(sum(whole.daily));
    expect(sum(whole.monthly)).toBe(sum(whole.daily));
    expect(sum(whole.heatmap)).toBe(sum(whole.daily));
    expect(whole.daily).toHaveLength(manifest.range.days);
    for (const a of whole.anomalies) {
      expect(a.excess).toBeGreaterThan(ANOMALY_MAD_FACTOR * a.mad);
      expect(a.excess).toBeGreaterThanOrEqual(ANOMALY_MIN_EXCESS);
      expect(whole.weekly.find((w) => w.period === a.period)!.incidents).toBe(a.incidents);
    }
  });
});
