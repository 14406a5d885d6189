import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addCalendarDays, workloadResponseSchema, type WorkloadResponse } from '@firewatch/shared';
import type { DemoManifest } from '@firewatch/api/demo/demo-manifest.js';
import { createTestApp, createToken, type TestApp } from '../support/app.js';
import { loadDemoOrganisation, rebuildWorkload } from '../support/demo.js';
import { checkBehindBacklog } from '../support/derived-data.js';

/**
 * GET /api/v1/analytics/workload (SPEC §2.1, §3). Part 1: a small fixture ingested through the API,
 * the workload rebuilt, every figure checked with its arithmetic. Part 2: the demo organisation.
 * The org time zone is UTC (the default) unless a test says otherwise.
 */

const WEEK_MINUTES = 7 * 24 * 60;

const zero = (week: string) => ({ week, minutes: 0, working: 0, late: 0, sleeping: 0 });

describe('small fixture', () => {
  let t: TestApp;
  let ds: DataSource;
  let readToken: string;
  let ingestToken: string;

  const http = () => request(t.app.getHttpServer());
  const ingest = (kind: string, items: object[]) =>
    http().post(`/api/v1/ingest/${kind}`).set('Authorization', `Bearer ${ingestToken}`).send({ items }).expect(200);
  const get = (query: string) => http().get(`/api/v1/analytics/workload?${query}`).set('Authorization', `Bearer ${readToken}`);
  /** The report, checked against the shared response schema. */
  const report = async (query: string): Promise<WorkloadResponse> => workloadResponseSchema.parse((await get(query).expect(200)).body);

  // Three ISO weeks: 01-26 (no work: zero-filled), 02-02 and 02-09; `to` clips inc-6.
  const RANGE = 'from=2026-01-26&to=2026-02-16';

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
      { externalId: 'svc-pay', name: 'Payments API', team: 'payments' },
    ]);
    // Every responder has a zone of their own, so changing the org zone (last test) reclassifies nothing.
    await ingest('responders', [
      { externalId: 'r-ada', name: 'Ada', team: 'core', timezone: 'Europe/London' }, // UTC+0 in February
      { externalId: 'r-bob', name: 'Bob', team: 'payments', timezone: 'Europe/Berlin' }, // UTC+1 in February
      { externalId: 'r-kei', name: 'Kei', team: 'core', timezone: 'Asia/Tokyo' }, // UTC+9
      { externalId: 'r-nia', name: 'Nia', timezone: 'UTC' }, // no team
    ]);
    await ingest('incidents', [
      { externalId: 'inc-1', title: 'API errors', severity: 2, team: 'core', services: ['svc-api'], declaredAt: '2026-02-02T10:00:00Z' },
      { externalId: 'inc-2', title: 'Database slow', severity: 3, team: 'core', services: ['svc-db'], declaredAt: '2026-02-03T12:50:00Z' },
      { externalId: 'inc-3', title: 'Payments failing', severity: 1, team: 'payments', services: ['svc-pay', 'svc-api'], declaredAt: '2026-02-03T13:25:00Z' },
      { externalId: 'inc-4', title: 'Card auth at night', severity: 2, team: 'payments', services: ['svc-pay'], declaredAt: '2026-02-04T00:55:00Z' },
      { externalId: 'inc-5', title: 'Weekend cache storm', severity: 4, team: 'core', services: ['svc-api'], declaredAt: '2026-02-07T13:55:00Z' },
      { externalId: 'inc-6', title: 'Midnight failover', severity: 2, team: 'core', services: ['svc-db'], declaredAt: '2026-02-15T23:25:00Z' },
      { externalId: 'gd-1', kind: 'game_day', title: 'Game day: API failover', severity: 3, team: 'core', services: ['svc-api'], declaredAt: '2026-02-05T14:55:00Z' },
      { externalId: 'test-1', kind: 'test', title: 'Test incident', severity: 1, team: 'core', services: ['svc-api'], declaredAt: '2026-02-05T14:55:00Z' },
    ]);
    const message = (externalId: string, responder: string, incident: string, at: string) => ({ externalId, responder, incident, at, kind: 'message' });
    await ingest('activity', [
      // Mon 02-02, Ada (London = UTC): 10:11 and 10:15 → [10:11, 10:25) = 14 working.
      message('a-1', 'r-ada', 'inc-1', '2026-02-02T10:11:00Z'),
      message('a-2', 'r-ada', 'inc-1', '2026-02-02T10:15:00Z'),
      // Mon 02-02, Nia (UTC): [12:00, 12:10) = 10 working.
      message('a-3', 'r-nia', 'inc-1', '2026-02-02T12:00:00Z'),
      // Tue 02-03, Bob (Berlin): a call on inc-2 [13:00, 14:00)Z = 14:00–15:00 CET, and a message on inc-3
      // at 13:30Z → [13:30, 13:40) on both incidents, 1/2 each. inc-2: 30 + 10/2 + 20 = 55; inc-3: 10/2 = 5.
      { externalId: 'a-4', responder: 'r-bob', incident: 'inc-2', at: '2026-02-03T13:00:00Z', endAt: '2026-02-03T14:00:00Z', kind: 'call' },
      message('a-5', 'r-bob', 'inc-3', '2026-02-03T13:30:00Z'),
      // Wed 02-04 at night: Bob 01:00Z and 01:12Z (02:00 and 02:12 CET) → [01:00, 01:22) = 22 sleeping;
      // Ada 01:05Z → [01:05, 01:15) = 10 sleeping.
      message('a-6', 'r-bob', 'inc-4', '2026-02-04T01:00:00Z'),
      message('a-7', 'r-bob', 'inc-4', '2026-02-04T01:12:00Z'),
      message('a-8', 'r-ada', 'inc-4', '2026-02-04T01:05:00Z'),
      // Sat 02-07, Ada: [14:00, 14:10) = 10 late (weekend daytime).
      message('a-9', 'r-ada', 'inc-5', '2026-02-07T14:00:00Z'),
      // Sun 02-08 23:55Z = Mon 02-09 08:55 in Tokyo: Kei [23:55, 00:05)Z = 10 working, one stored segment
      // (Kei's day) across the org's (UTC) Monday midnight: 5 in the week of 02-02, 5 in the week of 02-09.
      message('a-10', 'r-kei', 'inc-5', '2026-02-08T23:55:00Z'),
      // Thu 02-05, Ada on the game day: 15:00 and 15:05 → [15:00, 15:15) = 15 working, only in gameDayMinutes.
      message('a-11', 'r-ada', 'gd-1', '2026-02-05T15:00:00Z'),
      message('a-12', 'r-ada', 'gd-1', '2026-02-05T15:05:00Z'),
      // …and on the test incident at the same time: not work, so the game day is not split 1/2.
      message('a-13', 'r-ada', 'test-1', '2026-02-05T15:05:00Z'),
      // Sun 02-15 23:30Z = Mon 02-16 00:30 CET: Bob's call [23:30, 00:10)Z is 40 sleeping, one segment
      // (Bob's day starts 23:00Z); `to` = 02-16 00:00Z clips it to [23:30, 00:00) = 30.
      { externalId: 'a-14', responder: 'r-bob', incident: 'inc-6', at: '2026-02-15T23:30:00Z', endAt: '2026-02-16T00:10:00Z', kind: 'call' },
    ]);
    await rebuildWorkload(ds);
  });
  afterAll(async () => t?.close());

  it('answers totals, weeks, responders, teams and top incidents with the arithmetic of SPEC §2.1', async () => {
    expect(await report(RANGE)).toEqual({
      range: { from: '2026-01-26', to: '2026-02-16', timeZone: 'UTC' },
      // An idle server: everything accepted is in the answer.
      freshness: { asOf: expect.any(String), queuedChanges: 0, lagSeconds: 0 },
      timezone: 'UTC',
      totals: {
        minutes: 166, // Ada 34 + Bob 112 + Kei 10 + Nia 10
        working: 94, // Ada 14 + Bob 55 + 5 + Kei 10 + Nia 10
        late: 10, // Ada's Saturday
        sleeping: 62, // Ada 10 + Bob 22 + 30
        hours: 2.77, // 166 / 60 = 2.766…
        responders: 4,
        costAmount: null, // no hourly cost set
      },
      weekly: [
        zero('2026-01-26'), // no work: zero-filled
        // Mon 02-02 – Sun 02-08: Ada 14 + 10 + 10, Nia 10, Bob 55 + 5 + 22, Kei's first 5 (23:55–00:00Z Sunday)
        { week: '2026-02-02', minutes: 131, working: 89, late: 10, sleeping: 32 }, // working 14 + 10 + 60 + 5; sleeping 10 + 22
        // Mon 02-09 – Sun 02-15: Kei's other 5 (00:00–00:05Z Monday), Bob's clipped call 30
        { week: '2026-02-09', minutes: 35, working: 5, late: 0, sleeping: 30 },
      ],
      responders: [
        // inc-2 55 + inc-3 5 (working, Tue 14:00–15:00 CET) + inc-4 22 + inc-6 30 (sleeping, clipped)
        { externalId: 'r-bob', name: 'Bob', team: { externalId: 'payments', name: 'Payments' }, minutes: 112, working: 60, late: 0, sleeping: 52, incidents: 4 },
        // inc-1 14 working + inc-4 10 sleeping + inc-5 10 late; the game day and test incident not counted
        { externalId: 'r-ada', name: 'Ada', team: { externalId: 'core', name: 'Core' }, minutes: 34, working: 14, late: 10, sleeping: 10, incidents: 3 },
        // Kei and Nia tie on 10: by name
        { externalId: 'r-kei', name: 'Kei', team: { externalId: 'core', name: 'Core' }, minutes: 10, working: 10, late: 0, sleeping: 0, incidents: 1 },
        { externalId: 'r-nia', name: 'Nia', team: null, minutes: 10, working: 10, late: 0, sleeping: 0, incidents: 1 },
      ],
      teams: [
        { externalId: 'payments', name: 'Payments', minutes: 112, working: 60, late: 0, sleeping: 52, responders: 1 }, // Bob
        { externalId: 'core', name: 'Core', minutes: 44, working: 24, late: 10, sleeping: 10, responders: 2 }, // Ada 34 + Kei 10
        { externalId: null, name: 'No team', minutes: 10, working: 10, late: 0, sleeping: 0, responders: 1 }, // Nia
      ],
      topIncidents: [
        { externalId: 'inc-2', title: 'Database slow', severity: 3, minutes: 55, working: 55, late: 0, sleeping: 0, responders: 1 }, // 30 + 10/2 + 20
        { externalId: 'inc-4', title: 'Card auth at night', severity: 2, minutes: 32, working: 0, late: 0, sleeping: 32, responders: 2 }, // Bob 22 + Ada 10
        { externalId: 'inc-6', title: 'Midnight failover', severity: 2, minutes: 30, working: 0, late: 0, sleeping: 30, responders: 1 }, // 40 clipped at `to`
        { externalId: 'inc-1', title: 'API errors', severity: 2, minutes: 24, working: 24, late: 0, sleeping: 0, responders: 2 }, // Ada 14 + Nia 10
        { externalId: 'inc-5', title: 'Weekend cache storm', severity: 4, minutes: 20, working: 10, late: 10, sleeping: 0, responders: 2 }, // Ada 10 late + Kei 10 working
        { externalId: 'inc-3', title: 'Payments failing', severity: 1, minutes: 5, working: 5, late: 0, sleeping: 0, responders: 1 }, // 10/2
      ],
      gameDayMinutes: 15, // [15:00, 15:15), not 12.5: the test incident's activity at 15:05 is no work to share with
    });
  });

  it('counts a segment by its overlap with the range, at both ends', async () => {
    // [02-09, 02-17): Kei's segment [02-08 23:55, 02-09 00:05) clipped at `from` → 5; Bob's call whole → 40.
    const body = await report('from=2026-02-09&to=2026-02-17');
    expect(body.totals).toMatchObject({ minutes: 45, working: 5, sleeping: 40, responders: 2 });
    expect(body.weekly).toEqual([
      { week: '2026-02-09', minutes: 35, working: 5, late: 0, sleeping: 30 }, // Kei 5 + Bob 23:30–00:00 Sunday = 30
      { week: '2026-02-16', minutes: 10, working: 0, late: 0, sleeping: 10 }, // Bob 00:00–00:10 Monday
    ]);
    // A single day: [02-15, 02-16) holds only the first 30 minutes of the call.
    expect((await report('from=2026-02-15&to=2026-02-16')).totals.minutes).toBe(30);
  });

  it.each([
    // query, totals.minutes, gameDayMinutes, why
    ['team=payments', 37, 0, 'the incident’s team: inc-3 5 + inc-4 32 (Ada’s 10 on inc-4 too; gd-1 is Core’s)'],
    ['team=core', 129, 15, 'inc-1 24 + inc-2 55 + inc-5 20 + inc-6 30 = 166 − 37'],
    ['service=svc-db', 85, 0, 'inc-2 55 + inc-6 30'],
    ['service=svc-api&service=svc-pay', 81, 15, 'inc-1 24 + inc-3 5 (affects both, counted once) + inc-4 32 + inc-5 20'],
    ['severity=2', 91, 0, 'severity ≤ 2: inc-1 24 + inc-3 5 + inc-4 32 + inc-6 30; gd-1 is severity 3'],
    ['severity=3', 146, 15, '91 + inc-2 55; gd-1 included'],
    ['team=core&severity=2', 54, 0, 'inc-1 24 + inc-6 30'],
    ['team=nobody', 0, 0, 'an unknown team matches nothing'],
  ])('%s → %d minutes, %d game-day minutes (%s)', async (filter, minutes, gameDayMinutes) => {
    const body = await report(`${RANGE}&${filter}`);
    expect(body.totals.minutes).toBe(minutes);
    expect(body.gameDayMinutes).toBe(gameDayMinutes);
    // Every view adds up to the same total.
    const sum = (rows: Array<{ minutes: number }>) => Math.round(rows.reduce((n, r) => n + r.minutes, 0) * 10) / 10;
    expect(sum(body.weekly)).toBe(minutes);
    expect(sum(body.responders)).toBe(minutes);
    expect(sum(body.teams)).toBe(minutes);
    expect(sum(body.topIncidents)).toBe(minutes);
  });

  it('filters by the incident’s team, not the responder’s', async () => {
    const body = await report(`${RANGE}&team=payments`);
    expect(body.responders.map((r) => [r.externalId, r.minutes, r.sleeping])).toEqual([
      ['r-bob', 27, 22], // inc-3 5 + inc-4 22
      ['r-ada', 10, 10], // a Core responder on a Payments incident: inc-4 10
    ]);
    expect(body.topIncidents.map((i) => i.externalId)).toEqual(['inc-4', 'inc-3']);
  });

  it('costs the hours when an hourly cost is set', async () => {
    await ds.query(`UPDATE settings SET hourly_cost = 90 WHERE id = 1`);
    try {
      expect((await report(RANGE)).totals).toMatchObject({ hours: 2.77, costAmount: 249 }); // 166 / 60 h × 90 = 249
    } finally {
      await ds.query(`UPDATE settings SET hourly_cost = NULL WHERE id = 1`);
    }
  });

  it.each([
    ['severity=0', 'severity', 'must be a whole number 1..5'],
    ['severity=1&severity=2', 'severity', 'must be given once'],
    ['from=2026-02-30', 'from', 'must be a calendar date YYYY-MM-DD that exists'],
    ['to=tomorrow', 'to', 'must be a calendar date YYYY-MM-DD that exists'],
    ['from=2026-02-16&to=2026-02-02', 'to', 'to must be after from (to is exclusive: for the single day 2026-02-16 use to=2026-02-17)'],
    ['from=2999-01-01', 'from', expect.stringMatching(/^from must be on or before today/)],
    ['team=a%20b', 'team', 'must not contain whitespace or control characters'],
    ['service=svc-api&service=svc%20db', 'service.1', 'must not contain whitespace or control characters'],
    ['kind=game_day', 'kind', 'is not a known field'], // the workload has no kind filter: game days are their own line
    ['teams=core', 'teams', 'is not a known field'],
  ])('%s → 400 naming %s', async (query, path, message) => {
    const res = await get(query).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [{ path, message }] });
    expect(res.body.details).toHaveLength(1);
    expect(res.body.message).toContain(path);
  });

  it('lists every bad parameter at once, and needs a read token', async () => {
    const res = await get('severity=9&from=x&foo=1').expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['foo', 'from', 'severity']);
    await http().get('/api/v1/analytics/workload').expect(401);
    await http().get('/api/v1/analytics/workload').set('Authorization', `Bearer ${ingestToken}`).expect(403);
  });

  it('answers the responders table as CSV to Accept: text/csv', async () => {
    const res = await get(RANGE).set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=workload-responders_2026-01-26_2026-02-16.csv');
    expect(res.headers.vary).toMatch(/Accept/);
    expect(res.text.split('\r\n')).toEqual([
      'externalId,name,team,teamName,minutes,working,late,sleeping,incidents',
      'r-bob,Bob,payments,Payments,112,60,0,52,4',
      'r-ada,Ada,core,Core,34,14,10,10,3',
      'r-kei,Kei,core,Core,10,10,0,0,1',
      'r-nia,Nia,,,10,10,0,0,1',
      '', // every line ends with CRLF
    ]);
    // A bad parameter is a JSON 400 whatever was accepted.
    const bad = await get('severity=9').set('Accept', 'text/csv').expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/json/);
  });

  it('counts days and weeks in the org time zone', async () => {
    await ds.query(`UPDATE settings SET timezone = 'Asia/Tokyo' WHERE id = 1`);
    try {
      // [02-09, 02-16) in Tokyo = [02-08 15:00Z, 02-15 15:00Z): Kei's 10 minutes (Mon 08:55–09:05 JST) only;
      // Ada's Saturday (23:00 JST on 02-07) is before it, Bob's midnight call (08:30 JST on 02-16) after it.
      const body = await report('from=2026-02-09&to=2026-02-16');
      expect(body).toMatchObject({ range: { from: '2026-02-09', to: '2026-02-16', timeZone: 'Asia/Tokyo' }, timezone: 'Asia/Tokyo' });
      expect(body.totals).toMatchObject({ minutes: 10, working: 10, responders: 1 });
      expect(body.weekly).toEqual([{ week: '2026-02-09', minutes: 10, working: 10, late: 0, sleeping: 0 }]); // not split: one Tokyo week
    } finally {
      await ds.query(`UPDATE settings SET timezone = 'UTC' WHERE id = 1`);
    }
  });

  it('says how fresh it is: everything accepted on an idle server; a backlog is reported, not waited for', async () => {
    const idle = await report(RANGE);
    expect(idle.freshness).toMatchObject({ queuedChanges: 0, lagSeconds: 0 });
    expect(Math.abs(Date.parse(idle.freshness.asOf) - Date.now())).toBeLessThan(60_000);
    // A backlog beyond what a report processes first (200 windows; a bulk backfill): 250 queued windows
    // of no one, while the workload worker waits for the rebuild lock ("wklr", held as a rebuild would).
    await checkBehindBacklog(
      ds,
      [0x776b6c72, 0],
      `INSERT INTO workload_queue (responder_id, from_at, to_at, enqueued_at)
       SELECT 0, '2026-02-01', '2026-02-02', now() - interval '30 seconds' FROM generate_series(1, 250)`,
      () => report(RANGE),
      (behind) => {
        expect(behind.freshness.queuedChanges).toBe(250);
        expect(behind.freshness.lagSeconds).toBeGreaterThanOrEqual(30);
        expect(Date.parse(behind.freshness.asOf)).toBeLessThanOrEqual(Date.now() - 30_000);
        expect(behind.totals).toEqual(idle.totals); // answered from the rollup as it is
      },
    );
  });
});

