import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, createToken, type TestApp } from '../support/app.js';

let t: TestApp;
let ds: DataSource;
let ingestToken: string;
let readToken: string;

beforeAll(async () => {
  t = await createTestApp(inject('pgAdminUrl'));
  ds = t.app.get(DataSource);
  ingestToken = await createToken(t, ['ingest']);
  readToken = await createToken(t, ['read']);
});
afterAll(async () => t?.close());

const post = (kind: string, body: unknown, token = ingestToken) =>
  request(t.app.getHttpServer()).post(`/api/v1/ingest/${kind}`).set('Authorization', `Bearer ${token}`).send(body as object);
const count = async (table: string): Promise<number> => (await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

describe('POST /api/v1/ingest/{kind}', () => {
  it('creates, then reports a re-sent batch as unchanged and an edit as updated', async () => {
    const teams = { items: [{ externalId: 'core', name: 'Core' }, { externalId: 'payments', name: 'Payments' }] };
    expect((await post('teams', teams).expect(200)).body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await post('teams', teams).expect(200)).body).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const renamed = { items: [{ externalId: 'core', name: 'Core Platform' }, { externalId: 'payments', name: 'Payments' }] };
    expect((await post('teams', renamed).expect(200)).body).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect(await ds.query(`SELECT source, external_id, name FROM teams ORDER BY external_id`)).toEqual([
      { source: 'api', external_id: 'core', name: 'Core Platform' },
      { source: 'api', external_id: 'payments', name: 'Payments' },
    ]);
  });

  it('writes nothing when one item in the middle is bad, and names its index and field', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ externalId: `svc-${i}`, name: `Service ${i}`, team: 'core' }));
    items[2] = { ...items[2]!, tier: 9 } as (typeof items)[number];
    const res = await post('services', { items }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [{ index: 2, path: 'tier', message: 'must be 1..5' }] });
    expect(await count('services')).toBe(0);
  });

  it('lists every problem of every item, not only the first', async () => {
    const res = await post('incidents', {
      items: [
        { externalId: 'i-1', title: '', severity: 0, declaredAt: 'yesterday' },
        { externalId: 'i-2', title: 'ok', severity: 2, declaredAt: '2026-03-01T10:00:00Z', resolvedAt: '2026-03-01T09:00:00Z' },
        { externalId: 'i-3', title: 'ok', severity: 2, declaredAt: '2026-03-01T10:00:00Z', colour: 'red' },
      ],
    }).expect(400);
    expect(res.body.details).toEqual([
      { index: 0, path: 'title', message: 'must not be empty' },
      { index: 0, path: 'severity', message: 'must be 1..5' },
      { index: 0, path: 'declaredAt', message: expect.stringContaining('ISO 8601') },
      { index: 1, path: 'resolvedAt', message: 'must be at or after startedAt' },
      { index: 2, path: 'colour', message: 'is not a known field' },
    ]);
    expect(await count('incidents')).toBe(0);
  });

  it('answers 422 naming every unknown reference, and writes nothing', async () => {
    const res = await post('incidents', {
      items: [
        { externalId: 'i-1', title: 'DB down', severity: 1, declaredAt: '2026-03-01T10:00:00Z', services: ['svc-nope'], roles: [{ responder: 'r-ghost', role: 'lead' }] },
        { externalId: 'i-2', title: 'Slow', severity: 3, declaredAt: '2026-03-01T11:00:00Z', team: 'core' },
      ],
    }).expect(422);
    expect(res.body.details).toEqual([
      { index: 0, path: 'services.0', message: 'unknown service "svc-nope" (source "api")' },
      { index: 0, path: 'roles.0.responder', message: 'unknown responder "r-ghost" (source "api")' },
    ]);
    expect(await count('incidents')).toBe(0);
  });

  it('resolves references to records in the same batch and in the database', async () => {
    await post('services', { items: [{ externalId: 'svc-db', name: 'Postgres', team: 'core', tier: 1 }] }).expect(200);
    await post('responders', {
      items: [
        { externalId: 'r-1', name: 'Ada', team: 'core', timezone: 'Europe/Berlin' },
        { externalId: 'r-2', name: 'Grace', timezone: 'America/New_York', workingHours: { days: [1, 2, 3, 4], start: '09:00', end: '17:00' } },
      ],
    }).expect(200);
    const incident = {
      externalId: 'inc-1',
      title: 'Primary database failover',
      severity: 1,
      team: 'core',
      services: ['svc-db'],
      causes: ['capacity', 'deploy'],
      declaredAt: '2026-03-01T10:00:00Z',
      roles: [{ responder: 'r-1', role: 'lead' }],
    };
    expect((await post('incidents', { items: [incident] }).expect(200)).body).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const [row] = await ds.query(
      `SELECT i.kind, i.severity, i.started_at = i.declared_at AS started_defaults_to_declared,
              array(SELECT s.external_id FROM incident_services x JOIN services s ON s.id = x.service_id WHERE x.incident_id = i.id) AS services,
              array(SELECT cause FROM incident_causes WHERE incident_id = i.id ORDER BY cause) AS causes,
              array(SELECT r.external_id || ':' || x.role FROM incident_roles x JOIN responders r ON r.id = x.responder_id WHERE x.incident_id = i.id) AS roles
         FROM incidents i WHERE external_id = 'inc-1'`,
    );
    expect(row).toEqual({ kind: 'incident', severity: 1, started_defaults_to_declared: true, services: ['svc-db'], causes: ['capacity', 'deploy'], roles: ['r-1:lead'] });

    // Same record re-sent: unchanged. A changed list alone makes it "updated", and replaces the list.
    expect((await post('incidents', { items: [incident] }).expect(200)).body).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await post('incidents', { items: [{ ...incident, causes: ['capacity'] }] }).expect(200)).body).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await ds.query(`SELECT cause FROM incident_causes`)).toEqual([{ cause: 'capacity' }]);
  });

  it('keeps records of different sources apart', async () => {
    await post('teams', { items: [{ externalId: 'core', name: 'PagerDuty core', source: 'pagerduty' }] }).expect(200);
    expect(await ds.query(`SELECT source, name FROM teams WHERE external_id = 'core' ORDER BY source`)).toEqual([
      { source: 'api', name: 'Core Platform' },
      { source: 'pagerduty', name: 'PagerDuty core' },
    ]);
  });

  it('rejects an item that repeats an identity of the same batch', async () => {
    const res = await post('teams', { items: [{ externalId: 'x', name: 'A' }, { externalId: 'x', name: 'B' }] }).expect(400);
    expect(res.body.details).toEqual([{ index: 1, path: 'externalId', message: 'repeats item 0 (same source and externalId)' }]);
  });

  it('refuses more than 10,000 items with 413 and the limit in the message', async () => {
    const items = Array.from({ length: 10_001 }, (_, i) => ({ externalId: `t-${i}`, name: 'x' }));
    const res = await post('teams', { items }).expect(413);
    expect(res.body.message).toContain('At most 10000 items');
    expect(await count('teams')).toBe(3);
  });

  it.each([
    ['a JSON array', [1, 2]],
    ['no items', { things: [] }],
    ['items not an array', { items: 'many' }],
  ])('answers 400 for %s', async (_label, body) => {
    const res = await post('teams', body).expect(400);
    expect(res.body.details.length).toBeGreaterThan(0);
  });

  it('answers 404 naming the kinds for an unknown kind', async () => {
    const res = await post('widgets', { items: [] }).expect(404);
    expect(res.body.message).toContain('teams, services, responders');
  });
});

