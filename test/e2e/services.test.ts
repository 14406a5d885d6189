import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  beforeAfterResponseSchema,
  causesResponseSchema,
  servicesResponseSchema,
  type BeforeAfterResponse,
  type CausesResponse,
  type ServicesResponse,
} from '@firewatch/shared';
import type { DemoManifest } from '@firewatch/api/demo/demo-manifest.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { apiClient, type ApiClient } from '../support/api-client.js';
import { loadDemoOrganisation, rebuildWorkload } from '../support/demo.js';

/**
 * GET /api/v1/analytics/services, /causes and /services/before-after (SPEC §2.4, §3). Part 1: a small
 * fixture ingested through the API with the arithmetic beside each figure. Part 2: the demo's launch.
 * Org time zone UTC (the default); responders in UTC too, so working hours are Mon–Fri 08:00–19:00Z.
 */

describe('small fixture', () => {
  let t: TestApp;
  let api: ApiClient;

  const ingest = (kind: string, items: object[]) => api.ingest(kind, items);
  const get = (path: string, query: string) => api.analytics(path, query);
  const services = async (query: string): Promise<ServicesResponse> => servicesResponseSchema.parse((await get('services', query).expect(200)).body);
  const causes = async (query: string): Promise<CausesResponse> => causesResponseSchema.parse((await get('causes', query).expect(200)).body);
  const beforeAfter = async (query: string): Promise<BeforeAfterResponse> =>
    beforeAfterResponseSchema.parse((await get('services/before-after', query).expect(200)).body);

  // February 2026 (28 days); the previous period is the 28 days before: [01-04, 02-01).
  const RANGE = 'from=2026-02-01&to=2026-03-01';

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    api = await apiClient(t);
    await ingest('teams', [
      { externalId: 'core', name: 'Core' },
      { externalId: 'payments', name: 'Payments' },
    ]);
    await ingest('services', [
      { externalId: 'svc-api', name: 'API', team: 'core' },
      { externalId: 'svc-db', name: 'Postgres', team: 'core' },
      { externalId: 'svc-pay', name: 'Payments API', team: 'payments' },
    ]);
    await ingest('responders', [
      { externalId: 'r-ada', name: 'Ada', team: 'core', timezone: 'UTC' },
      { externalId: 'r-bob', name: 'Bob', team: 'payments', timezone: 'UTC' },
    ]);
    await ingest('incidents', [
      // Three services, two causes: 1 incident for each, 1/3 (1/2) of its hours to each.
      {
        externalId: 'inc-1', title: 'Bad deploy everywhere', severity: 1, team: 'core', services: ['svc-api', 'svc-db', 'svc-pay'],
        causes: ['deploy', 'config'], declaredAt: '2026-02-03T10:00:00Z', resolvedAt: '2026-02-03T11:30:00Z', // TTR 90
      },
      {
        externalId: 'inc-2', title: 'API errors at night', severity: 3, team: 'core', services: ['svc-api'], causes: ['deploy'],
        declaredAt: '2026-02-10T22:00:00Z', resolvedAt: '2026-02-10T22:30:00Z', // TTR 30
      },
      // No cause, not resolved: out of the TTR median, counted in ttrExcluded.
      { externalId: 'inc-3', title: 'Slow queries', severity: 2, team: 'core', services: ['svc-db'], declaredAt: '2026-02-14T12:00:00Z' },
      // The previous period.
      {
        externalId: 'inc-p', title: 'Capacity', severity: 3, team: 'core', services: ['svc-api'], causes: ['capacity'],
        declaredAt: '2026-01-20T10:00:00Z', resolvedAt: '2026-01-20T11:00:00Z',
      },
      // Neither counts (SPEC §1 kinds).
      { externalId: 'gd-1', kind: 'game_day', title: 'Game day', severity: 2, team: 'core', services: ['svc-api'], causes: ['drill'], declaredAt: '2026-02-05T10:00:00Z' },
      { externalId: 'test-1', kind: 'test', title: 'Test', severity: 1, team: 'core', services: ['svc-api'], causes: ['test'], declaredAt: '2026-02-05T10:00:00Z' },
    ]);
    const call = (externalId: string, responder: string, incident: string, at: string, endAt: string) => ({ externalId, responder, incident, at, endAt, kind: 'call' });
    await ingest('activity', [
      call('a-1', 'r-ada', 'inc-1', '2026-02-03T10:00:00Z', '2026-02-03T13:00:00Z'), // Tue: 180 working
      call('a-2', 'r-bob', 'inc-2', '2026-02-10T22:30:00Z', '2026-02-10T23:30:00Z'), // Tue: 30 late + 30 sleeping
      call('a-3', 'r-ada', 'inc-3', '2026-02-14T12:00:00Z', '2026-02-14T12:45:00Z'), // Sat: 45 late
      call('a-4', 'r-ada', 'inc-p', '2026-01-20T10:00:00Z', '2026-01-20T12:00:00Z'), // Tue: 120 working
      call('a-5', 'r-ada', 'gd-1', '2026-02-05T10:00:00Z', '2026-02-05T11:00:00Z'), // a game day: not here
    ]);
    await ingest('alerts', [
      { externalId: 'al-1', rule: 'ApiErrors', service: 'svc-api', firedAt: '2026-02-10T22:05:00Z', incident: 'inc-2' },
      { externalId: 'al-2', rule: 'PayLatency', service: 'svc-pay', firedAt: '2026-02-20T03:00:00Z' },
      { externalId: 'al-3', rule: 'NoService', firedAt: '2026-02-20T04:00:00Z' },
      { externalId: 'al-t', rule: 'ApiErrors', service: 'svc-api', firedAt: '2026-02-05T10:00:00Z', incident: 'test-1' },
    ]);
    await ingest('pages', [
      { externalId: 'p-1', alert: 'al-1', responder: 'r-bob', at: '2026-02-10T22:06:00Z', channel: 'phone' },
      { externalId: 'p-2', alert: 'al-1', responder: 'r-ada', at: '2026-02-10T22:16:00Z', channel: 'phone', level: 2, reason: 'timeout' },
      { externalId: 'p-3', alert: 'al-2', responder: 'r-bob', at: '2026-02-20T03:01:00Z', channel: 'push' },
      { externalId: 'p-4', alert: 'al-3', responder: 'r-bob', at: '2026-02-20T04:01:00Z', channel: 'push' }, // no service: in no row
      // A page of the test incident's alert: in no row (SPEC §1), although al-t is svc-api's.
      { externalId: 'p-t', alert: 'al-t', responder: 'r-bob', at: '2026-02-05T10:01:00Z', channel: 'phone' },
    ]);
    await ingest('annotations', [
      { externalId: 'ann-launch', title: 'API v2 launch', kind: 'launch', at: '2026-02-10T09:00:00Z', services: ['svc-api'] },
      { externalId: 'ann-freeze', title: 'Freeze', kind: 'freeze', at: '2026-02-10T09:00:00Z' },
    ]);
    await rebuildWorkload(t.app.get(DataSource));
  });
  afterAll(async () => t?.close());

  it('counts an incident once for each service and splits its hours 1/k (SPEC §2.4)', async () => {
    expect(await services(RANGE)).toEqual({
      // An idle server: everything accepted is in the answer.
      freshness: { asOf: expect.any(String), queuedChanges: 0, lagSeconds: 0 },
      range: { from: '2026-02-01', to: '2026-03-01', timeZone: 'UTC' },
      previousRange: { from: '2026-01-04', to: '2026-02-01', timeZone: 'UTC' }, // 28 days before
      timezone: 'UTC',
      incidentCountsAdditive: false,
      totals: { incidents: 3, workloadHours: 4.75, outOfHoursHours: 1.75 }, // 180 + 60 + 45 = 285 min; 60 + 45 = 105 min
      unassigned: { incidents: 0, workloadHours: 0, outOfHoursHours: 0 },
      items: [
        {
          externalId: 'svc-api',
          name: 'API',
          incidents: 2, // inc-1, inc-2
          majorIncidents: 1, // inc-1 (SEV1 ≤ 2)
          workloadHours: 2, // 180 / 3 + 60 = 120 min
          outOfHoursHours: 1, // inc-2: 30 late + 30 sleeping
          pages: 2, // p-1, p-2 (al-1 is svc-api's); not p-t of the test incident's alert
          ttrMedianMinutes: 60, // median(90, 30)
          ttrExcluded: 0,
          previous: { incidents: 1, majorIncidents: 0, workloadHours: 2, outOfHoursHours: 0, pages: 0 }, // inc-p: 120 min
          workloadHoursChange: 0, // 120 / 120 − 1
          incidentsChange: 1, // 2 / 1 − 1
          share: 0.421, // 120 / 285
          cumulativeShare: 0.421,
        },
        {
          externalId: 'svc-db',
          name: 'Postgres',
          incidents: 2, // inc-1, inc-3
          majorIncidents: 2, // SEV1, SEV2
          workloadHours: 1.75, // 180 / 3 + 45 = 105 min
          outOfHoursHours: 0.75, // inc-3 Saturday 45 late
          pages: 0,
          ttrMedianMinutes: 90, // inc-1; inc-3 is not resolved
          ttrExcluded: 1,
          previous: { incidents: 0, majorIncidents: 0, workloadHours: 0, outOfHoursHours: 0, pages: 0 },
          workloadHoursChange: null,
          incidentsChange: null,
          share: 0.368, // 105 / 285
          cumulativeShare: 0.789, // 225 / 285
        },
        {
          externalId: 'svc-pay',
          name: 'Payments API',
          incidents: 1, // inc-1
          majorIncidents: 1,
          workloadHours: 1, // 180 / 3
          outOfHoursHours: 0,
          pages: 1, // p-3
          ttrMedianMinutes: 90,
          ttrExcluded: 0,
          previous: { incidents: 0, majorIncidents: 0, workloadHours: 0, outOfHoursHours: 0, pages: 0 },
          workloadHoursChange: null,
          incidentsChange: null,
          share: 0.211, // 60 / 285
          cumulativeShare: 1,
        },
      ],
    });
  });

  it('answers causes the same way, with incidents that have none apart', async () => {
    const body = await causes(RANGE);
    expect(body.totals).toEqual({ incidents: 3, workloadHours: 4.75, outOfHoursHours: 1.75 });
    expect(body.unassigned).toEqual({ incidents: 1, workloadHours: 0.75, outOfHoursHours: 0.75 }); // inc-3: 45 min late
    expect(body.items.map((i) => [i.cause, i.incidents, i.workloadHours, i.outOfHoursHours, i.pages, i.ttrMedianMinutes, i.cumulativeShare])).toEqual([
      ['deploy', 2, 2.5, 1, 2, 60, 0.625], // inc-1 180 / 2 + inc-2 60 = 150 min; pages of al-1 (→ inc-2); 150 / 240
      ['config', 1, 1.5, 0, 0, 90, 1], // inc-1 180 / 2
      ['capacity', 0, 0, 0, 0, null, 1], // only in the previous period
    ]);
    expect(body.items[2]!.previous).toEqual({ incidents: 1, majorIncidents: 0, workloadHours: 2, outOfHoursHours: 0, pages: 0 });
    // Hours add up: rows 150 + 90 + unassigned 45 = 285 min = totals.
    expect(body.items.reduce((n, i) => n + i.workloadHours, 0) + body.unassigned.workloadHours).toBe(body.totals.workloadHours);
  });

  it.each([
    // query, rows [externalId, incidents, workloadHours, pages], totals.incidents, why
    ['service=svc-db', [['svc-db', 2, 1.75, 0]], 2, 'only the rows asked for; the totals are inc-1 + inc-3, whole'],
    ['severity=2', [['svc-db', 2, 1.75, 0], ['svc-api', 1, 1, 0], ['svc-pay', 1, 1, 0]], 2, 'inc-1 + inc-3; pages only of alerts linked to SEV ≤ 2'],
    ['team=payments', [['svc-pay', 0, 0, 1]], 0, 'no Payments incident; p-3 is about a Payments service'],
  ])('%s → %j (%s)', async (filter, rows, incidents) => {
    const body = await services(`${RANGE}&${filter}`);
    expect(body.items.map((i) => [i.externalId, i.incidents, i.workloadHours, i.pages])).toEqual(rows);
    expect(body.totals.incidents).toBe(incidents);
  });

  it('compares the weeks before and after an annotation for its services', async () => {
    // ann-launch on Tue 02-10 09:00Z; 3 weeks each side: before [01-20, 02-10), after [02-10, 03-03).
    expect(await beforeAfter('annotation=ann-launch&weeks=3')).toEqual({
      annotation: { externalId: 'ann-launch', title: 'API v2 launch', kind: 'launch', at: '2026-02-10T09:00:00.000Z', date: '2026-02-10' },
      services: [{ externalId: 'svc-api', name: 'API' }],
      timezone: 'UTC',
      weeks: 3,
      // inc-p 120 min (svc-api only) + inc-1 180 × 1/3 (one of its three services) = 180 min
      before: { from: '2026-01-20', to: '2026-02-10', incidents: 2, workloadHours: 3, incidentsPerWeek: 0.667, workloadHoursPerWeek: 1 },
      after: { from: '2026-02-10', to: '2026-03-03', incidents: 1, workloadHours: 1, incidentsPerWeek: 0.333, workloadHoursPerWeek: 0.33 }, // inc-2 60 min
      incidentsRatio: 0.5, // 1 / 2
      workloadHoursRatio: 0.333, // 60 / 180
      weekly: [
        { week: -3, from: '2026-01-20', incidents: 1, workloadHours: 2 }, // inc-p
        { week: -2, from: '2026-01-27', incidents: 0, workloadHours: 0 },
        { week: -1, from: '2026-02-03', incidents: 1, workloadHours: 1 }, // inc-1's third
        { week: 0, from: '2026-02-10', incidents: 1, workloadHours: 1 }, // inc-2
        { week: 1, from: '2026-02-17', incidents: 0, workloadHours: 0 },
        { week: 2, from: '2026-02-24', incidents: 0, workloadHours: 0 },
      ],
    });
  });

  it('before/after: default 8 weeks, services named in the query, and its errors', async () => {
    const body = await beforeAfter('annotation=ann-freeze&service=svc-db&service=svc-pay');
    expect(body.weeks).toBe(8);
    expect(body.services).toEqual([
      { externalId: 'svc-db', name: 'Postgres' },
      { externalId: 'svc-pay', name: 'Payments API' },
    ]);
    expect(body.before).toMatchObject({ from: '2025-12-16', incidents: 1, workloadHours: 2 }); // inc-1: 2 of its 3 services → 120 min
    expect(body.after).toMatchObject({ to: '2026-04-07', incidents: 1, workloadHours: 0.75 }); // inc-3: 45 min
    await get('services/before-after', 'annotation=ann-freeze')
      .expect(400)
      .expect((res) => expect(res.body.details).toEqual([{ path: 'service', message: 'is required: the annotation names no service' }]));
    await get('services/before-after', 'annotation=nope').expect(404);
    await get('services/before-after', 'annotation=ann-launch&service=svc-api&service=svc-nope')
      .expect(400)
      .expect((res) => expect(res.body.details).toEqual([{ path: 'service', message: 'names no known service: svc-nope' }]));
    await get('services/before-after', 'weeks=0')
      .expect(400)
      .expect((res) => expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['annotation', 'weeks']));
    await get('services/before-after', 'annotation=ann-launch&from=2026-01-01')
      .expect(400)
      .expect((res) => expect(res.body.details).toEqual([{ path: 'from', message: 'is not a known field' }]));
  });

  it.each([
    ['services', 'severity=0', 'severity'],
    ['causes', 'from=2026-02-30', 'from'],
    ['services', 'from=2026-03-01&to=2026-02-01', 'to'],
    ['causes', 'cause=deploy', 'cause'],
  ])('%s?%s → 400 naming %s', async (path, query, param) => {
    const res = await get(path, query).expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path)).toEqual([param]);
  });

  it('needs a read token', async () => {
    await api.http().get('/api/v1/analytics/services').expect(401);
    await api.http().get('/api/v1/analytics/causes').set('Authorization', `Bearer ${api.ingestToken}`).expect(403);
  });

  it('answers the items as CSV to Accept: text/csv', async () => {
    const res = await get('causes', RANGE).set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=causes_2026-02-01_2026-03-01.csv');
    expect(res.text.split('\r\n')).toEqual([
      'cause,name,incidents,majorIncidents,workloadHours,outOfHoursHours,pages,ttrMedianMinutes,ttrExcluded,previousIncidents,previousWorkloadHours,workloadHoursChange,cumulativeShare',
      'deploy,deploy,2,1,2.5,1,2,60,0,0,0,,0.625',
      'config,config,1,1,1.5,0,0,90,0,0,0,,1',
      'capacity,capacity,0,0,0,0,0,,0,1,2,-1,1',
      '',
    ]);
    const weeks = await get('services/before-after', 'annotation=ann-launch&weeks=1').set('Accept', 'text/csv').expect(200);
    expect(weeks.text.split('\r\n')).toEqual(['week,from,incidents,workloadHours', '-1,2026-02-03,1,1', '0,2026-02-10,1,1', '']);
  });
});

