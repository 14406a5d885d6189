import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { incidentListResponseSchema, noiseResponseSchema, responderDetailSchema } from '@firewatch/shared';
import { createTestApp, createToken, type TestApp } from '../support/app.js';
import { derivedDataSettled } from '../support/derived-data.js';

/**
 * The incident list's `escalationReason` and `responder` filters (`GET /api/v1/incidents`), on a small
 * fixture ingested through the API; org time zone UTC. The demo checks (every reason and responder
 * against the noise report and the responder page) are in drill-down.test.ts.
 */

let t: TestApp;
let ds: DataSource;
let readToken: string;
let ingestToken: string;

const MARCH = 'from=2026-03-01&to=2026-04-01';
const http = () => request(t.app.getHttpServer());
const ingest = (kind: string, items: object[]) =>
  http().post(`/api/v1/ingest/${kind}`).set('Authorization', `Bearer ${ingestToken}`).send({ items }).expect(200);
const get = (path: string) => http().get(path).set('Authorization', `Bearer ${readToken}`);
/** External ids listed, newest declared first; the range is March unless the query names one. */
const ids = async (query: string): Promise<string[]> =>
  incidentListResponseSchema
    .parse((await get(`/api/v1/incidents?${query.includes('from=') ? query : `${MARCH}&${query}`}`).expect(200)).body)
    .items.map((i) => i.externalId);

