import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  causesResponseSchema,
  ESCALATION_REASONS,
  incidentListResponseSchema,
  noiseResponseSchema,
  responderDetailSchema,
  seasonalityResponseSchema,
  type CausesResponse,
  type SeasonalityResponse,
} from '@firewatch/shared';
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

  describe('escalation depth → escalationReason', () => {
    const noise = async (query: string) => noiseResponseSchema.parse((await api.analytics('noise', query).expect(200)).body).escalation;

    it('lists, for every reason, the incidents the noise report counts for it over the whole demo range', async () => {
      // Over the whole range every alert and incident of the demo is inside, so the two readings agree:
      // the noise report reads the alerts fired in range, the list the incidents declared in it.
      const report = await noise(range());
      expect(Object.values(report.byReason).reduce((n, r) => n + r.incidents, 0)).toBeGreaterThan(10); // not an empty fixture
      const listed = [];
      for (const reason of ESCALATION_REASONS) listed.push({ reason, incidents: await listTotal(`${range()}&escalationReason=${reason}`) });
      expect(listed).toEqual(ESCALATION_REASONS.map((reason) => ({ reason, incidents: report.byReason[reason].incidents })));
    });

    it('differs in one month by no more than the incidents whose alerts fired on the other side of a bound', async () => {
      // One month: an incident declared in it whose alerts fired before it (or one declared before it with
      // an alert fired in it) is read differently by the two (METRICS.md, incident list drill-down filters).
      const from = manifest.range.from.slice(0, 8) + '01';
      const month = new Date(`${from}T00:00:00Z`);
      month.setUTCMonth(month.getUTCMonth() + 2);
      const to = month.toISOString().slice(0, 10);
      const [{ straddling }] = await ds.query(
        `SELECT count(DISTINCT i.id)::int AS straddling FROM incidents i JOIN alerts a ON a.incident_id = i.id
          WHERE i.kind = 'incident' AND (i.declared_at >= $1::timestamptz AND i.declared_at < $2::timestamptz)
                                     <> (a.fired_at >= $1::timestamptz AND a.fired_at < $2::timestamptz)`,
        [from, to],
      );
      const report = await noise(`from=${from}&to=${to}`);
      for (const reason of ESCALATION_REASONS) {
        const listed = await listTotal(`from=${from}&to=${to}&escalationReason=${reason}`);
        expect(Math.abs(listed - report.byReason[reason].incidents)).toBeLessThanOrEqual(straddling);
      }
    });
  });

  it('lists, for a responder, as many incidents as their page counts, whenever declared (one month)', async () => {
    const from = manifest.range.from.slice(0, 8) + '01';
    const month = new Date(`${from}T00:00:00Z`);
    month.setUTCMonth(month.getUTCMonth() + 1);
    const query = `from=${from}&to=${month.toISOString().slice(0, 10)}`;
    const responders: Array<{ external_id: string }> = await ds.query(`SELECT external_id FROM responders ORDER BY id LIMIT 5`);
    let worked = 0;
    for (const { external_id: id } of responders) {
      const page = responderDetailSchema.parse((await api.http().get(`/api/v1/responders/${id}?${query}`).set('Authorization', `Bearer ${api.readToken}`).expect(200)).body);
      worked += page.workload.incidents;
      expect({ id, incidents: await listTotal(`${query}&responder=${id}`) }).toEqual({ id, incidents: page.workload.incidents });
    }
    expect(worked).toBeGreaterThan(0);
  });
});
