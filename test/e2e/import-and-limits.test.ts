import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, createToken, type TestApp } from '../support/app.js';
import { PROJECT_ROOT } from '../support/server.js';

const csv = (name: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures/csv', name));

describe('POST /api/v1/import/{kind} (CSV upload)', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    token = await createToken(t, ['ingest']);
  });
  afterAll(async () => t?.close());

  const upload = (kind: string, body: Buffer | string, type = 'text/csv') =>
    request(t.app.getHttpServer()).post(`/api/v1/import/${kind}`).set('Authorization', `Bearer ${token}`).set('Content-Type', type).send(body);

  it('imports quoted fields with commas and newlines, BOM and lists', async () => {
    for (const kind of ['teams', 'services', 'responders']) await upload(kind, csv(`${kind}.csv`)).expect(200);
    expect((await upload('incidents', csv('incidents.csv')).expect(200)).body).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const ds = t.app.get(DataSource);
    const titles: Array<{ title: string }> = await ds.query(`SELECT title FROM incidents ORDER BY external_id`);
    // The fixture's titles: one with a quoted comma, one spanning two lines with escaped quotes.
    expect(titles.some((r) => r.title.includes(','))).toBe(true);
    expect(titles.some((r) => r.title.includes('\n'))).toBe(true);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM incident_services`);
    expect(n).toBeGreaterThan(0);
  });

  it('reports a bad row by line number and writes nothing', async () => {
    const ds = t.app.get(DataSource);
    const before = (await ds.query(`SELECT count(*)::int AS n FROM incidents`))[0].n;
    const res = await upload('incidents', csv('incidents-bad-row.csv')).expect(400);
    expect(res.body.details).toEqual([{ line: 5, path: 'declaredAt', message: expect.stringContaining('ISO 8601') }]);
    expect((await ds.query(`SELECT count(*)::int AS n FROM incidents`))[0].n).toBe(before);
  });

  it('names unknown references by line (422)', async () => {
    const res = await upload('activity', 'externalId,responder,incident,at,kind\nx-1,nobody,inc-nope,2026-03-01T10:00:00Z,message\n').expect(422);
    expect(res.body.details).toEqual([
      { line: 2, path: 'responder', message: 'unknown responder "nobody" (source "api")' },
      { line: 2, path: 'incident', message: 'unknown incident "inc-nope" (source "api")' },
    ]);
  });

  it('wants text/csv', async () => {
    await upload('teams', 'externalId,name\nx,X\n', 'text/plain').expect(415);
  });
});

describe('per-token rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'), { FIREWATCH_RATE_LIMIT: '3' });
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After once a token exceeds its requests per minute, and counts tokens separately', async () => {
    const a = await createToken(t, ['ingest'], 'a');
    const b = await createToken(t, ['ingest'], 'b');
    const send = (token: string) =>
      request(t.app.getHttpServer()).post('/api/v1/ingest/teams').set('Authorization', `Bearer ${token}`).send({ items: [] });
    for (let i = 0; i < 3; i++) await send(a).expect(200);
    const limited = await send(a).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    await send(b).expect(200);
  });
});
