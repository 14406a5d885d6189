import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { noiseResponseSchema, responderDetailSchema, type ResponderDetail } from '@firewatch/shared';
import { createTestApp, type TestApp } from '../support/app.js';
import { apiClient, type ApiClient } from '../support/api-client.js';
import { rebuildWorkload } from '../support/demo.js';

/**
 * GET /api/v1/responders/{externalId}: the pager interruptions of the responder's page (SPEC §2.5, the
 * noise report's merge), and the workload of the right person when two sources share an external id.
 * Org time zone UTC; Ada works in Asia/Kolkata (UTC+5:30, no DST), sleeping 23:00–08:00 there.
 */
describe('responder page', () => {
  let t: TestApp;
  let api: ApiClient;

  const detail = async (externalId: string, query: string): Promise<ResponderDetail> =>
    responderDetailSchema.parse((await api.http().get(`/api/v1/responders/${externalId}?${query}`).set('Authorization', `Bearer ${api.readToken}`).expect(200)).body);

  // One week, Mon 03-02 – Sun 03-08.
  const RANGE = 'from=2026-03-02&to=2026-03-09';

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    api = await apiClient(t);
    await api.ingest('teams', [{ externalId: 'core', name: 'Core' }]);
    await api.ingest('services', [{ externalId: 'svc-db', name: 'Postgres', team: 'core' }]);
    await api.ingest('responders', [
      { externalId: 'r-ada', name: 'Ada', team: 'core', timezone: 'Asia/Kolkata' },
      { externalId: 'r-bob', name: 'Bob', team: 'core', timezone: 'UTC' },
    ]);
    // Another source's person with the same external id, recorded after Ada.
    await api.ingest('responders', [{ source: 'pagerduty', externalId: 'r-ada', name: 'Ada (PagerDuty)', timezone: 'UTC' }]);
    await api.ingest('incidents', [
      { externalId: 'inc-1', title: 'Replica lag', severity: 2, team: 'core', services: ['svc-db'], declaredAt: '2026-03-03T10:00:00Z' },
      { externalId: 'inc-test', kind: 'test', title: 'Pager test', severity: 1, team: 'core', services: ['svc-db'], declaredAt: '2026-03-03T11:00:00Z' },
    ]);
    await api.ingest('incidents', [
      { source: 'pagerduty', externalId: 'pd-1', title: 'Other source', severity: 2, declaredAt: '2026-03-04T10:00:00Z' },
    ]);
    await api.ingest('activity', [
      // Ada: 10:00 + 10:10 bridged → [10:00, 10:20) UTC = 15:30–15:50 Kolkata Tuesday: 20 working minutes.
      { externalId: 'a-1', responder: 'r-ada', incident: 'inc-1', kind: 'message', at: '2026-03-03T10:00:00Z' },
      { externalId: 'a-2', responder: 'r-ada', incident: 'inc-1', kind: 'message', at: '2026-03-03T10:10:00Z' },
    ]);
    // The PagerDuty Ada's hour-long call: must not show on the API Ada's page.
    await api.ingest('activity', [
      { source: 'pagerduty', externalId: 'a-pd', responder: 'r-ada', incident: 'pd-1', kind: 'call', at: '2026-03-04T10:00:00Z', endAt: '2026-03-04T11:00:00Z' },
    ]);
    await api.ingest('alerts', [
      { externalId: 'al-1', rule: 'ReplicaLag', service: 'svc-db', severity: 'critical', firedAt: '2026-03-03T17:55:00Z' },
      { externalId: 'al-2', rule: 'ReplicaLag', service: 'svc-db', severity: 'critical', firedAt: '2026-03-04T20:00:00Z' },
      // Fired before the range: its page inside the range does not count (alerts count by firedAt, as in the noise report).
      { externalId: 'al-old', rule: 'ReplicaLag', service: 'svc-db', severity: 'critical', firedAt: '2026-03-01T23:00:00Z' },
      // Linked to a test incident: counts nowhere.
      { externalId: 'al-test', rule: 'PagerTest', service: 'svc-db', severity: 'critical', firedAt: '2026-03-03T11:00:00Z', incident: 'inc-test' },
    ]);
    const page = (externalId: string, alert: string, responder: string, at: string, channel: string) => ({ externalId, alert, responder, at: `2026-${at}Z`, channel });
    await api.ingest('pages', [
      page('p-1', 'al-1', 'r-ada', '03-03T18:00:00', 'phone'), // 23:30 Kolkata: sleeping, night of 03-03, hour 03-03T23
      page('p-2', 'al-1', 'r-ada', '03-03T18:00:45', 'sms'), // 45 s later: merged into p-1
      page('p-3', 'al-1', 'r-ada', '03-03T18:20:00', 'email'), // email: a page, never an interruption
      page('p-4', 'al-1', 'r-ada', '03-03T20:00:00', 'push'), // 01:30 on 03-04 Kolkata: the night of 03-03, hour 03-04T01
      page('p-5', 'al-2', 'r-ada', '03-04T20:00:00', 'phone'), // 01:30 on 03-05: the night of 03-04
      page('p-6', 'al-2', 'r-ada', '03-05T05:00:00', 'phone'), // 10:30 Thursday 03-05 Kolkata: working
      page('p-7', 'al-old', 'r-ada', '03-02T00:30:00', 'phone'), // alert fired before the range
      page('p-8', 'al-test', 'r-ada', '03-03T11:00:00', 'phone'), // test incident's alert
      page('p-9', 'al-2', 'r-bob', '03-04T20:00:10', 'phone'), // Bob's: not Ada's
    ]);
    await rebuildWorkload(t.app.get(DataSource));
  });
  afterAll(async () => t?.close());

  it('answers the responder’s interruptions, sleeping ones and disrupted nights over the range', async () => {
    const ada = await detail('r-ada', RANGE);
    expect(ada.interruptions).toEqual({
      pages: 6, // p-1 … p-6 (al-old fired before the range, al-test is a test incident's)
      interruptions: 4, // p-1 (+ p-2 within 60 s), p-4, p-5, p-6; p-3 is an email
      sleepingInterruptions: 3, // p-1 23:30, p-4 01:30, p-5 01:30 Kolkata
      disruptedHours: 4, // 03-03T23, 03-04T01, 03-05T01, 03-05T10 (Kolkata)
      disruptedNights: 2, // night of 03-03 (p-1, p-4) and of 03-04 (p-5)
    });
  });

  it('equals the responder’s row of the noise report for the same range', async () => {
    const noise = noiseResponseSchema.parse((await api.analytics('noise', RANGE).expect(200)).body);
    const row = noise.responders.find((r) => r.name === 'Ada')!;
    const { pages, interruptions, sleepingInterruptions, disruptedHours, disruptedNights } = row;
    expect((await detail('r-ada', RANGE)).interruptions).toEqual({ pages, interruptions, sleepingInterruptions, disruptedHours, disruptedNights });
  });

  it('counts only the alerts fired in the range', async () => {
    // The range ending 03-04: al-2's pages (p-5, p-6) leave; p-1, p-2, p-3, p-4 stay.
    expect((await detail('r-ada', 'from=2026-03-02&to=2026-03-04')).interruptions).toEqual({
      pages: 4,
      interruptions: 2,
      sleepingInterruptions: 2,
      disruptedHours: 2,
      disruptedNights: 1,
    });
  });

  it('shows the workload of the person it names when another source uses the same external id', async () => {
    const ada = await detail('r-ada', RANGE);
    expect(ada.name).toBe('Ada'); // the one recorded first
    // Her 20 working minutes on inc-1, not the PagerDuty Ada's 60-minute call.
    expect(ada.workload).toEqual({ minutes: 20, working: 20, late: 0, sleeping: 0, incidents: 1, gameDayMinutes: 0 });
  });
});