describe('activity at volume', () => {
  it('the same 10,000-item activity batch sent twice concurrently ends with exactly 10,000 rows', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      externalId: `act-${i}`,
      responder: i % 2 === 0 ? 'r-1' : 'r-2',
      incident: 'inc-1',
      at: new Date(Date.UTC(2026, 2, 1, 10, 0, 0) + i * 1000).toISOString(),
      kind: i % 100 === 0 ? 'call' : 'message',
      ...(i % 100 === 0 ? { endAt: new Date(Date.UTC(2026, 2, 1, 10, 30, 0) + i * 1000).toISOString() } : {}),
    }));
    const [a, b] = await Promise.all([post('activity', { items }), post('activity', { items })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // Each item is created by exactly one of the two requests and unchanged in the other.
    expect(a.body.created + b.body.created).toBe(10_000);
    expect(a.body.unchanged + b.body.unchanged).toBe(10_000);
    expect(a.body.updated + b.body.updated).toBe(0);
    expect(await count('activity')).toBe(10_000);
    expect((await ds.query(`SELECT count(*)::int AS n FROM activity WHERE kind = 'call' AND end_at IS NOT NULL`))[0].n).toBe(100);
  });
});

describe('tokens', () => {
  it('ingest needs a token even when read auth is off', async () => {
    const res = await request(t.app.getHttpServer()).post('/api/v1/ingest/teams').send({ items: [] }).expect(401);
    expect(res.headers['www-authenticate']).toContain('Bearer');
  });

  it('a read-only token cannot ingest (403); a garbage token is 401', async () => {
    await post('teams', { items: [] }, readToken).expect(403);
    await post('teams', { items: [] }, 'fw_' + 'x'.repeat(43)).expect(401);
    await request(t.app.getHttpServer()).post('/api/v1/ingest/teams').set('Authorization', 'Basic abc').send({ items: [] }).expect(401);
  });

  it('read endpoints need a read token when auth is on (this app runs with an external database)', async () => {
    await request(t.app.getHttpServer()).get('/api/v1/teams').expect(401);
    await request(t.app.getHttpServer()).get('/api/v1/teams').set('Authorization', `Bearer ${ingestToken}`).expect(403);
    await request(t.app.getHttpServer()).get('/api/v1/teams').set('Authorization', `Bearer ${readToken}`).expect(200);
  });

  it('a revoked token is refused', async () => {
    const token = await createToken(t, ['ingest'], 'to-revoke');
    await post('teams', { items: [] }, token).expect(200);
    await ds.query(`UPDATE api_tokens SET revoked_at = now() WHERE name = 'to-revoke'`);
    await post('teams', { items: [] }, token).expect(401);
  });
});
