import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '@firewatch/api/app.js';
import { loadConfig } from '@firewatch/api/config/config.js';
import { generateToken, hashToken } from '@firewatch/api/auth/tokens.js';
import { createToken, createTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { runToExit } from '../support/server.js';
import { registeredRoutes, type Route } from '../support/routes.js';

/**
 * Every route the Nest application registers is found from the Express router and checked against
 * the access rules, so a route added without `@Access` (or with the wrong one) fails here.
 */

/** Routes open to anyone: health probes, and webhooks that authenticate by their vendor's signature. */
const PUBLIC_ROUTES = [
  'GET /api/health',
  'GET /api/health/ready',
  'GET /api/docs',
  'POST /api/v1/webhooks/pagerduty',
  'POST /api/v1/webhooks/incident-io',
  'POST /api/v1/webhooks/slack',
];

/** The catch-all nestjs-pino's LoggerModule registers for its middleware (every method); it is no endpoint. */
const MIDDLEWARE_CATCH_ALL = '{/*splat}';

/** A concrete URL for a route pattern: parameters get a real value (`:kind` → `teams`). */
const concrete = (path: string): string => path.replace(/:kind\b/g, 'teams').replace(/:[A-Za-z]+/g, 'x');

let t: TestApp;
let readToken: string;
let ingestToken: string;
let bothToken: string;
let routes: Route[];

beforeAll(async () => {
  t = await createTestApp(inject('pgAdminUrl'));
  readToken = await createToken(t, ['read']);
  ingestToken = await createToken(t, ['ingest']);
  bothToken = await createToken(t, ['ingest', 'read']);
  const all = registeredRoutes(t.app);
  // Every endpoint lives under /api; anything else registered must be the middleware catch-all, so a
  // controller mounted elsewhere would show up here rather than slip past the checks below.
  expect(all.filter((r) => !r.path.startsWith('/api/')).map((r) => r.path)).toEqual(
    all.filter((r) => !r.path.startsWith('/api/')).map(() => MIDDLEWARE_CATCH_ALL),
  );
  routes = all.filter((r) => r.path.startsWith('/api/'));
});
afterAll(async () => t?.close());

const call = (route: Route, token?: string, app: NestExpressApplication = t.app) => {
  const http = request(app.getHttpServer());
  const req = route.method === 'GET' ? http.get(concrete(route.path)) : http[route.method.toLowerCase() as 'post'](concrete(route.path));
  if (token) req.set('Authorization', `Bearer ${token}`);
  return route.method === 'GET' ? req : req.set('Content-Type', 'application/json').send('{"items":[]}');
};

describe('every registered route enforces its scope (auth on)', () => {
  it('finds the routes of every controller, the public ones included', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    // A floor, not the list: new routes are welcome, and each is checked below.
    expect(names).toEqual(expect.arrayContaining([...PUBLIC_ROUTES, 'GET /api/v1/incidents', 'GET /api/v1/analytics/workload', 'POST /api/v1/ingest/:kind', 'POST /api/v1/import/:kind', 'POST /api/v1/webhooks/alertmanager']));
    for (const name of PUBLIC_ROUTES) expect(names).toContain(name);
  });

  it('public routes answer without a token', async () => {
    for (const route of routes.filter((r) => PUBLIC_ROUTES.includes(`${r.method} ${r.path}`))) {
      const res = await call(route);
      expect([401, 403], `${route.method} ${route.path}`).not.toContain(res.status);
    }
  });

  it('every other route: no token → 401, a garbage or unknown token → 401, the wrong scope → 403, the right scope → allowed', async () => {
    const checked: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC_ROUTES.includes(`${r.method} ${r.path}`))) {
      const name = `${route.method} ${route.path}`;
      // Reads need the read scope; anything that writes needs the ingest scope.
      const [right, wrong] = route.method === 'GET' ? [readToken, ingestToken] : [ingestToken, readToken];

      const none = await call(route);
      expect(none.status, `${name} without a token`).toBe(401);
      expect(none.headers['www-authenticate'], name).toBe('Bearer realm="firewatch"');
      expect((await call(route, 'not-a-token')).status, `${name} with garbage`).toBe(401);
      expect((await call(route, generateToken())).status, `${name} with an unknown token`).toBe(401);
      expect((await call(route, wrong)).status, `${name} with the wrong scope`).toBe(403);
      for (const token of [right, bothToken]) {
        const allowed = await call(route, token);
        expect([401, 403], `${name} with the right scope: ${JSON.stringify(allowed.body)}`).not.toContain(allowed.status);
        expect(allowed.status, name).toBeLessThan(500);
      }
      checked.push(name);
    }
    expect(checked.length).toBeGreaterThanOrEqual(6);
  });

  it('a revoked token is refused on every protected route', async () => {
    const revoked = await createToken(t, ['ingest', 'read'], 'revoked');
    await t.app.get(DataSource).query(`UPDATE api_tokens SET revoked_at = now() WHERE token_hash = $1`, [hashToken(revoked)]);
    for (const route of routes.filter((r) => !PUBLIC_ROUTES.includes(`${r.method} ${r.path}`))) {
      expect((await call(route, revoked)).status, `${route.method} ${route.path}`).toBe(401);
    }
  });
});

