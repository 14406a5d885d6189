import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { incidentDetailSchema, incidentListResponseSchema, type IncidentDetail, type IncidentListResponse } from '@firewatch/shared';
import { createTestApp, createToken, type TestApp } from '../support/app.js';
import { derivedDataSettled } from '../support/derived-data.js';

/**
 * GET /api/v1/incidents against a small fixture ingested through the API. The org time zone is UTC
 * (the default) unless a test says otherwise; every request names its range so "today" never matters
 * except in the test of the default range.
 */

let t: TestApp;
let ds: DataSource;
let readToken: string;
let ingestToken: string;

const MARCH = 'from=2026-03-01&to=2026-04-01';

const http = () => request(t.app.getHttpServer());
const ingest = (kind: string, items: object[]) =>
  http().post(`/api/v1/ingest/${kind}`).set('Authorization', `Bearer ${ingestToken}`).send({ items }).expect(200);
const get = (query: string) => http().get(`/api/v1/incidents?${query}`).set('Authorization', `Bearer ${readToken}`);

/** The list, checked against the shared response schema. */
async function list(query: string): Promise<IncidentListResponse> {
  const res = await get(query).expect(200);
  return incidentListResponseSchema.parse(res.body);
}
/** External ids in the order listed; another source than `api` is written `source:externalId`. */
async function ids(query: string): Promise<string[]> {
  return (await list(query)).items.map((i) => (i.source === 'api' ? i.externalId : `${i.source}:${i.externalId}`));
}

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
    { externalId: 'svc-web', name: 'Web', team: 'payments' },
  ]);
  await ingest('responders', [
    { externalId: 'r-ada', name: 'Ada', team: 'core', timezone: 'UTC' },
    { externalId: 'r-bob', name: 'Bob', team: 'payments', timezone: 'Europe/Berlin' }, // UTC+1 until 29 March 2026
  ]);
  await ingest('incidents', [
    // Exactly at `from` (2026-03-01 00:00 UTC): inside [from, to).
    { externalId: 'inc-first', title: 'Boundary: declared at from', severity: 3, team: 'core', declaredAt: '2026-03-01T00:00:00Z' },
    {
      externalId: 'inc-db', title: 'Database failover', severity: 1, team: 'core', services: ['svc-db', 'svc-api'], causes: ['deploy', 'capacity'],
      declaredAt: '2026-03-02T10:00:00Z', startedAt: '2026-03-02T09:40:00Z', acknowledgedAt: '2026-03-02T10:07:30Z',
      mitigatedAt: '2026-03-02T10:50:00Z', resolvedAt: '2026-03-02T11:25:00Z', roles: [{ responder: 'r-ada', role: 'lead' }],
    },
    {
      externalId: 'inc-cpu', title: '100% CPU on web', severity: 2, team: 'payments', services: ['svc-web'],
      declaredAt: '2026-03-03T12:00:00Z', acknowledgedAt: '2026-03-03T12:02:00Z', resolvedAt: '2026-03-03T14:00:00Z',
    },
    // "100%" with % as a wildcard would match this title too.
    { externalId: 'inc-1000', title: '1000 CPU cores idle', severity: 4, team: 'payments', services: ['svc-web'], declaredAt: '2026-03-04T08:00:00Z', mitigatedAt: '2026-03-04T08:30:00Z' },
    {
      externalId: 'inc-cache', title: 'cache_miss storm', severity: 2, team: 'core', services: ['svc-api'],
      declaredAt: '2026-03-05T09:00:00Z', acknowledgedAt: '2026-03-05T09:01:00Z', resolvedAt: '2026-03-05T09:31:00Z',
    },
    // "cache_miss" with _ as a wildcard would match this title too.
    { externalId: 'inc-cachex', title: 'cachexmiss alert', severity: 5, declaredAt: '2026-03-06T09:00:00Z', resolvedAt: '2026-03-06T10:00:00Z' },
    { externalId: 'inc-path', title: 'Disk full on C:\\temp', severity: 3, team: 'core', services: ['svc-db'], declaredAt: '2026-03-07T09:00:00Z', resolvedAt: '2026-03-08T09:00:00Z' },
    { externalId: 'inc-formula', title: '=1+2 injected', severity: 5, declaredAt: '2026-03-08T09:00:00Z' },
    // Same externalId as an `api` incident, another source: listed separately, with its source.
    { source: 'pagerduty', externalId: 'inc-db', title: 'PagerDuty copy of the failover', severity: 2, declaredAt: '2026-03-09T10:00:00Z' },
    // Exactly at `to` (2026-04-01 00:00 UTC): outside [from, to).
    { externalId: 'inc-at-to', title: 'Boundary: declared at to', severity: 1, team: 'core', services: ['svc-db'], declaredAt: '2026-04-01T00:00:00Z' },
    // One second before `from` in UTC (but 00:59:59 on 1 March in Berlin).
    { externalId: 'inc-before', title: 'Boundary: before from', severity: 3, declaredAt: '2026-02-28T23:59:59Z' },
    { externalId: 'gd-1', kind: 'game_day', title: 'Game day: region failover', severity: 3, team: 'core', declaredAt: '2026-03-10T10:00:00Z' },
    { externalId: 'test-1', kind: 'test', title: 'Test incident', severity: 5, declaredAt: '2026-03-11T10:00:00Z' },
  ]);
  // Work on inc-db (Monday 2 March 2026), read back by the detail endpoint.
  await ingest('activity', [
    { externalId: 'a-1', responder: 'r-ada', incident: 'inc-db', kind: 'message', at: '2026-03-02T10:00:00Z' },
    { externalId: 'a-2', responder: 'r-ada', incident: 'inc-db', kind: 'message', at: '2026-03-02T10:15:00Z' },
    // Ada also works inc-first from 10:20: both are open 10:20–10:25, so each gets half of it.
    { externalId: 'a-3', responder: 'r-ada', incident: 'inc-first', kind: 'message', at: '2026-03-02T10:20:00Z' },
    { externalId: 'a-4', responder: 'r-bob', incident: 'inc-db', kind: 'call', at: '2026-03-02T10:05:00Z', endAt: '2026-03-02T10:35:00Z' },
    // 23:30 UTC is 00:30 on Tuesday in Berlin: sleeping hours.
    { externalId: 'a-5', responder: 'r-bob', incident: 'inc-db', kind: 'status_update', at: '2026-03-02T23:30:00Z' },
  ]);
  await ingest('alerts', [
    { externalId: 'al-2', rule: 'ReplicationLag', service: 'svc-db', severity: 'warning', firedAt: '2026-03-02T09:50:00Z', incident: 'inc-db' },
    {
      externalId: 'al-1', rule: 'PostgresDown', service: 'svc-db', severity: 'critical', firedAt: '2026-03-02T09:45:00Z',
      acknowledgedAt: '2026-03-02T09:47:00Z', resolvedAt: '2026-03-02T10:55:00Z', resolvedBy: 'human', incident: 'inc-db',
    },
    { externalId: 'al-other', rule: 'DiskFull', firedAt: '2026-03-07T08:55:00Z', incident: 'inc-path' },
  ]);
  await ingest('pages', [
    { externalId: 'p-2', alert: 'al-1', responder: 'r-bob', at: '2026-03-02T09:51:00Z', channel: 'phone', level: 2, reason: 'timeout' },
    { externalId: 'p-1', alert: 'al-1', responder: 'r-ada', at: '2026-03-02T09:46:00Z', channel: 'push' },
    { externalId: 'p-other', alert: 'al-other', responder: 'r-ada', at: '2026-03-07T08:56:00Z', channel: 'sms' },
  ]);
  await derivedDataSettled(ds);
});
afterAll(async () => t?.close());