describe('demo organisation', () => {
  let t: TestApp;
  let ds: DataSource;
  let readToken: string;
  let manifest: DemoManifest;

  const get = (query: string) => request(t.app.getHttpServer()).get(`/api/v1/analytics/workload?${query}`).set('Authorization', `Bearer ${readToken}`);
  const report = async (query: string): Promise<WorkloadResponse> => workloadResponseSchema.parse((await get(query).expect(200)).body);
  const day = (iso: string) => iso.slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    ds = t.app.get(DataSource);
    readToken = await createToken(t, ['read']);
    manifest = await loadDemoOrganisation(t, ds);
  }, 240_000);
  afterAll(async () => t?.close());

  it('never books a planted concurrent-incident responder for more than a week in a week', async () => {
    const episodes = (manifest.patterns.find((p) => p.id === 'concurrent-incidents')!.entities as {
      episodes: Array<{ responder: string; incidents: string[]; window: { from: string; to: string } }>;
    }).episodes;
    expect(episodes.length).toBeGreaterThanOrEqual(2);
    const from = day(manifest.range.from);
    const to = day(manifest.range.to);
    const whole = await report(`from=${from}&to=${to}`);
    // Every ISO week of the demo, asked for one by one: [Monday, next Monday).
    const firstMonday = whole.weekly[0]!.week;
    const perWeek = new Map<string, number>(episodes.map((e) => [e.responder, 0]));
    for (let monday = firstMonday; monday < to; monday = addCalendarDays(monday, 7)) {
      const body = await report(`from=${monday}&to=${addCalendarDays(monday, 7)}`);
      expect(body.weekly.map((w) => w.week)).toEqual([monday]);
      for (const e of episodes) {
        const minutes = body.responders.find((r) => r.externalId === e.responder)?.minutes ?? 0;
        expect(minutes).toBeLessThanOrEqual(WEEK_MINUTES);
        perWeek.set(e.responder, perWeek.get(e.responder)! + minutes);
      }
    }
    for (const e of episodes) {
      // The weeks add up to the whole range: each minute is counted in exactly one week (within rounding).
      const total = whole.responders.find((r) => r.externalId === e.responder)!.minutes;
      expect(Math.abs(perWeek.get(e.responder)! - total)).toBeLessThanOrEqual(0.05 * 80);
      // On the day of the episode, the responder worked all its incidents, yet no more than the day holds.
      const onDay = await report(`from=${day(e.window.from)}&to=${addCalendarDays(day(e.window.from), 1)}`);
      const r = onDay.responders.find((x) => x.externalId === e.responder)!;
      expect(r.incidents).toBeGreaterThanOrEqual(e.incidents.length);
      expect(r.minutes).toBeLessThanOrEqual(24 * 60);
      for (const incident of e.incidents) expect(onDay.topIncidents.map((i) => i.externalId)).toContain(incident);
    }
  }, 120_000);

  it('shows the nightly batch service’s workload mostly asleep', async () => {
    const body = await report(`from=${day(manifest.range.from)}&to=${day(manifest.range.to)}&service=svc-invoicing`);
    expect(body.totals.minutes).toBeGreaterThan(0);
    expect(body.totals.sleeping).toBeGreaterThan(body.totals.working);
    // And the whole organisation's is not.
    const all = await report(`from=${day(manifest.range.from)}&to=${day(manifest.range.to)}`);
    expect(all.totals.working).toBeGreaterThan(all.totals.sleeping);
    expect(all.gameDayMinutes).toBeGreaterThan(0);
    // Hundreds of incidents with workload: the 20 with the most minutes, most first.
    expect(all.topIncidents).toHaveLength(20);
    const minutes = all.topIncidents.map((i) => i.minutes);
    expect(minutes).toEqual([...minutes].sort((a, b) => b - a));
  });
});
