import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { incidentListResponseSchema, type IncidentListResponse } from '@firewatch/shared';
import { createTestApp, createToken, type TestApp } from '../support/app.js';

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
  await ingest('incidents', [
    // Exactly at `from` (2026-03-01 00:00 UTC): inside [from, to).
    { externalId: 'inc-first', title: 'Boundary: declared at from', severity: 3, team: 'core', declaredAt: '2026-03-01T00:00:00Z' },
    {
      externalId: 'inc-db', title: 'Database failover', severity: 1, team: 'core', services: ['svc-db', 'svc-api'], causes: ['deploy', 'capacity'],
      declaredAt: '2026-03-02T10:00:00Z', startedAt: '2026-03-02T09:40:00Z', acknowledgedAt: '2026-03-02T10:07:30Z',
      mitigatedAt: '2026-03-02T10:50:00Z', resolvedAt: '2026-03-02T11:25:00Z',
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