/** Every kind=incident declared in March 2026 UTC, newest first (the default order). */
const MARCH_INCIDENTS = ['pagerduty:inc-db', 'inc-formula', 'inc-path', 'inc-cachex', 'inc-cache', 'inc-1000', 'inc-cpu', 'inc-db', 'inc-first'];

describe('GET /api/v1/incidents: items', () => {
  it('answers one page with the documented fields, TTA and TTR in minutes', async () => {
    const body = await list(`${MARCH}&q=failover&team=core`);
    expect(body).toEqual({
      items: [
        {
          externalId: 'inc-db',
          source: 'api',
          title: 'Database failover',
          kind: 'incident',
          severity: 1,
          status: 'resolved',
          team: { externalId: 'core', name: 'Core' },
          services: [
            { externalId: 'svc-api', name: 'API' }, // by name: API before Postgres
            { externalId: 'svc-db', name: 'Postgres' },
          ],
          causes: ['capacity', 'deploy'],
          declaredAt: '2026-03-02T10:00:00.000Z',
          startedAt: '2026-03-02T09:40:00.000Z',
          acknowledgedAt: '2026-03-02T10:07:30.000Z',
          mitigatedAt: '2026-03-02T10:50:00.000Z',
          resolvedAt: '2026-03-02T11:25:00.000Z',
          ttaMinutes: 7.5, // acknowledged 10:07:30 − declared 10:00:00
          ttrMinutes: 105, // resolved 11:25 − impact start 09:40 (not declared 10:00, which would give 85)
        },
      ],
      total: 1,
      page: 1,
      pageSize: 50,
      range: { from: '2026-03-01', to: '2026-04-01', timeZone: 'UTC' },
      // One incident: every percentile is its own value.
      timings: {
        tta: { medianMinutes: 7.5, p90Minutes: 7.5, incidents: 1, excluded: 0 },
        ttm: { medianMinutes: 70, p90Minutes: 70, incidents: 1, excluded: 0 }, // mitigated 10:50 − impact start 09:40
        ttr: { medianMinutes: 105, p90Minutes: 105, incidents: 1, excluded: 0 },
      },
    });
  });

  it.each([
    // [externalId, status, ttaMinutes, ttrMinutes]
    ['inc-cpu', 'resolved', 2, 120], // ack 12:02 − declared 12:00; resolved 14:00 − start 12:00 (start defaults to declared)
    ['inc-cache', 'resolved', 1, 31], // 09:01 − 09:00; 09:31 − 09:00
    ['inc-path', 'resolved', null, 1440], // never acknowledged; 8 Mar 09:00 − 7 Mar 09:00 = 24 h
    ['inc-1000', 'mitigated', null, null], // mitigated, not resolved
    ['inc-first', 'open', null, null],
  ] as const)('%s: status %s, TTA %s min, TTR %s min', async (externalId, status, ttaMinutes, ttrMinutes) => {
    const item = (await list(MARCH)).items.find((i) => i.externalId === externalId);
    expect(item).toMatchObject({ status, ttaMinutes, ttrMinutes });
  });

  it('lists the same externalId once per source, with the source', async () => {
    const items = (await list(`${MARCH}&q=failover`)).items;
    expect(items.map((i) => [i.source, i.externalId, i.team])).toEqual([
      ['pagerduty', 'inc-db', null],
      ['api', 'inc-db', { externalId: 'core', name: 'Core' }],
    ]);
  });
});

