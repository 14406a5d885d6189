import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, createToken, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp(inject('pgAdminUrl'));
});
afterAll(async () => t?.close());

const http = () => request(t.app.getHttpServer());

describe('health', () => {
  it('GET /api/health answers liveness and the auth mode', async () => {
    const res = await http().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', auth: 'on', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('GET /api/health/ready checks the database and the migrations', async () => {
    const res = await http().get('/api/health/ready').expect(200);
    expect(res.body).toEqual({ status: 'ready', database: 'up', pendingMigrations: [] });
  });
});

describe('errors', () => {
  it('an unknown API route is a JSON 404 with the request id', async () => {
    const res = await http().get('/api/v1/nothing-here').set('X-Request-Id', 'req-42').expect(404);
    expect(res.headers['x-request-id']).toBe('req-42');
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/v1/nothing-here', requestId: 'req-42' });
  });

  it('invalid JSON is a 400, not a 500', async () => {
    const res = await http().post('/api/v1/teams').set('Content-Type', 'application/json').send('{"items": [').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.requestId).toEqual(res.headers['x-request-id']);
  });

  it('a malformed X-Request-Id is replaced by a generated one', async () => {
    const res = await http().get('/api/health').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const res = await http().get('/api/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('catalog', () => {
  it('lists teams and services in name order', async () => {
    const ds = t.app.get((await import('typeorm')).DataSource);
    await ds.query(`INSERT INTO teams (source, external_id, name) VALUES ('api', 'payments', 'Payments'), ('api', 'core', 'Core')`);
    await ds.query(
      `INSERT INTO services (source, external_id, name, team_id, tier)
       SELECT 'api', 'svc-api', 'API', id, 1 FROM teams WHERE external_id = 'core'`,
    );
    const auth = `Bearer ${await createToken(t, ['read'])}`;
    expect((await http().get('/api/v1/teams').set('Authorization', auth).expect(200)).body).toEqual({
      items: [
        { externalId: 'core', name: 'Core' },
        { externalId: 'payments', name: 'Payments' },
      ],
    });
    expect((await http().get('/api/v1/services').set('Authorization', auth).expect(200)).body).toEqual({
      items: [{ externalId: 'svc-api', name: 'API', team: 'core', tier: 1 }],
    });
  });
});

describe('dashboard (built by npm run build)', () => {
  it('serves the SPA at / and falls back to index.html for client routes', async () => {
    const root = await http().get('/').expect(200);
    expect(root.headers['content-type']).toContain('text/html');
    expect(root.text).toContain('<div id="root">');
    const deep = await http().get('/workload?preset=last90').expect(200);
    expect(deep.text).toBe(root.text);
  });

  it('does not answer API paths with the SPA', async () => {
    await http().get('/api/v1/unknown').expect(404).expect('Content-Type', /json/);
  });
});
