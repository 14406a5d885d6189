import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addCalendarDays, readinessReportSchema, responderDetailSchema, type ReadinessReport } from '@firewatch/shared';
import type { DemoManifest } from '@firewatch/api/demo/demo-manifest.js';
import { createTestApp, createToken, type TestApp } from '../support/app.js';
import { loadDemoOrganisation, rebuildWorkload } from '../support/demo.js';

/**
 * GET /api/v1/analytics/readiness and GET /api/v1/responders/{externalId} (SPEC §2.6, §3).
 * Part 1: a small story ingested through the API, workload rebuilt, every figure with its dates.
 * Part 2: the demo organisation's planted departure and game day. Org time zone UTC; settings at
 * their defaults: window 60 days, major ≤ 2, 15 minutes. 2026: February has 28 days.
 */

const day = (series: ReadinessReport['series'], date: string) => series.find((d) => d.date === date);

describe('small story', () => {
  let t: TestApp;
  let ds: DataSource;
  let readToken: string;
  let ingestToken: string;

  const http = () => request(t.app.getHttpServer());
  const ingest = (kind: string, items: object[]) =>
    http().post(`/api/v1/ingest/${kind}`).set('Authorization', `Bearer ${ingestToken}`).send({ items }).expect(200);
  const get = (query: string) => http().get(`/api/v1/analytics/readiness?${query}`).set('Authorization', `Bearer ${readToken}`);
  const report = async (query: string): Promise<ReadinessReport> => readinessReportSchema.parse((await get(query).expect(200)).body);
  const responder = (id: string, query = '') => http().get(`/api/v1/responders/${id}?${query}`).set('Authorization', `Bearer ${readToken}`);

  // 13 days: 02-20 … 03-04 (to exclusive); coverage and lapsing on 02-24.
  const RANGE = 'from=2026-02-20&to=2026-03-05&asOf=2026-02-24';

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    ds = t.app.get(DataSource);
    ingestToken = await createToken(t, ['ingest']);
    readToken = await createToken(t, ['read']);

    await ingest('teams', [
      { externalId: 'core', name: 'Core' },
      { externalId: 'payments', name: 'Payments' },
    ]);
    await ingest('services', [
      { externalId: 'svc-api', name: 'API', team: 'core' },
      { externalId: 'svc-db', name: 'Postgres', team: 'core' },
      { externalId: 'svc-pay', name: 'Payments', team: 'payments' },
      { externalId: 'svc-web', name: 'Web', team: 'core' },
    ]);
    await ingest('responders', [
      { externalId: 'r-ada', name: 'Ada', team: 'core' },
      { externalId: 'r-bob', name: 'Bob', team: 'core' },
      { externalId: 'r-cy', name: 'Cy', team: 'payments' },
      { externalId: 'r-dee', name: 'Dee', team: 'core', leftAt: '2026-02-25T16:00:00Z' }, // last active day 02-24
      { externalId: 'r-eve', name: 'Eve', team: 'payments', startedAt: '2026-02-22T09:00:00Z' }, // first active day 02-22
      { externalId: 'r-fay', name: 'Fay', team: 'core' },
    ]);
    await ingest('incidents', [
      { externalId: 'inc-a', title: 'Primary down', severity: 1, team: 'core', services: ['svc-db'], declaredAt: '2026-01-01T10:00:00Z' },
      { externalId: 'inc-d', title: 'Replica lag', severity: 1, team: 'core', services: ['svc-db'], declaredAt: '2026-02-01T10:00:00Z' },
      { externalId: 'gd-1', kind: 'game_day', title: 'Game day: API failover', severity: 3, team: 'core', services: ['svc-api'], declaredAt: '2026-02-10T10:00:00Z' },
      { externalId: 'inc-c', title: 'Slow queries', severity: 3, team: 'core', services: ['svc-db'], declaredAt: '2026-02-15T10:00:00Z' },
      {
        externalId: 'inc-b',
        title: 'Card auth failing',
        severity: 2,
        team: 'payments',
        services: ['svc-pay'],
        declaredAt: '2026-02-20T10:00:00Z',
        roles: [{ responder: 'r-cy', role: 'lead' }],
      },
      { externalId: 'gd-2', kind: 'game_day', title: 'Game day: card network', severity: 4, team: 'payments', services: ['svc-pay'], declaredAt: '2026-02-23T10:00:00Z' },
      {
        externalId: 'test-1',
        kind: 'test',
        title: 'Test incident',
        severity: 1,
        team: 'core',
        services: ['svc-web'],
        declaredAt: '2026-02-23T10:00:00Z',
        roles: [{ responder: 'r-fay', role: 'lead' }],
      },
    ]);
    const message = (externalId: string, responder: string, incident: string, at: string) => ({ externalId, responder, incident, at, kind: 'message' });
    await ingest('activity', [
      message('a-1', 'r-ada', 'inc-a', '2026-01-01T10:00:00Z'), // with a-2: [10:00, 10:30) = 30 min on a SEV1
      message('a-2', 'r-ada', 'inc-a', '2026-01-01T10:20:00Z'),
      message('a-3', 'r-fay', 'inc-a', '2026-01-01T10:11:00Z'), // with a-4: [10:11, 10:25) = 14 min: not enough
      message('a-4', 'r-fay', 'inc-a', '2026-01-01T10:15:00Z'),
      message('a-5', 'r-dee', 'inc-d', '2026-02-01T10:00:00Z'), // with a-6: 30 min on a SEV1
      message('a-6', 'r-dee', 'inc-d', '2026-02-01T10:20:00Z'),
      message('a-7', 'r-bob', 'gd-1', '2026-02-10T10:00:00Z'), // with a-8: [10:00, 10:20) = 20 min on a game day
      message('a-8', 'r-bob', 'gd-1', '2026-02-10T10:10:00Z'),
      // A one-hour call on a SEV3: not major, never qualifies.
      { externalId: 'a-9', responder: 'r-bob', incident: 'inc-c', at: '2026-02-15T10:00:00Z', endAt: '2026-02-15T11:00:00Z', kind: 'call' },
      message('a-10', 'r-cy', 'inc-b', '2026-02-20T10:00:00Z'), // 10 min, but the lead role qualifies
      message('a-11', 'r-eve', 'gd-2', '2026-02-23T10:00:00Z'), // with a-12: [10:00, 10:15) = exactly 15 min
      message('a-12', 'r-eve', 'gd-2', '2026-02-23T10:05:00Z'),
    ]);
    await rebuildWorkload(ds);
  });
  afterAll(async () => t?.close());

  it('answers the daily series: a window boundary, a game day, a SEV3, a lead role, a departure and a hire', async () => {
    const body = await report(`${RANGE}&teamSeries=daily`);
    expect(body).toMatchObject({
      range: { from: '2026-02-20', to: '2026-03-05', timeZone: 'UTC' },
      timezone: 'UTC',
      asOf: '2026-02-24',
      rules: { windowDays: 60, majorSeverity: 2, minMinutes: 15 },
    });
    expect(body.series.map((d) => [d.date, d.ready, d.active, d.readyRatio, d.hires, d.departures])).toEqual([
      // active: Ada, Bob, Cy, Dee, Fay. Ready: Ada (inc-a 01-01, 30 min), Bob (gd-1 02-10, game day 20 min),
      // Cy (inc-b 02-20, lead with 10 min), Dee (inc-d 02-01). Not Fay (14 min; a lead role on a test incident);
      // Bob's SEV3 call adds nothing.
      ['2026-02-20', 4, 5, 0.8, 0, 0],
      ['2026-02-21', 4, 5, 0.8, 0, 0],
      ['2026-02-22', 4, 6, 0.6667, 1, 0], // Eve joins (startedAt 02-22 09:00Z): active, not yet ready
      ['2026-02-23', 5, 6, 0.8333, 0, 0], // Eve's game day, exactly 15 min
      ['2026-02-24', 5, 6, 0.8333, 0, 0], // Dee's last active day
      ['2026-02-25', 4, 5, 0.8, 0, 1], // Dee left 02-25 16:00Z: from that date on, neither active nor ready
      ['2026-02-26', 4, 5, 0.8, 0, 0],
      ['2026-02-27', 4, 5, 0.8, 0, 0],
      ['2026-02-28', 4, 5, 0.8, 0, 0],
      ['2026-03-01', 4, 5, 0.8, 0, 0], // Ada's day 60: 01-01 + 59 days (31 + 28)
      ['2026-03-02', 3, 5, 0.6, 0, 0], // Ada's day 61: 03-02 − 60 days = 01-01, outside (d − 60, d]
      ['2026-03-03', 3, 5, 0.6, 0, 0],
      ['2026-03-04', 3, 5, 0.6, 0, 0],
    ]);
    expect(body.teams.map((team) => [team.externalId, day(team.series, '2026-02-23')!.ready, day(team.series, '2026-02-23')!.active])).toEqual([
      ['core', 3, 4], // Ada, Bob, Dee of Ada, Bob, Dee, Fay
      ['payments', 2, 2], // Cy and Eve
    ]);
  });

  it('answers service coverage, lapsing, hires and departures', async () => {
    const body = await report(RANGE);
    expect(body.services).toEqual([
      { externalId: 'svc-web', name: 'Web', team: 'core', ready: 0, responders: [], readyResponders: [], status: 'uncovered' }, // only the test incident touched it
      { externalId: 'svc-api', name: 'API', team: 'core', ready: 1, responders: ['r-bob'], readyResponders: [{ externalId: 'r-bob', name: 'Bob' }], status: 'single' }, // gd-1 02-10
      { externalId: 'svc-pay', name: 'Payments', team: 'payments', ready: 2, responders: ['r-cy', 'r-eve'], readyResponders: [{ externalId: 'r-cy', name: 'Cy' }, { externalId: 'r-eve', name: 'Eve' }], status: 'covered' }, // inc-b, gd-2
      // inc-a 01-01 and inc-d 02-01 are in (12-26, 02-24]; Fay's 14 minutes and Bob's SEV3 do not count
      { externalId: 'svc-db', name: 'Postgres', team: 'core', ready: 2, responders: ['r-ada', 'r-dee'], readyResponders: [{ externalId: 'r-ada', name: 'Ada' }, { externalId: 'r-dee', name: 'Dee' }], status: 'covered' },
    ]);
    expect(body.lapsing).toEqual([
      { externalId: 'r-dee', name: 'Dee', team: { externalId: 'core', name: 'Core' }, expiresOn: '2026-02-25', lastExperienceOn: '2026-02-01' }, // leaves before 04-02
      { externalId: 'r-ada', name: 'Ada', team: { externalId: 'core', name: 'Core' }, expiresOn: '2026-03-02', lastExperienceOn: '2026-01-01' }, // 01-01 + 60
    ]); // Bob 04-11, Cy 04-21, Eve 04-24: after 02-24 + 14 = 03-10
    // On 03-10, nothing new: svc-db loses Ada and Dee (2 → 0); svc-api stays at 1, no drop.
    expect(body.lapsingServices).toEqual([{ externalId: 'svc-db', name: 'Postgres', readyNow: 2, readyThen: 0, statusThen: 'uncovered', readyResponders: [{ externalId: 'r-ada', name: 'Ada' }, { externalId: 'r-dee', name: 'Dee' }] }]);
    expect(body.hires).toEqual([{ externalId: 'r-eve', name: 'Eve', team: { externalId: 'payments', name: 'Payments' }, startedAt: '2026-02-22T09:00:00.000Z' }]);
    expect(body.departures).toEqual([
      {
        externalId: 'r-dee',
        name: 'Dee',
        team: { externalId: 'core', name: 'Core' },
        leftAt: '2026-02-25T16:00:00.000Z',
        servicesAffected: ['svc-db'],
        services: [{ externalId: 'svc-db', readyBefore: 2, readyAfter: 1 }], // Ada + Dee on 02-24, Ada on 02-25
      },
    ]);
  });

  it.each([
    // query, ready on 02-23, services listed, why
    ['severity=1', 4, ['svc-web', 'svc-api', 'svc-db', 'svc-pay'], 'SEV1 only: Cy’s lead on a SEV2 no longer counts; game days still do (Ada, Bob, Dee, Eve)'],
    ['team=payments', 2, ['svc-pay'], 'Payments’ responders (Cy, Eve) and services'],
    ['service=svc-db', 2, ['svc-db'], 'experiences touching svc-db only: Ada, Dee'],
    ['service=svc-api&service=svc-pay', 3, ['svc-api', 'svc-pay'], 'Bob, Cy, Eve'],
    ['team=nobody', 0, [], 'an unknown team has nobody'],
  ])('%s → %d ready on 02-23 (%s)', async (filter, ready, services) => {
    const body = await report(`${RANGE}&${filter}`);
    expect(day(body.series, '2026-02-23')!.ready).toBe(ready);
    expect(body.services.map((s) => s.externalId).sort()).toEqual([...services].sort());
  });

  it('takes the window and the minimum minutes from the settings', async () => {
    await ds.query(`UPDATE settings SET readiness_window_days = 30, readiness_min_minutes = 14 WHERE id = 1`);
    try {
      const body = await report('from=2026-01-30&to=2026-02-01&asOf=2026-01-30');
      expect(body.rules).toEqual({ windowDays: 30, majorSeverity: 2, minMinutes: 14 });
      expect(body.series.map((d) => [d.date, d.ready])).toEqual([
        ['2026-01-30', 2], // Ada and now Fay (14 min): day 30 of inc-a's window
        ['2026-01-31', 0], // day 31
      ]);
    } finally {
      await ds.query(`UPDATE settings SET readiness_window_days = 60, readiness_min_minutes = 15 WHERE id = 1`);
    }
  });

  it('counts days in the org time zone', async () => {
    await ds.query(`UPDATE settings SET timezone = 'Pacific/Kiritimati' WHERE id = 1`);
    try {
      // In Kiritimati (UTC+14) inc-a's 01-01 10:00Z is 01-02 00:00: Ada is ready through 03-02, not 03-01.
      const body = await report('from=2026-03-02&to=2026-03-04&asOf=2026-03-02');
      expect(body.series.map((d) => [d.date, d.ready])).toEqual([
        ['2026-03-02', 4], // Ada's day 60 (01-02 + 59), Bob, Cy, Eve
        ['2026-03-03', 3],
      ]);
    } finally {
      await ds.query(`UPDATE settings SET timezone = 'UTC' WHERE id = 1`);
    }
  });

  it('answers the series as CSV to Accept: text/csv', async () => {
    const res = await get('from=2026-02-24&to=2026-02-26&asOf=2026-02-24').set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=readiness-series_2026-02-24_2026-02-26.csv');
    expect(res.headers.vary).toMatch(/Accept/);
    expect(res.text.split('\r\n')).toEqual(['date,ready,active,readyRatio,hires,departures', '2026-02-24,5,6,0.8333,0,0', '2026-02-25,4,5,0.8,0,1', '']);
  });

  it.each([
    ['asOf=2026-02-30', 'asOf', 'must be a calendar date YYYY-MM-DD that exists'],
    ['asOf=2026-02-24&asOf=2026-02-25', 'asOf', 'must be given once'],
    ['severity=6', 'severity', 'must be a whole number 1..5'],
    ['from=2026-03-05&to=2026-02-20', 'to', 'to must be after from (to is exclusive: for the single day 2026-03-05 use to=2026-03-06)'],
    ['window=30', 'window', 'is not a known field'],
    ['from=2000-01-01&to=2010-01-09', 'from', 'from must be at most 3660 days before to (the series has a row per day)'], // 3653 + 8 = 3661 days
  ])('%s → 400 naming %s', async (query, path, message) => {
    const res = await get(query).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [{ path, message }] });
    expect(res.body.message).toContain(path);
  });

  it('answers a range of exactly the longest length', async () => {
    const body = await report('from=2000-01-01&to=2010-01-08&asOf=2026-02-24'); // 3653 + 7 = 3660 days
    expect(body.series).toHaveLength(3660);
    expect(body.series.at(-1)).toMatchObject({ date: '2010-01-07', ready: 0, active: 5 }); // Ada, Bob, Cy, Dee, Fay have no startedAt (active since ever); Eve joins in 2026
  });

  it('needs a read token', async () => {
    await http().get('/api/v1/analytics/readiness').expect(401);
    await http().get('/api/v1/responders/r-bob').set('Authorization', `Bearer ${ingestToken}`).expect(403);
  });

  it('answers a responder’s page: readiness, qualifying experiences and workload', async () => {
    const body = responderDetailSchema.parse((await responder('r-bob', 'from=2026-02-01&to=2026-03-01&asOf=2026-02-24').expect(200)).body);
    expect(body).toEqual({
      externalId: 'r-bob',
      name: 'Bob',
      email: null,
      chatUserId: null,
      team: { externalId: 'core', name: 'Core' },
      timezone: 'UTC', // none of his own: the organisation's
      startedAt: null,
      leftAt: null,
      range: { from: '2026-02-01', to: '2026-03-01', timeZone: 'UTC' },
      readiness: { asOf: '2026-02-24', active: true, ready: true, expiresOn: '2026-04-11', lastExperienceOn: '2026-02-10', services: ['svc-api'] }, // 02-10 + 60
      experiences: [
        // inc-c (SEV3, 60 min) is not one
        {
          incident: { externalId: 'gd-1', title: 'Game day: API failover', kind: 'game_day', severity: 3 },
          date: '2026-02-10',
          roles: [],
          minutes: 20,
          services: ['svc-api'],
          readyUntil: '2026-04-10', // 02-10 + 59
        },
      ],
      // inc-c's call on Sunday 02-15 10:00–11:00Z: 60 late minutes; the game day on its own line
      workload: { minutes: 60, working: 0, late: 60, sleeping: 0, incidents: 1, gameDayMinutes: 20 },
      interruptions: { pages: 0, interruptions: 0, sleepingInterruptions: 0, disruptedHours: 0, disruptedNights: 0 }, // no page ingested here: see responders.test.ts
    });
  });

  it('answers a departed responder as neither active nor ready, and a lead role as an experience', async () => {
    const dee = (await responder('r-dee', 'from=2026-01-01&to=2026-03-01&asOf=2026-02-26').expect(200)).body;
    expect(dee.readiness).toEqual({ asOf: '2026-02-26', active: false, ready: false, expiresOn: null, lastExperienceOn: '2026-02-01', services: [] });
    const cy = (await responder('r-cy', 'from=2026-02-01&to=2026-03-01&asOf=2026-02-24').expect(200)).body;
    expect(cy.experiences).toMatchObject([{ incident: { externalId: 'inc-b' }, roles: ['lead'], minutes: 10, readyUntil: '2026-04-20' }]);
  });

  it('answers 404 naming an unknown responder and 400 for a bad parameter', async () => {
    const res = await responder('r-nobody').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, message: 'No responder has the external id "r-nobody".' });
    const badSeries = await get(`${RANGE}&teamSeries=weekly`).expect(400);
    expect(badSeries.body.details).toEqual([{ path: 'teamSeries', message: 'must be one of: daily, last' }]);
    const bad = await responder('r-bob', 'asOf=yesterday').expect(400);
    expect(bad.body.details).toEqual([{ path: 'asOf', message: 'must be a calendar date YYYY-MM-DD that exists' }]);
  });
});