describe('demo organisation', () => {
  let t: TestApp;
  let api: ApiClient;
  let manifest: DemoManifest;

  const get = (path: string, query: string) => api.analytics(path, query);
  const expectation = (patternId: string, index: number) => manifest.patterns.find((p) => p.id === patternId)!.expectations[index]!;

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    api = await apiClient(t);
    manifest = await loadDemoOrganisation(t, t.app.get(DataSource));
  }, 240_000);
  afterAll(async () => t?.close());

  it('shows the launch doubling its service’s incidents and hours (manifest pattern launch)', async () => {
    const launch = manifest.patterns.find((p) => p.id === 'launch')!.entities as { annotation: string; service: string; at: string; beforeWindow: string };
    const body = beforeAfterResponseSchema.parse((await get('services/before-after', `annotation=${launch.annotation}`).expect(200)).body);
    expect(body.services.map((s) => s.externalId)).toEqual([launch.service]);
    expect(body.annotation.date).toBe(launch.at.slice(0, 10));
    expect(body.before.from).toBe(launch.beforeWindow.slice(0, 10));
    // 8 weeks after ÷ 8 weeks before (SPEC §2.4 default N = 8).
    expect(body.incidentsRatio).toBeGreaterThanOrEqual(expectation('launch', 2).min!);
    // The six boosted weeks from the launch day ÷ the 8 weeks before, per week: ≈ 2×.
    const perWeek = (weeks: typeof body.weekly, field: 'incidents' | 'workloadHours') => weeks.reduce((n, w) => n + w[field], 0) / weeks.length;
    const before = body.weekly.filter((w) => w.week < 0);
    const after6 = body.weekly.filter((w) => w.week >= 0 && w.week < 6);
    expect(perWeek(after6, 'incidents') / perWeek(before, 'incidents')).toBeGreaterThanOrEqual(expectation('launch', 0).min!);
    expect(perWeek(after6, 'workloadHours') / perWeek(before, 'workloadHours')).toBeGreaterThanOrEqual(expectation('launch', 1).min!);
    expect(perWeek(after6, 'incidents') / perWeek(before, 'incidents')).toBeLessThan(3);
  });

  it('ranks services by hours over the whole demo, hours adding up to the total', async () => {
    const range = `from=${manifest.range.from.slice(0, 10)}&to=${manifest.range.to.slice(0, 10)}`;
    const body = servicesResponseSchema.parse((await get('services', range).expect(200)).body);
    expect(body.items.length).toBeGreaterThanOrEqual(manifest.organisation.services.length);
    const hours = body.items.map((i) => i.workloadHours);
    expect(hours).toEqual([...hours].sort((a, b) => b - a));
    // Every incident's hours are split among its services, so rows + unassigned = total (within rounding).
    const sum = hours.reduce((n, h) => n + h, 0) + body.unassigned.workloadHours;
    expect(Math.abs(sum - body.totals.workloadHours)).toBeLessThanOrEqual(0.01 * body.items.length);
    // …while incident counts overlap: multi-service incidents count once per service.
    expect(body.items.reduce((n, i) => n + i.incidents, 0) + body.unassigned.incidents).toBeGreaterThan(body.totals.incidents);
    expect(body.items.at(-1)!.cumulativeShare).toBe(1);
  });
});