beforeAll(async () => {
  t = await createTestApp(inject('pgAdminUrl'));
  ds = t.app.get(DataSource);
  ingestToken = await createToken(t, ['ingest']);
  readToken = await createToken(t, ['read']);

  await ingest('responders', [
    { externalId: 'r-ada', name: 'Ada', timezone: 'UTC' },
    { externalId: 'r-bob', name: 'Bob', timezone: 'UTC' },
    { externalId: 'r-cy', name: 'Cy', timezone: 'UTC' },
  ]);
  await ingest('incidents', [
    { externalId: 'inc-a', title: 'A', severity: 2, declaredAt: '2026-03-02T10:00:00Z' },
    { externalId: 'inc-b', title: 'B', severity: 2, declaredAt: '2026-03-03T10:00:00Z' },
    { externalId: 'inc-c', title: 'C', severity: 2, declaredAt: '2026-03-04T10:00:00Z' },
    { externalId: 'inc-d', title: 'D', severity: 2, declaredAt: '2026-03-05T10:00:00Z' },
    // Declared before March, its alert fired in March: the noise report of March counts it, the list of March does not.
    { externalId: 'inc-early', title: 'Early', severity: 2, declaredAt: '2026-02-28T23:00:00Z' },
    // Declared in March, its only alert fired in February: the list of March counts it, the noise report of March does not.
    { externalId: 'inc-late', title: 'Late', severity: 2, declaredAt: '2026-03-06T10:00:00Z' },
    { externalId: 'gd-1', kind: 'game_day', title: 'Game day', severity: 3, declaredAt: '2026-03-07T10:00:00Z' },
  ]);
  await ingest('alerts', [
    { externalId: 'al-a1', rule: 'Zeta', firedAt: '2026-03-02T09:00:00Z', incident: 'inc-a' },
    { externalId: 'al-a2', rule: 'Zeta', firedAt: '2026-03-02T09:05:00Z', incident: 'inc-a' },
    { externalId: 'al-b1', rule: 'Zeta', firedAt: '2026-03-03T09:00:00Z', incident: 'inc-b' },
    { externalId: 'al-c1', rule: 'Zeta', firedAt: '2026-03-04T09:00:00Z', incident: 'inc-c' },
    { externalId: 'al-d1', rule: 'Beta', firedAt: '2026-03-05T09:00:00Z', incident: 'inc-d' },
    { externalId: 'al-d2', rule: 'Alpha', firedAt: '2026-03-05T09:20:00Z', incident: 'inc-d' },
    { externalId: 'al-early', rule: 'Zeta', firedAt: '2026-03-01T01:00:00Z', incident: 'inc-early' },
    { externalId: 'al-late', rule: 'Zeta', firedAt: '2026-02-27T09:00:00Z', incident: 'inc-late' },
    { externalId: 'al-gd', rule: 'Zeta', firedAt: '2026-03-07T09:00:00Z', incident: 'gd-1' },
  ]);
  await ingest('pages', [
    // inc-a: al-a1's first level ≥ 2 page is 09:10 timeout, al-a2's 09:06 manual → the earlier: manual.
    { externalId: 'p-a1', alert: 'al-a1', responder: 'r-ada', at: '2026-03-02T09:01:00Z', channel: 'push', level: 1, reason: 'initial' },
    { externalId: 'p-a2', alert: 'al-a1', responder: 'r-bob', at: '2026-03-02T09:10:00Z', channel: 'phone', level: 2, reason: 'timeout' },
    { externalId: 'p-a3', alert: 'al-a2', responder: 'r-bob', at: '2026-03-02T09:06:00Z', channel: 'phone', level: 2, reason: 'manual' },
    // inc-b: level 3 and level 2 at the same instant → the lower level: reassigned.
    { externalId: 'p-b1', alert: 'al-b1', responder: 'r-cy', at: '2026-03-03T09:30:00Z', channel: 'phone', level: 3, reason: 'timeout' },
    { externalId: 'p-b2', alert: 'al-b1', responder: 'r-bob', at: '2026-03-03T09:30:00Z', channel: 'phone', level: 2, reason: 'reassigned' },
    // inc-c: paged at level 1 only → no reason.
    { externalId: 'p-c1', alert: 'al-c1', responder: 'r-ada', at: '2026-03-04T09:01:00Z', channel: 'push', level: 1, reason: 'initial' },
    // inc-d: both alerts' first level-2 page at 09:30 → the alert first by rule: Alpha (al-d2) → timeout.
    { externalId: 'p-d1', alert: 'al-d1', responder: 'r-ada', at: '2026-03-05T09:30:00Z', channel: 'phone', level: 2, reason: 'initial' },
    { externalId: 'p-d2', alert: 'al-d2', responder: 'r-bob', at: '2026-03-05T09:30:00Z', channel: 'phone', level: 2, reason: 'timeout' },
    { externalId: 'p-early', alert: 'al-early', responder: 'r-ada', at: '2026-03-01T01:05:00Z', channel: 'phone', level: 2, reason: 'timeout' },
    { externalId: 'p-late', alert: 'al-late', responder: 'r-ada', at: '2026-02-27T09:05:00Z', channel: 'phone', level: 2, reason: 'timeout' },
    { externalId: 'p-gd', alert: 'al-gd', responder: 'r-ada', at: '2026-03-07T09:05:00Z', channel: 'phone', level: 2, reason: 'manual' },
  ]);
  await ingest('activity', [
    // Bob: inc-early from 28 Feb 23:50 to 1 Mar 00:20 (overlaps March though declared in February), inc-b on 3 March.
    { externalId: 'w-1', responder: 'r-bob', incident: 'inc-early', kind: 'call', at: '2026-02-28T23:50:00Z', endAt: '2026-03-01T00:20:00Z' },
    { externalId: 'w-2', responder: 'r-bob', incident: 'inc-b', kind: 'message', at: '2026-03-03T10:05:00Z' },
    // Ada: inc-a in March; inc-late on 5 April only (declared in March, worked after it); a game day.
    { externalId: 'w-3', responder: 'r-ada', incident: 'inc-a', kind: 'message', at: '2026-03-02T10:05:00Z' },
    { externalId: 'w-4', responder: 'r-ada', incident: 'inc-late', kind: 'message', at: '2026-04-05T10:00:00Z' },
    { externalId: 'w-5', responder: 'r-ada', incident: 'gd-1', kind: 'message', at: '2026-03-07T10:05:00Z' },
  ]);
  await derivedDataSettled(ds);
}, 120_000);
afterAll(async () => t?.close());