describe('demo organisation', () => {
  let t: TestApp;
  let ds: DataSource;
  let readToken: string;
  let manifest: DemoManifest;

  const report = async (query: string): Promise<ReadinessReport> =>
    readinessReportSchema.parse(
      (await request(t.app.getHttpServer()).get(`/api/v1/analytics/readiness?${query}`).set('Authorization', `Bearer ${readToken}`).expect(200)).body,
    );
  const pattern = <T>(id: string) => manifest.patterns.find((p) => p.id === id)!.entities as T;

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    ds = t.app.get(DataSource);
    readToken = await createToken(t, ['read']);
    manifest = await loadDemoOrganisation(t, ds);
  }, 240_000);
  afterAll(async () => t?.close());

  it('shows the service whose only ready responder leaves single before and uncovered after, and the departure lists it', async () => {
    const { singlePointOfKnowledge: spk } = pattern<{ singlePointOfKnowledge: { service: string; responder: string; leftAt: string } }>('hires-and-departures');
    const leftOn = spk.leftAt.slice(0, 10);
    const before = await report(`from=${addCalendarDays(leftOn, -7)}&to=${addCalendarDays(leftOn, 7)}&asOf=${addCalendarDays(leftOn, -1)}`);
    expect(before.services.find((s) => s.externalId === spk.service)).toMatchObject({ ready: 1, responders: [spk.responder], readyResponders: [{ externalId: spk.responder, name: expect.any(String) }], status: 'single' });
    const after = await report(`from=${addCalendarDays(leftOn, -7)}&to=${addCalendarDays(leftOn, 7)}&asOf=${leftOn}`);
    expect(after.services.find((s) => s.externalId === spk.service)).toMatchObject({ ready: 0, responders: [], readyResponders: [], status: 'uncovered' });
    expect(after.departures.find((d) => d.externalId === spk.responder)).toMatchObject({
      leftAt: new Date(spk.leftAt).toISOString(),
      servicesAffected: expect.arrayContaining([spk.service]),
    });
    expect(after.departures.find((d) => d.externalId === spk.responder)!.services).toContainEqual({ externalId: spk.service, readyBefore: 1, readyAfter: 0 });
    // Seen as coming: on the day before, the service is among those that would drop within 14 days.
    expect(before.lapsingServices.find((s) => s.externalId === spk.service)).toMatchObject({ readyNow: 1, readyThen: 0, statusThen: 'uncovered' });
  });

  it('shows a game day raising its team’s ready count on its date', async () => {
    const gameDay = pattern<{ team: string; services: string[]; at: string; participants: string[] }>('game-day-readiness');
    const date = gameDay.at.slice(0, 10);
    const body = await report(`from=${addCalendarDays(date, -1)}&to=${addCalendarDays(date, 2)}&asOf=${addCalendarDays(date, 1)}&team=${gameDay.team}&teamSeries=daily`);
    const team = body.teams.find((x) => x.externalId === gameDay.team)!;
    expect(team.series.map((d) => d.ready)).toEqual([0, gameDay.participants.length, gameDay.participants.length]); // the day before, the date, the day after
    for (const service of gameDay.services) {
      expect(body.services.find((s) => s.externalId === service)).toMatchObject({ ready: gameDay.participants.length, responders: [...gameDay.participants].sort() });
    }
  });

  it('answers the whole demo range and its series adds up with the per-team series', async () => {
    const from = manifest.range.from.slice(0, 10);
    const to = manifest.range.to.slice(0, 10);
    const body = await report(`from=${from}&to=${to}&asOf=${addCalendarDays(to, -1)}&teamSeries=daily`);
    expect(body.series).toHaveLength(manifest.range.days);
    for (const [i, d] of body.series.entries()) {
      expect(body.teams.reduce((n, team) => n + team.series[i]!.ready, 0)).toBe(d.ready);
      expect(body.teams.reduce((n, team) => n + team.series[i]!.active, 0)).toBe(d.active);
      expect(d.ready).toBeLessThanOrEqual(d.active);
    }
    const hires = pattern<{ hires: unknown[]; departures: unknown[] }>('hires-and-departures');
    expect(body.hires.length).toBeGreaterThanOrEqual(hires.hires.length); // every copy of the organisation hires too
    expect(body.departures.length).toBeGreaterThanOrEqual(hires.departures.length);
    expect(body.series.some((d) => d.ready > 0)).toBe(true);

    // teamSeries=last: the same report with each team's last day only.
    const last = await report(`from=${from}&to=${to}&asOf=${addCalendarDays(to, -1)}&teamSeries=last`);
    expect(last.teams.map((team) => [team.externalId, team.series])).toEqual(body.teams.map((team) => [team.externalId, [team.series.at(-1)]]));
    expect({ ...last, teams: [], freshness: null }).toEqual({ ...body, teams: [], freshness: null }); // two reads: two instants
    // The default (SPEC §3: long per-team daily series are asked for explicitly) is `last`.
    const byDefault = await report(`from=${from}&to=${to}&asOf=${addCalendarDays(to, -1)}`);
    expect(byDefault).toEqual({ ...last, freshness: byDefault.freshness });
  });

  it('agrees with a day-by-day SQL reading of SPEC §2.6 on sampled days and on every service', async () => {
    const from = manifest.range.from.slice(0, 10);
    const to = manifest.range.to.slice(0, 10);
    const asOf = addCalendarDays(to, -1);
    const body = await report(`from=${from}&to=${to}&asOf=${asOf}`);
    // The definition read literally, one day at a time (org zone UTC, window 60, major ≤ 2, 15 minutes).
    const readyOn = (extra: string) => `
      SELECT r.id, r.external_id FROM responders r
       WHERE (r.started_at IS NULL OR (r.started_at AT TIME ZONE 'UTC')::date <= $1::date)
         AND (r.left_at IS NULL OR $1::date < (r.left_at AT TIME ZONE 'UTC')::date)
         AND EXISTS (
           SELECT 1 FROM incidents i
            WHERE (i.declared_at AT TIME ZONE 'UTC')::date > $1::date - 60 AND (i.declared_at AT TIME ZONE 'UTC')::date <= $1::date
              AND (i.kind = 'game_day' OR (i.kind = 'incident' AND i.severity <= 2)) ${extra}
              AND (EXISTS (SELECT 1 FROM incident_roles x WHERE x.incident_id = i.id AND x.responder_id = r.id)
                   OR (SELECT coalesce(sum(extract(epoch FROM s.end_at - s.start_at) / 60 * s.share), 0) FROM work_segments s
                        WHERE s.incident_id = i.id AND s.responder_id = r.id) >= 15 - 1e-6))`;
    for (let i = 0; i < body.series.length; i += 45) {
      const d = body.series[i]!;
      const rows = await ds.query(readyOn(''), [d.date]);
      expect([d.date, d.ready]).toEqual([d.date, rows.length]);
    }
    const onService = readyOn(`AND EXISTS (SELECT 1 FROM incident_services x JOIN services v ON v.id = x.service_id WHERE x.incident_id = i.id AND v.external_id = $2)`);
    for (const service of body.services) {
      const rows: Array<{ external_id: string }> = await ds.query(onService, [asOf, service.externalId]);
      expect([service.externalId, service.responders]).toEqual([service.externalId, rows.map((r) => r.external_id).sort()]);
    }
  });
});