describe('GET /api/v1/incidents: filters', () => {
  it('lists kind=incident declared in [from, to), newest first, by default', async () => {
    expect(await ids(MARCH)).toEqual(MARCH_INCIDENTS);
  });

  it('includes an incident declared exactly at from and excludes one declared exactly at to', async () => {
    const march = await ids(MARCH);
    expect(march).toContain('inc-first'); // 2026-03-01T00:00:00Z = from
    expect(march).not.toContain('inc-at-to'); // 2026-04-01T00:00:00Z = to, exclusive
    expect(march).not.toContain('inc-before'); // 2026-02-28T23:59:59Z, one second before from
    expect(await ids('from=2026-03-01&to=2026-04-02')).toContain('inc-at-to'); // one day later it is inside
  });

  it('counts days in the organisation time zone', async () => {
    await ds.query(`UPDATE settings SET timezone = 'Europe/Berlin' WHERE id = 1`);
    try {
      // 1 March in Berlin (CET, UTC+1) = [2026-02-28T23:00Z, 2026-03-01T23:00Z).
      const body = await list('from=2026-03-01&to=2026-03-02');
      expect(body.range).toEqual({ from: '2026-03-01', to: '2026-03-02', timeZone: 'Europe/Berlin' });
      expect(body.items.map((i) => i.externalId)).toEqual([
        'inc-first', // 01:00 Berlin
        'inc-before', // 2026-02-28T23:59:59Z = 00:59:59 on 1 March in Berlin
      ]);
    } finally {
      await ds.query(`UPDATE settings SET timezone = 'UTC' WHERE id = 1`);
    }
  });

  it('defaults to the last 90 days, today included', async () => {
    const now = Date.now();
    await ingest('incidents', [
      { externalId: 'recent', title: 'Yesterday', severity: 3, declaredAt: new Date(now - 86_400_000).toISOString() },
      { externalId: 'old', title: '100 days ago', severity: 3, declaredAt: new Date(now - 100 * 86_400_000).toISOString() },
    ]);
    try {
      const body = await list('');
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      const tomorrow = Date.parse(day(now)) + 86_400_000;
      expect(body.range).toEqual({ from: day(tomorrow - 90 * 86_400_000), to: day(tomorrow), timeZone: 'UTC' });
      expect(body.items.map((i) => i.externalId)).toEqual(['recent']);
    } finally {
      await ds.query(`DELETE FROM incidents WHERE external_id IN ('recent', 'old')`);
    }
  });

  it('filters by team', async () => {
    expect(await ids(`${MARCH}&team=core`)).toEqual(['inc-path', 'inc-cache', 'inc-db', 'inc-first']);
    expect(await ids(`${MARCH}&team=nobody`)).toEqual([]);
  });

  it('filters by two services: incidents touching either, each listed once', async () => {
    // inc-db touches svc-db and svc-api; inc-path svc-db; inc-cpu and inc-1000 svc-web.
    expect(await ids(`${MARCH}&service=svc-db&service=svc-web`)).toEqual(['inc-path', 'inc-1000', 'inc-cpu', 'inc-db']);
    expect(await ids(`${MARCH}&service=svc-api`)).toEqual(['inc-cache', 'inc-db']);
  });

  it('filters by severity ≤ N', async () => {
    // severity=2 keeps SEV1 (inc-db) and SEV2 (pagerduty:inc-db, inc-cache, inc-cpu).
    expect(await ids(`${MARCH}&severity=2`)).toEqual(['pagerduty:inc-db', 'inc-cache', 'inc-cpu', 'inc-db']);
    expect(await ids(`${MARCH}&severity=1`)).toEqual(['inc-db']);
  });

  it('combines filters with AND', async () => {
    expect(await ids(`${MARCH}&team=core&severity=2&service=svc-api`)).toEqual(['inc-cache', 'inc-db']);
  });

  it.each([
    ['incident', MARCH_INCIDENTS],
    ['game_day', ['gd-1']],
    ['test', ['test-1']],
    ['all', ['test-1', 'gd-1', ...MARCH_INCIDENTS]],
  ])('kind=%s', async (kind, expected) => {
    expect(await ids(`${MARCH}&kind=${kind}`)).toEqual(expected);
  });

  it.each([
    ['100%', ['inc-cpu']], // not "1000 CPU cores idle": % is literal
    ['%', ['inc-cpu']],
    ['cache_miss', ['inc-cache']], // not "cachexmiss alert": _ is literal
    ['_', ['inc-cache']],
    ['C:\\temp', ['inc-path']], // the backslash is literal too
    ['cpu', ['inc-1000', 'inc-cpu']], // case-insensitive
    ['  CPU ON ', ['inc-cpu']], // trimmed
    ['nothing like this', []],
  ])('q=%j matches %j', async (q, expected) => {
    expect(await ids(`${MARCH}&q=${encodeURIComponent(q)}`)).toEqual(expected);
  });
});