describe('every registered route with auth off (as on loopback with the embedded database)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  beforeAll(async () => {
    db = await createTestDatabase(inject('pgAdminUrl'));
    // The guard's behaviour in off mode; the configuration only allows it on loopback + embedded,
    // which the process tests cover, so the mode is set directly here.
    const config = { ...loadConfig({ FIREWATCH_DEMO: 'off', DATABASE_URL: db.url }), auth: 'off' as const };
    app = await createApp({ config, databaseUrl: db.url, logger: pino({ level: 'silent' }) });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('reads are open without a token; ingest and import still need an ingest token; only Alertmanager (it cannot sign) is open', async () => {
    /** Routes that write yet are open when auth is off: senders that cannot authenticate otherwise. */
    const OPEN_WRITES_WHEN_OFF = ['POST /api/v1/webhooks/alertmanager'];
    for (const route of registeredRoutes(app).filter((r) => r.path.startsWith('/api/') && !PUBLIC_ROUTES.includes(`${r.method} ${r.path}`))) {
      const name = `${route.method} ${route.path}`;
      const res = await call(route, undefined, app);
      if (route.method === 'GET' || OPEN_WRITES_WHEN_OFF.includes(name)) expect([401, 403], name).not.toContain(res.status);
      else expect(res.status, name).toBe(401);
    }
  });
});

describe('tokens', () => {
  it('are stored only as their SHA-256; the secret itself is in no column', async () => {
    const rows: Array<Record<string, unknown>> = await t.app.get(DataSource).query(`SELECT * FROM api_tokens`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const stored = JSON.stringify(rows);
    for (const secret of [readToken, ingestToken, bothToken]) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(secret.slice(10)); // not even the secret part after the prefix
      expect(stored).toContain(hashToken(secret));
    }
  });

  it('a token one character off the real one is refused (the lookup is by hash, never by prefix)', async () => {
    const last = readToken.at(-1) === 'A' ? 'B' : 'A';
    const near = readToken.slice(0, -1) + last;
    await request(t.app.getHttpServer()).get('/api/v1/teams').set('Authorization', `Bearer ${near}`).expect(401);
  });
});

describe('tokens never appear in the logs', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let logged = '';

  beforeAll(async () => {
    db = await createTestDatabase(inject('pgAdminUrl'));
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged += chunk.toString();
        done();
      },
    });
    const config = loadConfig({ FIREWATCH_DEMO: 'off', DATABASE_URL: db.url });
    app = await createApp({ config, databaseUrl: db.url, logger: pino({ level: 'trace' }, sink) });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('logs each request (id, method, url, status) but not its Authorization header, on success and on refusal', async () => {
    const ds = app.get(DataSource);
    const secret = generateToken();
    await ds.query(`INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ('logged', $1, $2, '{read}')`, [secret.slice(0, 9), hashToken(secret)]);
    const unknown = generateToken();
    const http = () => request(app.getHttpServer());
    await http().get('/api/v1/teams').set('Authorization', `Bearer ${secret}`).expect(200);
    await http().post('/api/v1/ingest/teams').set('Authorization', `Bearer ${secret}`).send({ items: [] }).expect(403);
    await http().get('/api/v1/teams').set('Authorization', `Bearer ${unknown}`).expect(401);
    await http().get('/api/v1/teams').set('Authorization', `Basic ${Buffer.from(`u:${secret}`).toString('base64')}`).expect(401);
    await new Promise((r) => setTimeout(r, 50)); // let the logger flush

    expect(logged).toContain('"url":"/api/v1/teams"');
    expect(logged.match(/"statusCode":(200|401|403)/g)?.length).toBeGreaterThanOrEqual(4);
    for (const s of [secret, unknown, secret.slice(10), unknown.slice(10), Buffer.from(`u:${secret}`).toString('base64')]) {
      expect(logged).not.toContain(s);
    }
    expect(logged.toLowerCase()).not.toContain('authorization');
  });
});

describe('HTTP hardening', () => {
  it.each([
    ['GET', '/api/health', 200],
    ['GET', '/api/v1/incidents', 401],
    ['GET', '/api/v1/nothing', 404],
    ['GET', '/', 200],
  ])('%s %s (%i) carries the security headers', async (_method, path, status) => {
    const res = await request(t.app.getHttpServer()).get(path).expect(status);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('CORS is closed: a foreign Origin gets no Access-Control-Allow-* headers, on a request or a preflight', async () => {
    const origin = 'https://evil.example';
    const simple = await request(t.app.getHttpServer()).get('/api/v1/teams').set('Origin', origin).set('Authorization', `Bearer ${readToken}`).expect(200);
    const preflight = await request(t.app.getHttpServer())
      .options('/api/v1/ingest/teams')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    for (const res of [simple, preflight]) {
      const cors = Object.keys(res.headers).filter((h) => h.startsWith('access-control-'));
      expect(cors).toEqual([]);
    }
    // The preflight is not approved, so a browser never sends the cross-origin write.
    expect(preflight.status).not.toBe(204);
  });
});

describe('auth can only be off on loopback with the embedded database', () => {
  it.each([
    [{ DATABASE_URL: 'postgres://u:p@127.0.0.1:1/firewatch', FIREWATCH_AUTH: 'off' }, '(DATABASE_URL is set)'],
    [{ HOST: '0.0.0.0', FIREWATCH_AUTH: 'off' }, '(HOST is "0.0.0.0")'],
  ])('the built API refuses %o with one line and exit 2, before starting anything', async (env, why) => {
    const result = await runToExit(env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`firewatch: Invalid configuration: FIREWATCH_AUTH=off is only allowed on a loopback HOST with the embedded database ${why}\n`);
  });
});
