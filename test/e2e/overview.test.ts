import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  noiseResponseSchema,
  overviewResponseSchema,
  readinessReportSchema,
  workloadResponseSchema,
  type OverviewFigure,
  type OverviewResponse,
} from '@firewatch/shared';
import { createTestApp, type TestApp } from '../support/app.js';
import { apiClient, type ApiClient } from '../support/api-client.js';
import { loadDemoOrganisation, rebuildWorkload } from '../support/demo.js';

/**
 * GET /api/v1/analytics/overview (SPEC §2.7, §3). Part 1: a small fixture ingested through the API,
 * every figure with its arithmetic. Part 2: on the demo organisation, each block equals what the
 * endpoint defining the figure answers for the same period. Org time zone UTC (the default);
 * responders in UTC, so working hours are Mon–Fri 08:00–19:00Z and sleeping hours 23:00–08:00Z.
 */

describe('small fixture', () => {
  let t: TestApp;
  let api: ApiClient;

  const overview = async (query: string): Promise<OverviewResponse> => overviewResponseSchema.parse((await api.analytics('overview', query).expect(200)).body);
  const figure = (report: OverviewResponse, name: OverviewFigure['figure']) => report.figures.find((f) => f.figure === name);

  // One week, Mon 03-02 – Sun 03-08; the previous period is the week before: [02-23, 03-02).
  const RANGE = 'from=2026-03-02&to=2026-03-09';

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    api = await apiClient(t);
    await api.ingest('teams', [
      { externalId: 'core', name: 'Core' },
      { externalId: 'data', name: 'Data' },
    ]);
    await api.ingest('services', [
      { externalId: 'svc-api', name: 'API', team: 'core' },
      { externalId: 'svc-db', name: 'Postgres', team: 'data' },
    ]);
    await api.ingest('responders', [
      { externalId: 'r-ada', name: 'Ada', team: 'core', timezone: 'UTC' },
      { externalId: 'r-bob', name: 'Bob', team: 'core', timezone: 'UTC' },
      { externalId: 'r-cy', name: 'Cy', team: 'core', timezone: 'UTC', leftAt: '2026-03-05T12:00:00Z' },
      { externalId: 'r-dee', name: 'Dee', team: 'data', timezone: 'UTC' },
    ]);
    await api.ingest('incidents', [
      // Previous week: TTA 20, TTR 120.
      { externalId: 'inc-0', title: 'Old outage', severity: 2, team: 'core', services: ['svc-api'],
        declaredAt: '2026-02-25T10:00:00Z', acknowledgedAt: '2026-02-25T10:20:00Z', resolvedAt: '2026-02-25T12:00:00Z' },
      // TTA 5, TTR 60.
      { externalId: 'inc-1', title: 'API down', severity: 1, team: 'core', services: ['svc-api'],
        declaredAt: '2026-03-02T10:00:00Z', acknowledgedAt: '2026-03-02T10:05:00Z', resolvedAt: '2026-03-02T11:00:00Z' },
      // TTA 10, TTR 60; Bob leads it (a role: qualifying for readiness).
      { externalId: 'inc-2', title: 'API slow at night', severity: 2, team: 'core', services: ['svc-api'], roles: [{ responder: 'r-bob', role: 'lead' }],
        declaredAt: '2026-03-03T23:30:00Z', acknowledgedAt: '2026-03-03T23:40:00Z', resolvedAt: '2026-03-04T00:30:00Z' },
      // Never acknowledged (TTA excluded), TTR 120.
      { externalId: 'inc-3', title: 'API errors', severity: 3, team: 'core', services: ['svc-api'],
        declaredAt: '2026-03-04T12:00:00Z', resolvedAt: '2026-03-04T14:00:00Z' },
      // Team data, severity 4: never acknowledged, TTR 30.
      { externalId: 'inc-4', title: 'Replica lag', severity: 4, team: 'data', services: ['svc-db'],
        declaredAt: '2026-03-05T10:00:00Z', resolvedAt: '2026-03-05T10:30:00Z' },
      // Declared at `to`: the next period.
      { externalId: 'inc-5', title: 'Next week', severity: 1, team: 'core', services: ['svc-api'], declaredAt: '2026-03-09T00:00:00Z' },
      // Test incidents count nowhere.
      { externalId: 'inc-test', kind: 'test', title: 'Pager test', severity: 1, team: 'core', services: ['svc-api'], declaredAt: '2026-03-03T10:00:00Z' },
    ]);
    let n = 0;
    const act = (responder: string, incident: string, at: string) => ({ externalId: `a-${++n}`, responder, incident, kind: 'message', at: `2026-${at}Z` });
    await api.ingest('activity', [
      act('r-bob', 'inc-0', '02-25T10:00:00'), // [10:00, 10:10) Wed: 10 working minutes
      act('r-ada', 'inc-1', '03-02T10:00:00'), // 10:00 and 10:15 bridged: [10:00, 10:25) Mon = 25 working
      act('r-ada', 'inc-1', '03-02T10:15:00'),
      act('r-bob', 'inc-2', '03-03T23:30:00'), // [23:30, 23:40) = 10 sleeping
      act('r-ada', 'inc-3', '03-04T12:00:00'), // [12:00, 12:10) Wed = 10 working
    ]);
    await api.ingest('alerts', [
      // Linked to inc-1: actionable. Two phone pages to Ada 30 s apart: one interruption (09:59 Mon, working).
      { externalId: 'al-1', rule: 'ApiDown', service: 'svc-api', severity: 'critical', firedAt: '2026-03-02T09:58:00Z', incident: 'inc-1' },
      // No incident, never acknowledged: ignored (noise). A push to Bob at 02:00: a sleeping interruption.
      { externalId: 'al-2', rule: 'DiskIO', service: 'svc-api', severity: 'warning', firedAt: '2026-03-04T02:00:00Z' },
    ]);
    await api.ingest('pages', [
      { externalId: 'p-1', alert: 'al-1', responder: 'r-ada', at: '2026-03-02T09:59:00Z', channel: 'phone' },
      { externalId: 'p-2', alert: 'al-1', responder: 'r-ada', at: '2026-03-02T09:59:30Z', channel: 'phone' },
      { externalId: 'p-3', alert: 'al-2', responder: 'r-bob', at: '2026-03-04T02:00:00Z', channel: 'push' },
    ]);
    await api.ingest('shifts', [
      // Ada primary Mon 08:00–20:00 (12 h) and secondary 18:00–22:00: her on-call time is 08:00–22:00 = 14 h.
      { externalId: 'sh-1', responder: 'r-ada', rotation: 'core', level: 1, start: '2026-03-02T08:00:00Z', end: '2026-03-02T20:00:00Z' },
      { externalId: 'sh-2', responder: 'r-ada', rotation: 'core-extra', level: 2, start: '2026-03-02T18:00:00Z', end: '2026-03-02T22:00:00Z' },
      // Bob secondary Mon 08:00–20:00: 12 h.
      { externalId: 'sh-3', responder: 'r-bob', rotation: 'core', level: 2, start: '2026-03-02T08:00:00Z', end: '2026-03-02T20:00:00Z' },
      // Cy secondary Sun 20:00 – Mon 08:00: 4 h in the previous week, 8 h in this one.
      { externalId: 'sh-4', responder: 'r-cy', rotation: 'core', level: 2, start: '2026-03-01T20:00:00Z', end: '2026-03-02T08:00:00Z' },
    ]);
    await rebuildWorkload(t.app.get(DataSource));
  });
  afterAll(async () => t?.close());

  it('answers both periods side by side, every figure from its definition', async () => {
    const report = await overview(RANGE);
    expect(report.guideline).toEqual({ incidentsPerShift: 2, shiftHours: 12 });
    expect(report.current).toEqual({
      from: '2026-03-02',
      to: '2026-03-09',
      days: 7,
      // inc-1..inc-4 (inc-5 at `to` and the test incident left out); major = severity ≤ 2.
      incidents: { total: 4, major: 2, bySeverity: [1, 1, 1, 1, 0] },
      workload: {
        minutes: 45, // Ada 25 + 10, Bob 10
        working: 35, // Ada 25 + 10
        late: 0,
        sleeping: 10, // Bob 23:30–23:40
        hours: 0.75, // 45 / 60
        responders: 2,
        costAmount: null,
        sleepingShare: 0.222, // 10 / 45
        hoursPerResponderPerWeek: 0.38, // 0.75 h / 2 responders / (7 days / 7) = 0.375
      },
      noise: {
        fired: 2,
        escalated: 2,
        actionable: 1, // al-1 (linked to inc-1)
        noise: 1, // al-2 (ignored)
        actionableRatio: 0.5, // 1 / 2
        pages: 3,
        interruptions: 2, // p-1 + p-2 merged (30 s apart), p-3
        sleepingInterruptions: 1, // p-3 at 02:00
        classes: { actionable: 1, flagged: 0, transient: 0, ignored: 1, ackOnly: 0 },
      },
      timings: {
        tta: { medianMinutes: 7.5, p90Minutes: 9.5, incidents: 2, excluded: 2 }, // median(5, 10); p90 = 5 + 0.9 × 5; inc-3, inc-4 unacknowledged
        ttr: { medianMinutes: 60, p90Minutes: 102, incidents: 4, excluded: 0 }, // 30, 60, 60, 120: median 60; p90 = 60 + 0.7 × 60
      },
      // 03-08: Ada (inc-1, sev 1, 25 min ≥ 15) and Bob (lead on inc-2, sev 2) ready; Cy left on 03-05; Dee not ready.
      readiness: { asOf: '2026-03-08', ready: 2, active: 3, readyRatio: 0.6667 },
      onCall: {
        primaryHours: 12, // sh-1
        shifts: 1, // 12 h / 12
        incidentsPerShift: 4, // 4 incidents / 1 shift
        exceedsGuideline: true, // 4 > 2
        onCallHours: 34, // Ada 14 (08:00–22:00, overlap once) + Bob 12 + Cy 8
        responderHours: 588, // Ada, Bob, Dee 7 × 24 = 168 each + Cy 3.5 days = 84
        onCallShare: 0.058, // 34 / 588 = 0.0578
        responders: 3,
      },
    });
    expect(report.previous).toMatchObject({
      from: '2026-02-23',
      to: '2026-03-02',
      days: 7,
      incidents: { total: 1, major: 1, bySeverity: [0, 1, 0, 0, 0] },
      workload: { minutes: 10, working: 10, hours: 0.17, responders: 1, sleepingShare: 0, hoursPerResponderPerWeek: 0.17 }, // 10 / 60 = 0.1667
      noise: { fired: 0, escalated: 0, interruptions: 0, actionableRatio: null },
      timings: { tta: { medianMinutes: 20, incidents: 1 }, ttr: { medianMinutes: 120, incidents: 1 } },
      // 03-01: Bob's 10 minutes on inc-0 do not qualify (< 15, no role); Ada, Bob, Cy, Dee active.
      readiness: { asOf: '2026-03-01', ready: 0, active: 4, readyRatio: 0 },
      // Only Cy's 4 h (Sun 20:00–24:00) at level 2: no primary time, no incidents per shift.
      onCall: { primaryHours: 0, shifts: 0, incidentsPerShift: null, exceedsGuideline: false, onCallHours: 4, responderHours: 672, onCallShare: 0.006, responders: 1 }, // 4 × 168; 4 / 672 = 0.00595
    });
    expect(figure(report, 'incidents')).toEqual({ figure: 'incidents', current: 4, previous: 1, change: 3 }); // (4 − 1) / 1
    expect(figure(report, 'workloadHours')).toEqual({ figure: 'workloadHours', current: 0.75, previous: 0.17, change: 3.412 }); // (0.75 − 0.17) / 0.17
    expect(figure(report, 'readyResponders')).toEqual({ figure: 'readyResponders', current: 2, previous: 0, change: null }); // previous 0: no ratio
    expect(figure(report, 'actionableRatio')).toEqual({ figure: 'actionableRatio', current: 0.5, previous: null, change: null });
    expect(figure(report, 'incidentsPerShift')).toEqual({ figure: 'incidentsPerShift', current: 4, previous: null, change: null });
  });

  it.each([
    // team core: inc-1..3; Dee's hours leave the employed time (588 − 168 = 420); 34 / 420 = 0.081.
    ['team=core', { total: 3, bySeverity: [1, 1, 1, 0, 0] }, { incidentsPerShift: 3, exceedsGuideline: true, responderHours: 420, onCallShare: 0.081 }],
    // severity ≤ 2: inc-1, inc-2; 2 per shift is within the guideline (not above 2).
    ['severity=2', { total: 2, bySeverity: [1, 1, 0, 0, 0] }, { incidentsPerShift: 2, exceedsGuideline: false, responderHours: 588 }],
    // service svc-db: inc-4 only; shifts carry no service, so the on-call time stays.
    ['service=svc-db', { total: 1, bySeverity: [0, 0, 0, 1, 0] }, { incidentsPerShift: 1, exceedsGuideline: false, onCallHours: 34 }],
    // team data: Dee has no shift: no on-call block.
    ['team=data', { total: 1, bySeverity: [0, 0, 0, 1, 0] }, null],
  ])('filters %s', async (filter, incidents, onCall) => {
    const report = await overview(`${RANGE}&${filter}`);
    expect(report.current.incidents).toMatchObject(incidents);
    if (onCall === null) expect(report.current.onCall).toBeNull();
    else expect(report.current.onCall).toMatchObject(onCall);
  });

  it('leaves the on-call rows out when no shift overlaps either period', async () => {
    const report = await overview('from=2026-01-05&to=2026-01-12');
    expect(report.current.onCall).toBeNull();
    expect(report.figures.map((f) => f.figure)).not.toContain('incidentsPerShift');
  });

  it('answers the figures as CSV rows to Accept: text/csv', async () => {
    const res = await api.analytics('overview', RANGE).set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=overview_2026-03-02_2026-03-09.csv');
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe('figure,current,previous,change');
    expect(lines).toContain('incidents,4,1,3');
    expect(lines).toContain('sleepingInterruptions,1,0,');
    expect(lines).toContain('incidentsPerShift,4,,');
    expect(lines).toHaveLength(1 + 24 + 1); // header, 24 figures, final newline
  });

  it.each([
    ['from=2026-02-30', ['from']],
    ['severity=9', ['severity']],
    ['from=2026-03-09&to=2026-03-02', ['to']],
    ['bogus=1&severity=x', ['bogus', 'severity']],
  ])('?%s → 400 naming %s', async (query, params) => {
    const res = await api.analytics('overview', query).expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(params);
  });

  it('needs a read token', async () => {
    await api.http().get('/api/v1/analytics/overview').expect(401);
  });
});