describe('GET /api/v1/incidents: drill-down filters (weekday, hour, cause)', () => {
  // March 2026 in UTC (the org zone): Sun 1 Mar 00:00 inc-first · Mon 2 Mar 10:00 inc-db · Tue 3 Mar 12:00 inc-cpu ·
  // Wed 4 Mar 08:00 inc-1000 · Thu 5 Mar 09:00 inc-cache · Fri 6 Mar 09:00 inc-cachex · Sat 7 Mar 09:00 inc-path ·
  // Sun 8 Mar 09:00 inc-formula · Mon 9 Mar 10:00 pagerduty:inc-db.
  it.each([
    ['weekday=1', ['pagerduty:inc-db', 'inc-db']], // Mondays 2 and 9 March
    ['weekday=2', ['inc-cpu']],
    ['weekday=7', ['inc-formula', 'inc-first']], // Sundays 8 and 1 March
    ['hour=9', ['inc-formula', 'inc-path', 'inc-cachex', 'inc-cache']], // 09:00–10:00
    ['hour=0', ['inc-first']], // 00:00 exactly belongs to hour 0
    ['hour=23', []],
    ['weekday=1&hour=10', ['pagerduty:inc-db', 'inc-db']],
    ['weekday=7&hour=9', ['inc-formula']], // not inc-first (Sunday, hour 0)
    ['weekday=2&hour=9', []], // Tuesday's only incident is at 12:00
    ['cause=deploy', ['inc-db']],
    ['cause=capacity', ['inc-db']], // an incident with two causes matches either
    ['cause=Deploy', []], // exact, as the causes report groups tags
    ['cause=%20deploy%20', ['inc-db']], // trimmed, like an ingested tag
    ['cause=network', []],
    ['cause=deploy&hour=9', []], // combined with AND: inc-db was declared at 10:00
    ['weekday=1&team=core', ['inc-db']], // the pagerduty copy has no team
  ])('%s → %j', async (query, expected) => {
    expect(await ids(`${MARCH}&${query}`)).toEqual(expected);
  });

  it('reads weekday and hour on the wall clock of the organisation time zone', async () => {
    await ds.query(`UPDATE settings SET timezone = 'Europe/Berlin' WHERE id = 1`);
    try {
      // Berlin is UTC+1 in March before the 29th: 09:00Z reads 10:00, 10:00Z reads 11:00.
      expect(await ids(`${MARCH}&hour=10`)).toEqual(['inc-formula', 'inc-path', 'inc-cachex', 'inc-cache']);
      expect(await ids(`${MARCH}&hour=11`)).toEqual(['pagerduty:inc-db', 'inc-db']);
      // 2026-02-28T23:59:59Z is 00:59:59 on Sunday 1 March in Berlin, so it is in March and on a Sunday.
      expect(await ids(`${MARCH}&weekday=7`)).toEqual(['inc-formula', 'inc-first', 'inc-before']);
      expect(await ids(`${MARCH}&weekday=7&hour=0`)).toEqual(['inc-before']); // inc-first is 01:00 in Berlin
      expect(await ids(`${MARCH}&weekday=6`)).toEqual(['inc-path']); // not inc-before: Saturday in UTC only
    } finally {
      await ds.query(`UPDATE settings SET timezone = 'UTC' WHERE id = 1`);
    }
  });

  it('counts the timings over the filtered incidents only', async () => {
    // hour=9: inc-cache TTR 31 min (09:00 → 09:31), inc-cachex 60 min, inc-path 1,440 min, inc-formula unresolved.
    const body = await list(`${MARCH}&hour=9`);
    expect(body.total).toBe(4);
    // Rank 0.9 × (3 − 1) = 1.8: p90 = 60 + 0.8 × (1,440 − 60) = 1,164.
    expect(body.timings.ttr).toEqual({ medianMinutes: 60, p90Minutes: 1164, incidents: 3, excluded: 1 });
  });
});

