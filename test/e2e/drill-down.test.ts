import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { causesResponseSchema, incidentListResponseSchema, seasonalityResponseSchema, type CausesResponse, type SeasonalityResponse } from '@firewatch/shared';
import type { DemoManifest } from '@firewatch/api/demo/demo-manifest.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { apiClient, type ApiClient } from '../support/api-client.js';
import { loadDemoOrganisation } from '../support/demo.js';

/**
 * The dashboard's drill-down from a chart to the incident list (SPEC §4): on the demo organisation,
 * the incident list filtered by a heatmap cell (`weekday` + `hour`), a weekday of the profile
 * (`weekday`) or a cause of the causes report (`cause`) counts exactly the incidents that chart shows
 * for it, with the page's other filters kept. The arithmetic of each filter is in incidents.test.ts.
 */

describe('drill-down from the charts to the incident list, on the demo organisation', () => {
  let t: TestApp;
  let ds: DataSource;
  let api: ApiClient;
  let manifest: DemoManifest;

  const range = () => `from=${manifest.range.from.slice(0, 10)}&to=${manifest.range.to.slice(0, 10)}`;
  const seasonality = async (query: string): Promise<SeasonalityResponse> =>
    seasonalityResponseSchema.parse((await api.analytics('seasonality', query).expect(200)).body);
  const causes = async (query: string): Promise<CausesResponse> => causesResponseSchema.parse((await api.analytics('causes', query).expect(200)).body);
  /** Incidents the list counts for a query (one row per page is enough: `total` covers every page). */
  const listTotal = async (query: string): Promise<number> => {
    const res = await api.http().get(`/api/v1/incidents?${query}&pageSize=1`).set('Authorization', `Bearer ${api.readToken}`).expect(200);
    return incidentListResponseSchema.parse(res.body).total;
  };

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    ds = t.app.get(DataSource);
    api = await apiClient(t);
    manifest = await loadDemoOrganisation(t, ds);
  }, 240_000);
  afterAll(async () => t?.close());

  // UTC is the demo's zone; New York reads other weekdays and hours from the same instants (and has a DST change in the range).
  describe.each(['UTC', 'America/New_York'])('org time zone %s', (timeZone) => {
    let heatmap: SeasonalityResponse['heatmap'];

    beforeAll(async () => {
      await ds.query(`UPDATE settings SET timezone = $1 WHERE id = 1`, [timeZone]);
      heatmap = (await seasonality(range())).heatmap;
    });
    afterAll(async () => ds.query(`UPDATE settings SET timezone = 'UTC' WHERE id = 1`));

    it('lists, for every weekday × hour cell of the heatmap, as many incidents as the cell shows', async () => {
      const total = heatmap.reduce((n, c) => n + c.incidents, 0);
      expect(total).toBe(await listTotal(range())); // every incident is in exactly one cell
      expect(total).toBeGreaterThan(1000); // the demo's ≈ 1,500 incidents (sanity: not an empty fixture)
      const listed = [];
      for (const cell of heatmap) listed.push({ ...cell, incidents: await listTotal(`${range()}&weekday=${cell.weekday}&hour=${cell.hour}`) });
      expect(listed).toEqual(heatmap);
    });

    it('lists, for every weekday of the profile, the incidents of its heatmap row', async () => {
      for (let weekday = 1; weekday <= 7; weekday++) {
        const row = heatmap.filter((c) => c.weekday === weekday).reduce((n, c) => n + c.incidents, 0);
        expect({ weekday, incidents: await listTotal(`${range()}&weekday=${weekday}`) }).toEqual({ weekday, incidents: row });
      }
    });
  });

  it('keeps the page’s other filters: a heatmap cell of one team and severity', async () => {
    const team = manifest.patterns.find((p) => p.id === 'nightly-batch-failures')?.entities.team as string;
    expect(team).toBeTruthy();
    const filters = `${range()}&team=${team}&severity=2`;
    const { heatmap } = await seasonality(filters);
    const busiest = heatmap.reduce((a, b) => (b.incidents > a.incidents ? b : a));
    expect(busiest.incidents).toBeGreaterThan(0);
    expect(await listTotal(`${filters}&weekday=${busiest.weekday}&hour=${busiest.hour}`)).toBe(busiest.incidents);
    // Without the team and severity the same cell holds more.
    expect(await listTotal(`${range()}&weekday=${busiest.weekday}&hour=${busiest.hour}`)).toBeGreaterThan(busiest.incidents);
  });

  it('lists, for every cause of the causes report, as many incidents as the report counts for it', async () => {
    const report = await causes(range());
    expect(report.items.length).toBeGreaterThan(3);
    const listed = [];
    for (const item of report.items) listed.push({ cause: item.cause, incidents: await listTotal(`${range()}&cause=${encodeURIComponent(item.cause)}`) });
    expect(listed).toEqual(report.items.map((i) => ({ cause: i.cause, incidents: i.incidents })));
  });

  it('keeps the page’s other filters: causes of one service', async () => {
    const service = manifest.patterns.find((p) => p.id === 'launch')?.entities.service as string | undefined;
    expect(service).toBeDefined();
    const filters = `${range()}&service=${service}`;
    const report = await causes(filters);
    expect(report.items.length).toBeGreaterThan(0);
    for (const item of report.items) {
      expect({ cause: item.cause, incidents: await listTotal(`${filters}&cause=${encodeURIComponent(item.cause)}`) }).toEqual({ cause: item.cause, incidents: item.incidents });
    }
  });
});