describe('GET /api/v1/incidents?escalationReason=', () => {
  it.each([
    ['manual', ['inc-a']], // 09:06 manual (al-a2) before 09:10 timeout (al-a1)
    ['reassigned', ['inc-b']], // level 2 before level 3 at the same instant
    ['timeout', ['inc-late', 'inc-d']], // inc-d: tie at 09:30 → rule Alpha; inc-late: its February alert counts (declared in March)
    ['initial', []], // inc-d's initial page loses the tie; inc-c has no level ≥ 2 page
    ['timeout&kind=all', ['inc-late', 'inc-d']],
    ['manual&kind=all', ['gd-1', 'inc-a']], // the game day's own alert, listed when its kind is
    ['timeout&from=2026-02-01&to=2026-03-01', ['inc-early']], // declared 28 Feb
  ])('%s → %j', async (query, expected) => {
    expect(await ids(`escalationReason=${query}`)).toEqual(expected);
  });

  it('differs from the noise report of the same range only by the incidents declared on the other side of it', async () => {
    const noise = noiseResponseSchema.parse((await get(`/api/v1/analytics/noise?${MARCH}`).expect(200)).body);
    // Noise (alerts fired in March): timeout = inc-d + inc-early (al-early fired 1 Mar); the list: inc-d + inc-late.
    expect(noise.escalation.byReason.timeout.incidents).toBe(2);
    expect(noise.escalation.byReason.manual.incidents).toBe(1); // inc-a (the game day is not an incident)
    expect(noise.escalation.byReason.reassigned.incidents).toBe(1);
    expect(noise.escalation.byReason.initial.incidents).toBe(0);
  });
});

describe('GET /api/v1/incidents?responder=', () => {
  it.each([
    ['r-bob', ['inc-b', 'inc-early']], // inc-early's call overlaps 1 March 00:00–00:20, declared in February
    ['r-ada', ['inc-a']], // not inc-late (worked in April only), not the game day (kind incident)
    ['r-ada&kind=all', ['gd-1', 'inc-a']],
    ['r-cy', []], // paged, never worked
    ['r-nobody', []],
    ['r-bob&from=2026-04-01&to=2026-05-01', []],
    ['r-ada&from=2026-04-01&to=2026-05-01', ['inc-late']],
    ['r-bob&escalationReason=reassigned', ['inc-b']], // with AND
  ])('%s → %j', async (query, expected) => {
    expect(await ids(`responder=${query}`)).toEqual(expected);
  });

  it.each(['r-ada', 'r-bob'])('lists as many incidents for %s as the responder page counts', async (responder) => {
    const page = responderDetailSchema.parse((await get(`/api/v1/responders/${responder}?${MARCH}`).expect(200)).body);
    expect(page.workload.incidents).toBeGreaterThan(0);
    expect((await ids(`responder=${responder}`)).length).toBe(page.workload.incidents);
  });

  it.each([
    ['escalationReason=paged', 'escalationReason', 'must be one of: timeout, manual, reassigned, initial'],
    ['escalationReason=', 'escalationReason', 'must be one of: timeout, manual, reassigned, initial'],
    ['escalationReason=timeout&escalationReason=manual', 'escalationReason', 'must be given once'],
    ['responder=r%20ada', 'responder', 'must not contain whitespace or control characters'],
    ['responder=', 'responder', 'must not be empty'],
    [`responder=${'x'.repeat(201)}`, 'responder', 'must be at most 200 characters'],
  ])('%s → 400 naming %s', async (query, path, message) => {
    const res = await get(`/api/v1/incidents?${MARCH}&${query}`).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, details: expect.arrayContaining([{ path, message }]) });
    expect(res.body.message).toContain(path);
  });
});