describe('GET /api/v1/incidents: sort and pages', () => {
  it.each([
    // Ties (same severity) fall back to the most recently declared first.
    ['severity', 'asc', ['inc-db', 'pagerduty:inc-db', 'inc-cache', 'inc-cpu', 'inc-path', 'inc-first', 'inc-1000', 'inc-formula', 'inc-cachex']],
    ['severity', 'desc', ['inc-formula', 'inc-cachex', 'inc-1000', 'inc-path', 'inc-first', 'pagerduty:inc-db', 'inc-cache', 'inc-cpu', 'inc-db']],
    // TTR 31, 60, 105, 120, 1440 min; unresolved incidents last in either direction.
    ['ttrMinutes', 'asc', ['inc-cache', 'inc-cachex', 'inc-db', 'inc-cpu', 'inc-path', 'pagerduty:inc-db', 'inc-formula', 'inc-1000', 'inc-first']],
    ['ttrMinutes', 'desc', ['inc-path', 'inc-cpu', 'inc-db', 'inc-cachex', 'inc-cache', 'pagerduty:inc-db', 'inc-formula', 'inc-1000', 'inc-first']],
    ['declaredAt', 'asc', [...MARCH_INCIDENTS].reverse()],
  ])('sort=%s&order=%s', async (sort, order, expected) => {
    expect(await ids(`${MARCH}&sort=${sort}&order=${order}`)).toEqual(expected);
  });

  it('sorts by title, case-insensitively', async () => {
    // Titles chosen to sort the same in any collation: Boundary, cache_miss, Database, Disk.
    expect(await ids(`${MARCH}&team=core&sort=title&order=asc`)).toEqual(['inc-first', 'inc-cache', 'inc-db', 'inc-path']);
    expect(await ids(`${MARCH}&team=core&sort=title`)).toEqual(['inc-path', 'inc-db', 'inc-cache', 'inc-first']); // order defaults to desc
  });

  it('pages through the list without gaps or repeats, with the total on every page', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => list(`${MARCH}&pageSize=4&page=${page}`)));
    expect(pages.map((p) => [p.page, p.pageSize, p.total, p.items.length])).toEqual([
      [1, 4, 9, 4],
      [2, 4, 9, 4],
      [3, 4, 9, 1], // 9 = 4 + 4 + 1
      [4, 4, 9, 0], // past the end: empty, but the total is still known
    ]);
    expect(pages.flatMap((p) => p.items.map((i) => `${i.source}:${i.externalId}`))).toEqual(
      MARCH_INCIDENTS.map((id) => (id.includes(':') ? id : `api:${id}`)),
    );
  });

  it('pages a sort with ties deterministically', async () => {
    const all = await ids(`${MARCH}&sort=severity&order=asc`);
    const paged = [];
    for (let page = 1; page <= 5; page++) paged.push(...(await ids(`${MARCH}&sort=severity&order=asc&pageSize=2&page=${page}`)));
    expect(paged).toEqual(all);
  });

  it('answers an empty range with total 0', async () => {
    expect(await list('from=2020-01-01&to=2020-02-01')).toMatchObject({ items: [], total: 0, page: 1 });
  });
});