describe('demo organisation', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    api = await apiClient(t);
    await loadDemoOrganisation(t, t.app.get(DataSource));
  }, 600_000);
  afterAll(async () => t?.close());

  // A quarter of the demo (13 weeks); the previous period is the 91 days before.
  it.each([
    ['from=2026-05-04&to=2026-08-03', '2026-02-02'],
    ['from=2026-05-04&to=2026-08-03&team=platform&severity=3', '2026-02-02'],
  ])('?%s: each block equals the endpoint that defines its figures', async (query, previousFrom) => {
    const report = overviewResponseSchema.parse((await api.analytics('overview', query).expect(200)).body);
    const filters = query.replace(/from=[^&]*&to=[^&]*/, '');
    for (const [block, from, to] of [
      [report.current, '2026-05-04', '2026-08-03'],
      [report.previous, previousFrom, '2026-05-04'],
    ] as const) {
      expect([block.from, block.to]).toEqual([from, to]);
      const range = `from=${from}&to=${to}${filters}`;
      const workload = workloadResponseSchema.parse((await api.analytics('workload', range).expect(200)).body);
      const noise = noiseResponseSchema.parse((await api.analytics('noise', range).expect(200)).body);
      const readiness = readinessReportSchema.parse((await api.analytics('readiness', range).expect(200)).body);
      const { sleepingShare, hoursPerResponderPerWeek, ...totals } = block.workload;
      expect(totals).toEqual(workload.totals);
      expect(block.noise).toEqual(noise.totals);
      const last = readiness.series.at(-1)!;
      expect(block.readiness).toEqual({ asOf: last.date, ready: last.ready, active: last.active, readyRatio: last.readyRatio });
      expect(block.incidents.total).toBeGreaterThan(0);
      expect(block.onCall).not.toBeNull(); // the demo's weekly rotations
      expect(sleepingShare).toBeGreaterThan(0);
      expect(hoursPerResponderPerWeek).toBeGreaterThan(0);
    }
    console.log(JSON.stringify({ query, current: report.current, previous: report.previous }));
  }, 120_000);

  it('shows on a responder’s page their row of the noise report for the same range', async () => {
    const range = 'from=2026-05-04&to=2026-08-03';
    const noise = noiseResponseSchema.parse((await api.analytics('noise', range).expect(200)).body);
    // The most woken-up responders (sorted by sleeping interruptions) and one from the end of the list.
    for (const row of [...noise.responders.slice(0, 3), noise.responders.at(-1)!]) {
      const res = await api.http().get(`/api/v1/responders/${row.externalId}?${range}`).set('Authorization', `Bearer ${api.readToken}`).expect(200);
      const { pages, interruptions, sleepingInterruptions, disruptedHours, disruptedNights } = row;
      expect(res.body.interruptions).toEqual({ pages, interruptions, sleepingInterruptions, disruptedHours, disruptedNights });
    }
    expect(noise.responders[0]!.disruptedNights).toBeGreaterThan(0);
  });
});