describe('GET /api/v1/incidents: bad requests', () => {
  it.each([
    ['severity=9', 'severity', 'must be a whole number 1..5'],
    ['severity=0', 'severity', 'must be a whole number 1..5'],
    ['severity=1.5', 'severity', 'must be a whole number 1..5'],
    ['severity=1&severity=2', 'severity', 'must be given once'],
    ['from=2026-02-30', 'from', 'must be a calendar date YYYY-MM-DD that exists'],
    ['to=2026-13-01', 'to', 'must be a calendar date YYYY-MM-DD that exists'],
    ['from=yesterday', 'from', 'must be a calendar date YYYY-MM-DD that exists'],
    ['from=2026-03-10&to=2026-03-10', 'to', 'to must be after from (to is exclusive: for the single day 2026-03-10 use to=2026-03-11)'],
    ['from=2999-01-01', 'from', expect.stringMatching(/^from must be on or before today/)],
    ['sort=drop', 'sort', 'must be one of: declaredAt, severity, ttrMinutes, title'],
    ['sort=title%3BDROP%20TABLE%20incidents', 'sort', 'must be one of: declaredAt, severity, ttrMinutes, title'],
    ['order=up', 'order', 'must be one of: asc, desc'],
    ['kind=incidents', 'kind', 'must be one of: incident, game_day, test, all'],
    ['page=0', 'page', 'must be a whole number 1..1000000'],
    ['page=-1', 'page', 'must be a whole number 1..1000000'],
    ['pageSize=0', 'pageSize', 'must be a whole number 1..200'],
    ['pageSize=201', 'pageSize', 'must be a whole number 1..200'],
    ['pageSize=99999999999999999999', 'pageSize', 'must be a whole number 1..200'],
    ['team=a%20b', 'team', 'must not contain whitespace or control characters'],
    ['service=svc-api&service=svc%20db', 'service.1', 'must not contain whitespace or control characters'],
    ['q=%00', 'q', 'must not contain control characters'],
    [`q=${'x'.repeat(201)}`, 'q', 'must be at most 200 characters'],
    ['weekday=0', 'weekday', 'must be a whole number 1..7'],
    ['weekday=8', 'weekday', 'must be a whole number 1..7'],
    ['weekday=monday', 'weekday', 'must be a whole number 1..7'],
    ['hour=24', 'hour', 'must be a whole number 0..23'],
    ['hour=-1', 'hour', 'must be a whole number 0..23'],
    ['hour=9.5', 'hour', 'must be a whole number 0..23'],
    ['hour=1&hour=2', 'hour', 'must be given once'],
    ['cause=', 'cause', 'must not be empty'],
    ['cause=%20%20', 'cause', 'must not be empty'],
    [`cause=${'x'.repeat(101)}`, 'cause', 'must be at most 100 characters'],
    ['cause=a%00b', 'cause', 'must not contain control characters'],
    ['foo=1', 'foo', 'is not a known field'],
    ['Severity=2', 'Severity', 'is not a known field'], // names are case-sensitive: not silently ignored
  ])('%s → 400 naming %s', async (query, path, message) => {
    const res = await get(query).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [{ path, message }] });
    expect(res.body.details).toHaveLength(1);
    expect(res.body.message).toContain(path);
  });

  it('lists every bad parameter at once', async () => {
    const res = await get('severity=9&sort=drop&foo=1').expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['foo', 'severity', 'sort']);
  });

  it('needs a token with the read scope when auth is on', async () => {
    await http().get('/api/v1/incidents').expect(401);
    await http().get('/api/v1/incidents').set('Authorization', `Bearer ${ingestToken}`).expect(403);
  });
});

describe('GET /api/v1/incidents with Accept: text/csv', () => {
  it('answers the requested page as CSV, total in X-Total-Count', async () => {
    const res = await get(`${MARCH}&sort=severity&order=asc&pageSize=3&page=1`).set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=incidents_2026-03-01_2026-04-01_page-1.csv');
    expect(res.headers['x-total-count']).toBe('9');
    expect(res.headers.vary).toMatch(/Accept/);
    expect(res.text.split('\r\n')).toEqual([
      'externalId,source,title,kind,severity,status,team,teamName,services,serviceNames,causes,declaredAt,startedAt,acknowledgedAt,mitigatedAt,resolvedAt,ttaMinutes,ttrMinutes',
      'inc-db,api,Database failover,incident,1,resolved,core,Core,svc-api;svc-db,API;Postgres,capacity;deploy,2026-03-02T10:00:00.000Z,2026-03-02T09:40:00.000Z,2026-03-02T10:07:30.000Z,2026-03-02T10:50:00.000Z,2026-03-02T11:25:00.000Z,7.5,105',
      'inc-db,pagerduty,PagerDuty copy of the failover,incident,2,open,,,,,,2026-03-09T10:00:00.000Z,2026-03-09T10:00:00.000Z,,,,,',
      'inc-cache,api,cache_miss storm,incident,2,resolved,core,Core,svc-api,API,,2026-03-05T09:00:00.000Z,2026-03-05T09:00:00.000Z,2026-03-05T09:01:00.000Z,,2026-03-05T09:31:00.000Z,1,31',
      '', // every line ends with CRLF
    ]);
  });

  it('defuses a title a spreadsheet would run as a formula', async () => {
    const res = await get(`${MARCH}&q=injected`).set('Accept', 'text/csv').expect(200);
    expect(res.text.split('\r\n')[1]).toMatch(/^inc-formula,api,'=1\+2 injected,/);
  });

  it('answers a page past the end with the header row only', async () => {
    const res = await get(`${MARCH}&page=9`).set('Accept', 'text/csv').expect(200);
    expect(res.text.split('\r\n')).toHaveLength(2);
    expect(res.headers['x-total-count']).toBe('9');
  });

  it('answers JSON to a client that prefers it, and a bad parameter as a JSON 400 either way', async () => {
    expect((await get(MARCH).set('Accept', 'application/json, text/csv;q=0.5').expect(200)).body.total).toBe(9);
    const res = await get('severity=9').set('Accept', 'text/csv').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.details).toEqual([{ path: 'severity', message: 'must be a whole number 1..5' }]);
  });
});

describe('GET /api/v1/incidents: timings (SPEC §2.2)', () => {
  // The 9 kind=incident incidents of March, over all pages:
  //   TTA: inc-cache 1, inc-cpu 2, inc-db 7.5                          → 3 timed, 6 never acknowledged
  //   TTM: inc-1000 30, inc-db 70                                      → 2 timed, 7 never mitigated
  //   TTR: inc-cache 30, inc-cachex 60, inc-db 105, inc-cpu 120, inc-path 1440 → 5 timed, 4 unresolved
  // p90 by linear interpolation at rank 0.9 × (n − 1).
  const MARCH_TIMINGS = {
    tta: { medianMinutes: 2, p90Minutes: 6.4, incidents: 3, excluded: 6 }, // rank 1.8: 2 + 0.8 × (7.5 − 2)
    ttm: { medianMinutes: 50, p90Minutes: 66, incidents: 2, excluded: 7 }, // (30 + 70) / 2; rank 0.9: 30 + 0.9 × 40
    ttr: { medianMinutes: 105, p90Minutes: 912, incidents: 5, excluded: 4 }, // rank 3.6: 120 + 0.6 × (1440 − 120)
  };

  it('answers median and p90 of every matching incident, not just the page, with the excluded counts', async () => {
    expect((await list(`${MARCH}&pageSize=2`)).timings).toEqual(MARCH_TIMINGS);
  });

  it('counts kind incident only, whatever kind is listed', async () => {
    expect((await list(`${MARCH}&kind=all`)).timings).toEqual(MARCH_TIMINGS);
    const gameDays = await list(`${MARCH}&kind=game_day`);
    expect(gameDays.total).toBe(1);
    expect(gameDays.timings).toEqual(MARCH_TIMINGS);
  });

  it('follows the filters', async () => {
    expect((await list(`${MARCH}&team=payments`)).timings).toEqual({
      tta: { medianMinutes: 2, p90Minutes: 2, incidents: 1, excluded: 1 }, // inc-cpu; inc-1000 never acknowledged
      ttm: { medianMinutes: 30, p90Minutes: 30, incidents: 1, excluded: 1 }, // inc-1000
      ttr: { medianMinutes: 120, p90Minutes: 120, incidents: 1, excluded: 1 }, // inc-cpu 12:00 → 14:00
    });
  });

  it('answers nulls, not zeros, when nothing is timed', async () => {
    const none = { medianMinutes: null, p90Minutes: null, incidents: 0, excluded: 0 };
    expect((await list('from=2025-01-01&to=2025-02-01')).timings).toEqual({ tta: none, ttm: none, ttr: none });
  });
});

describe('GET /api/v1/incidents/{externalId}', () => {
  const detail = async (path: string): Promise<IncidentDetail> =>
    incidentDetailSchema.parse((await http().get(`/api/v1/incidents/${path}`).set('Authorization', `Bearer ${readToken}`).expect(200)).body);

  it('answers the incident with its workload per responder, split by bucket (SPEC §2.1)', async () => {
    const body = await detail('inc-db?source=api');
    expect(body).toMatchObject({ externalId: 'inc-db', source: 'api', title: 'Database failover', ttaMinutes: 7.5, ttmMinutes: 70, ttrMinutes: 105 });
    expect(body.roles).toEqual([{ responder: { externalId: 'r-ada', name: 'Ada' }, role: 'lead' }]);
    expect(body.workload).toEqual({
      totalMinutes: 62.5, // Bob 40 + Ada 22.5
      working: 52.5, // Bob 30 + Ada 22.5
      late: 0,
      sleeping: 10, // Bob 23:30–23:40 UTC = 00:30–00:40 Berlin
      hours: 1.04, // 62.5 / 60
      costAmount: null, // no hourly cost set
      responders: [
        {
          externalId: 'r-bob',
          name: 'Bob',
          minutes: 40, // call 10:05–10:35 (30) + status update 23:30 (10; more than 20 min later, not bridged)
          working: 30, // 11:05–11:35 Berlin, Monday
          late: 0,
          sleeping: 10,
          segments: [
            { start: '2026-03-02T10:05:00.000Z', end: '2026-03-02T10:35:00.000Z', share: 1, bucket: 'working', minutes: 30 },
            { start: '2026-03-02T23:30:00.000Z', end: '2026-03-02T23:40:00.000Z', share: 1, bucket: 'sleeping', minutes: 10 },
          ],
        },
        {
          externalId: 'r-ada',
          name: 'Ada',
          minutes: 22.5, // 10:00 and 10:15 bridged → [10:00, 10:25) = 25, of which 10:20–10:25 shared with inc-first: 20 + 5 / 2
          working: 22.5,
          late: 0,
          sleeping: 0,
          segments: [
            { start: '2026-03-02T10:00:00.000Z', end: '2026-03-02T10:20:00.000Z', share: 1, bucket: 'working', minutes: 20 },
            { start: '2026-03-02T10:20:00.000Z', end: '2026-03-02T10:25:00.000Z', share: 0.5, bucket: 'working', minutes: 2.5 },
          ],
        },
      ],
    });
  });

  it('lists linked alerts and their pages oldest first, and the activity timeline', async () => {
    const body = await detail('inc-db?source=api');
    expect(body.alerts.map((a) => [a.externalId, a.rule, a.service?.externalId, a.firedAt])).toEqual([
      ['al-1', 'PostgresDown', 'svc-db', '2026-03-02T09:45:00.000Z'],
      ['al-2', 'ReplicationLag', 'svc-db', '2026-03-02T09:50:00.000Z'],
    ]);
    expect(body.alerts[0]).toMatchObject({ acknowledgedAt: '2026-03-02T09:47:00.000Z', resolvedBy: 'human', severity: 'critical', feedback: null });
    expect(body.pages).toEqual([
      { alert: 'al-1', responder: { externalId: 'r-ada', name: 'Ada' }, at: '2026-03-02T09:46:00.000Z', channel: 'push', level: 1, reason: 'initial' },
      { alert: 'al-1', responder: { externalId: 'r-bob', name: 'Bob' }, at: '2026-03-02T09:51:00.000Z', channel: 'phone', level: 2, reason: 'timeout' },
    ]);
    expect(body.activity.map((a) => [a.responder.externalId, a.kind, a.at, a.endAt])).toEqual([
      ['r-ada', 'message', '2026-03-02T10:00:00.000Z', null],
      ['r-bob', 'call', '2026-03-02T10:05:00.000Z', '2026-03-02T10:35:00.000Z'],
      ['r-ada', 'message', '2026-03-02T10:15:00.000Z', null],
      ['r-bob', 'status_update', '2026-03-02T23:30:00.000Z', null],
    ]);
    expect(body.activityTotal).toBe(4); // a-3 is on inc-first
  });

  it('prices the workload when an hourly cost is set', async () => {
    await ds.query(`UPDATE settings SET hourly_cost = 120 WHERE id = 1`);
    try {
      await derivedDataSettled(ds); // a settings change requeues the workload
      expect((await detail('inc-db?source=api')).workload).toMatchObject({ hours: 1.04, costAmount: 125 }); // 62.5 min / 60 × 120
    } finally {
      await ds.query(`UPDATE settings SET hourly_cost = NULL WHERE id = 1`);
      await derivedDataSettled(ds);
    }
  });

  it('answers an incident nobody worked with zero workload and empty lists', async () => {
    const body = await detail('inc-formula');
    expect(body.workload).toEqual({ totalMinutes: 0, working: 0, late: 0, sleeping: 0, hours: 0, costAmount: null, responders: [] });
    expect([body.alerts, body.pages, body.activity, body.activityTotal, body.roles]).toEqual([[], [], [], 0, []]);
  });

  it('asks which source when the id exists in several, and 404s an unknown one', async () => {
    const ambiguous = await http().get('/api/v1/incidents/inc-db').set('Authorization', `Bearer ${readToken}`).expect(409);
    expect(ambiguous.body.message).toContain('api, pagerduty');
    expect((await detail('inc-db?source=pagerduty')).title).toBe('PagerDuty copy of the failover');
    const missing = await http().get('/api/v1/incidents/inc-nope').set('Authorization', `Bearer ${readToken}`).expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, message: 'No incident "inc-nope".' });
    await http().get('/api/v1/incidents/inc-db?source=datadog').set('Authorization', `Bearer ${readToken}`).expect(404);
  });

  it('refuses a bad id or parameter with a 400 that names it, and needs the read scope', async () => {
    const badId = await http().get('/api/v1/incidents/inc%20db').set('Authorization', `Bearer ${readToken}`).expect(400);
    expect(badId.body.details).toEqual([{ path: 'externalId', message: 'must not contain whitespace or control characters' }]);
    const badParam = await http().get('/api/v1/incidents/inc-db?sauce=api').set('Authorization', `Bearer ${readToken}`).expect(400);
    expect(badParam.body.message).toContain('sauce');
    await http().get('/api/v1/incidents/inc-db?source=api').expect(401);
    await http().get('/api/v1/incidents/inc-db?source=api').set('Authorization', `Bearer ${ingestToken}`).expect(403);
  });
});
