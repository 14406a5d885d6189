import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { beforeAfterQuerySchema, noiseQuerySchema, readinessQuerySchema, seasonalityQuerySchema, servicesQuerySchema } from '@firewatch/shared';
import { WorkloadRebuildService } from '@firewatch/api/analytics/workload/workload-rebuild.service.js';
import { derivedDataSettled } from '../support/derived-data.js';
import { createTestApp, createToken, type TestApp } from '../support/app.js';

/**
 * Hostile input beyond the ingest fuzzing of ingest-hostile.test.ts: SQL injection in every query
 * filter and stored verbatim from every ingest text field, path traversal in ids and URLs, oversized
 * headers and webhook bodies, slow bodies, prototype-pollution keys in bodies, queries and CSV
 * headers, and spreadsheet formulas in CSV exports. Every refusal is a 4xx and leaves the stored
 * data as it was.
 */

const SQL_INJECTIONS = [
  "' OR '1'='1",
  "x'OR'1'='1", // no whitespace: a valid external id, so it must simply match nothing
  "1; DROP TABLE incidents; --",
  "');DELETE/**/FROM/**/teams;--",
  '1/**/UNION/**/SELECT/**/token_hash/**/FROM/**/api_tokens--',
  "%'--",
  '$1',
  '\\',
  '"; SELECT pg_sleep(10); --',
];

let t: TestApp;
let ds: DataSource;
let ingestToken: string;
let readToken: string;
let tried = 0;

const http = () => request(t.app.getHttpServer());
const ingest = (kind: string, items: unknown[]) => http().post(`/api/v1/ingest/${kind}`).set('Authorization', `Bearer ${ingestToken}`).send({ items });
const get = (path: string) => http().get(path).set('Authorization', `Bearer ${readToken}`);

/**
 * Row count of every table but the token table (token use is recorded there) and the migration history,
 * once the workers have processed what earlier ingests queued.
 */
async function snapshot(): Promise<Record<string, number>> {
  await derivedDataSettled(ds);
  const tables: Array<{ name: string }> = await ds.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'api_tokens') ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = (await ds.query(`SELECT count(*)::int AS n FROM "${name}"`))[0].n;
  return counts;
}
let stored: Record<string, number>;

beforeAll(async () => {
  t = await createTestApp(inject('pgAdminUrl'), { FIREWATCH_RATE_LIMIT: '100000' });
  ds = t.app.get(DataSource);
  ingestToken = await createToken(t, ['ingest']);
  readToken = await createToken(t, ['read']);
  await ingest('teams', [{ externalId: 'core', name: 'Core' }]).expect(200);
  await ingest('services', [{ externalId: 'api', name: 'API', team: 'core' }]).expect(200);
  await ingest('responders', [
    { externalId: 'r-eq', name: '=HYPERLINK("http://evil.example","click")', team: 'core' },
    { externalId: 'r-plus', name: '+1+2', team: 'core' },
    { externalId: 'r-minus', name: '-2+3', team: 'core' },
    { externalId: 'r-at', name: '@SUM(A1:A9)', team: 'core' },
    { externalId: 'r-plain', name: 'Plain Name', team: 'core' },
  ]).expect(200);
  await ingest('incidents', [
    { externalId: 'i-eq', title: '=1+2', severity: 1, declaredAt: '2026-01-10T10:00:00Z', team: 'core', services: ['api'] },
    { externalId: 'i-plus', title: '+cmd|"/c calc"!A0', severity: 2, declaredAt: '2026-01-11T10:00:00Z', team: 'core' },
    { externalId: 'i-minus', title: '-10+20', severity: 3, declaredAt: '2026-01-12T10:00:00Z', team: 'core' },
    { externalId: 'i-at', title: '@cmd', severity: 4, declaredAt: '2026-01-13T10:00:00Z', team: 'core' },
  ]).expect(200);
  const responders = ['r-eq', 'r-plus', 'r-minus', 'r-at', 'r-plain'];
  await ingest(
    'activity',
    responders.map((responder, i) => ({ externalId: `a-${i}`, responder, incident: 'i-eq', at: `2026-01-10T10:0${i}:00Z`, kind: 'message' })),
  ).expect(200);
  await t.app.get(WorkloadRebuildService).rebuildAll();
  stored = await snapshot();
});
afterAll(async () => {
  console.info(`hostile inputs tried: ${tried}`);
  await t?.close();
});

/** After each refusal: nothing stored, nothing removed. */
const expectNothingChanged = async () => expect(await snapshot()).toEqual(stored);

const RANGE = 'from=2026-01-01&to=2026-02-01';

describe('SQL injection in every query filter', () => {
  const filters: Array<[string, string]> = [
    ['/api/v1/analytics/workload', 'from'],
    ['/api/v1/analytics/workload', 'to'],
    ['/api/v1/analytics/workload', 'team'],
    ['/api/v1/analytics/workload', 'service'],
    ['/api/v1/analytics/workload', 'severity'],
    ['/api/v1/incidents', 'from'],
    ['/api/v1/incidents', 'to'],
    ['/api/v1/incidents', 'team'],
    ['/api/v1/incidents', 'service'],
    ['/api/v1/incidents', 'severity'],
    ['/api/v1/incidents', 'kind'],
    ['/api/v1/incidents', 'q'],
    ['/api/v1/incidents', 'sort'],
    ['/api/v1/incidents', 'order'],
    ['/api/v1/incidents', 'page'],
    ['/api/v1/incidents', 'pageSize'],
  ];

  it.each(filters)('%s?%s=<injection>: 400, or 200 matching nothing; the data intact', async (path, param) => {
    for (const payload of SQL_INJECTIONS) {
      tried++;
      const range = param === 'from' || param === 'to' ? '' : `${RANGE}&`;
      const res = await get(`${path}?${range}${param}=${encodeURIComponent(payload)}`);
      expect([200, 400], `${param}=${payload}: ${JSON.stringify(res.body)}`).toContain(res.status);
      if (res.status === 400) {
        // The problem names the parameter (`service.0` for the first of a repeatable one).
        expect(res.body.details.map((d: { path: string }) => d.path.split('.')[0])).toContain(param);
      } else {
        // Only free-text identifiers and the title search accept such text, and then match nothing:
        // no injected condition widened the result.
        expect(['team', 'service', 'q'], `${param}=${payload} accepted`).toContain(param);
        if (path === '/api/v1/incidents') expect(res.body.total, `${param}=${payload}`).toBe(0);
        else expect(res.body.responders, `${param}=${payload}`).toEqual([]);
      }
    }
    await expectNothingChanged();
  });

  it('the same filters with a real value do match (the check above can fail)', async () => {
    expect((await get(`/api/v1/incidents?${RANGE}&team=core&kind=all`).expect(200)).body.total).toBe(4);
    expect((await get(`/api/v1/analytics/workload?${RANGE}&team=core`).expect(200)).body.responders).toHaveLength(5);
  });
});

describe('SQL injection in the filters of every other analytics endpoint', () => {
  // Every parameter each endpoint's shared query schema knows.
  const endpoints: Array<[string, { shape: object }]> = [
    ['/api/v1/analytics/seasonality', seasonalityQuerySchema],
    ['/api/v1/analytics/services', servicesQuerySchema],
    ['/api/v1/analytics/causes', servicesQuerySchema],
    ['/api/v1/analytics/noise', noiseQuerySchema],
    ['/api/v1/analytics/readiness', readinessQuerySchema],
    ['/api/v1/analytics/services/before-after', beforeAfterQuerySchema],
  ];
  const filters = endpoints.flatMap(([path, schema]) => Object.keys(schema.shape).map((param): [string, string] => [path, param]));
  const UNKNOWN_ID = 'no-such-record';

  it.each(filters)('%s?%s=<injection>: 4xx naming it, or exactly the answer for an unknown id; the data intact', async (path, param) => {
    const range = param === 'from' || param === 'to' || path.endsWith('before-after') ? '' : `${RANGE}&`;
    const annotation = path.endsWith('before-after') && param !== 'annotation' ? `annotation=${UNKNOWN_ID}&` : '';
    const unknown = await get(`${path}?${range}${annotation}${param}=${UNKNOWN_ID}`);
    for (const payload of SQL_INJECTIONS) {
      tried++;
      const res = await get(`${path}?${range}${annotation}${param}=${encodeURIComponent(payload)}`);
      expect(res.status, `${param}=${payload}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
      if (res.status === 400) expect(res.body.details.map((d: { path: string }) => d.path.split('.')[0])).toContain(param);
      // Accepted text is an identifier that matches nothing: the same answer as any unknown id (a
      // 404's message names the id it did not find, so only its status and error are compared).
      else if (res.status === 404) expect([res.status, res.body.error], `${param}=${payload}`).toEqual([unknown.status, unknown.body.error]);
      // `freshness` says when the answer was read: it differs from one request to the next.
      else expect({ status: res.status, body: { ...res.body, freshness: undefined } }, `${param}=${payload}`).toEqual({ status: unknown.status, body: { ...unknown.body, freshness: undefined } });
    }
    await expectNothingChanged();
  });
});

describe('SQL injection in every ingest text field is stored as plain text', () => {
  it.each(SQL_INJECTIONS.filter((s) => !/\s/.test(s)))('%s as every external id, reference and text of a bundle', async (payload) => {
    tried++;
    stored = await snapshot();
    // Whitespace-free payloads are valid ids; the same text goes into every text field.
    await ingest('teams', [{ externalId: payload, name: payload }]).expect(200);
    await ingest('services', [{ externalId: payload, name: payload, team: payload }]).expect(200);
    await ingest('responders', [{ externalId: payload, name: payload, email: undefined, team: payload }]).expect(200);
    await ingest('incidents', [{ externalId: payload, title: payload, severity: 3, declaredAt: '2026-01-20T00:00:00Z', team: payload, services: [payload], causes: [payload], roles: [{ responder: payload, role: 'lead' }] }]).expect(200);
    await ingest('alerts', [{ externalId: payload, rule: payload, firedAt: '2026-01-20T00:00:00Z', service: payload, incident: payload, severity: payload.slice(0, 40) }]).expect(200);
    const [row] = await ds.query(
      `SELECT t.name AS team, s.name AS service, r.name AS responder, i.title, c.cause, ro.role, a.rule, a.severity
         FROM teams t JOIN services s ON s.team_id = t.id JOIN responders r ON r.team_id = t.id JOIN incidents i ON i.team_id = t.id
         JOIN incident_causes c ON c.incident_id = i.id JOIN incident_roles ro ON ro.incident_id = i.id JOIN alerts a ON a.incident_id = i.id
        WHERE t.external_id = $1`,
      [payload],
    );
    // (A role is a lowercase name by schema; it refers to nothing and is not free text.)
    expect(row).toEqual({ team: payload, service: payload, responder: payload, title: payload, cause: payload, role: 'lead', rule: payload, severity: payload.slice(0, 40) });
    // Every table is still there with the rows it had, plus this bundle's.
    const after = await snapshot();
    expect(after.teams).toBe(stored.teams! + 1);
    stored = after;
  });

  it.each(SQL_INJECTIONS.filter((s) => /\s/.test(s)))('%s (with whitespace) as an external id is refused with 400, the text fields take it verbatim', async (payload) => {
    tried++;
    stored = await snapshot();
    const refused = await ingest('teams', [{ externalId: payload, name: 'x' }]).expect(400);
    expect(refused.body.details).toEqual([{ index: 0, path: 'externalId', message: 'must not contain whitespace or control characters' }]);
    await expectNothingChanged();
    await ingest('teams', [{ externalId: `ws-${SQL_INJECTIONS.indexOf(payload)}`, name: payload }]).expect(200);
    expect(await ds.query(`SELECT name FROM teams WHERE external_id = $1`, [`ws-${SQL_INJECTIONS.indexOf(payload)}`])).toEqual([{ name: payload.trim() }]);
    stored = await snapshot();
  });
});

describe('path traversal', () => {
  it.each(['../../etc/passwd', '..\\..\\windows\\system32', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/etc/passwd', 'a/../../b'])(
    'an external id %s is data: stored and listed verbatim, never a path',
    async (id) => {
      tried++;
      await ingest('teams', [{ externalId: id, name: 'Traversal' }]).expect(200);
      const teams = (await get('/api/v1/teams').expect(200)).body.items as Array<{ externalId: string }>;
      expect(teams.map((x) => x.externalId)).toContain(id);
      stored = await snapshot();
    },
  );

  it.each([
    ['POST', '/api/v1/ingest/..%2F..%2Fteams'],
    ['POST', '/api/v1/ingest/..%2f..%2f..%2fetc%2fpasswd'],
    ['POST', '/api/v1/import/..%2F..%2Fpackage.json'],
    ['POST', '/api/v1/ingest/%2e%2e'],
  ])('%s %s → 404, nothing written', async (_method, path) => {
    tried++;
    const res = await http().post(path).set('Authorization', `Bearer ${ingestToken}`).send({ items: [{ externalId: 'x', name: 'x' }] });
    expect(res.status).toBe(404);
    await expectNothingChanged();
  });

  it.each([
    '/..%2F..%2F..%2Fpackage.json',
    '/assets/..%2F..%2F..%2F..%2Fpackage.json',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fapps/api/dist/main.js',
    '/..%5c..%5c..%5cpackage.json',
    '/api/../../package.json',
  ])('GET %s never serves a file outside the dashboard', async (path) => {
    tried++;
    const res = await http().get(path);
    expect(res.status).toBeLessThan(500);
    const text = res.text ?? '';
    expect(text).not.toContain('"workspaces"');
    expect(text).not.toContain('root:x:0:0');
    expect(text).not.toContain('loadConfig');
  });
});

describe('oversized requests', () => {
  it('a header block over the server limit → 431, nothing written', async () => {
    tried++;
    const res = await http().post('/api/v1/ingest/teams').set('Authorization', `Bearer ${ingestToken}`).set('X-Padding', 'x'.repeat(64 * 1024)).send({ items: [{ externalId: 'big-header', name: 'x' }] });
    expect(res.status).toBe(431);
    await expectNothingChanged();
  });

  it('a webhook body over its 2 MB limit → 413 before its signature is even checked', async () => {
    tried++;
    const res = await http().post('/api/v1/webhooks/alertmanager').set('Authorization', `Bearer ${ingestToken}`).set('Content-Type', 'application/json').send(`{"version":"4","alerts":[],"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`);
    expect(res.status).toBe(413);
    await expectNothingChanged();
  });

  it('a CSV upload over the 25 MB limit → 413', async () => {
    tried++;
    const res = await http().post('/api/v1/import/teams').set('Authorization', `Bearer ${ingestToken}`).set('Content-Type', 'text/csv').send(`externalId,name\n${'a,b\n'.repeat(7 * 1024 * 1024)}`);
    expect(res.status).toBe(413);
    await expectNothingChanged();
  });
});

describe('prototype-pollution keys', () => {
  it.each([
    ['constructor.prototype in an item', '{"items":[{"externalId":"c","name":"C","constructor":{"prototype":{"polluted":"yes"}}}]}'],
    ['__proto__ in a nested list entry', '{"items":[{"externalId":"c","title":"C","severity":1,"declaredAt":"2026-01-01T00:00:00Z","roles":[{"responder":"r-plain","role":"lead","__proto__":{"polluted":"yes"}}]}]}'],
    ['prototype at the top', '{"items":[],"prototype":{"polluted":"yes"}}'],
  ])('%s → 400 naming the key; nothing stored, nothing polluted', async (_label, raw) => {
    tried++;
    const kind = raw.includes('severity') ? 'incidents' : 'teams';
    const res = await http().post(`/api/v1/ingest/${kind}`).set('Authorization', `Bearer ${ingestToken}`).set('Content-Type', 'application/json').send(raw);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.details)).toMatch(/constructor|__proto__|prototype/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    await expectNothingChanged();
  });

  it.each(['__proto__=x', '__proto__[polluted]=yes', 'constructor[prototype][polluted]=yes', 'constructor=x', 'prototype=x'])(
    'a query parameter %s → 400',
    async (qs) => {
      tried++;
      for (const path of ['/api/v1/incidents', '/api/v1/analytics/workload']) {
        const res = await get(`${path}?${RANGE}&${qs}`);
        expect(res.status, `${path}?${qs}`).toBe(400);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('a CSV header naming __proto__ or constructor → 400, nothing stored', async () => {
    tried++;
    for (const header of ['externalId,name,__proto__', 'externalId,name,constructor']) {
      const res = await http().post('/api/v1/import/teams').set('Authorization', `Bearer ${ingestToken}`).set('Content-Type', 'text/csv').send(`${header}\nproto,Proto,yes\n`);
      expect(res.status, header).toBe(400);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectNothingChanged();
  });
});

describe('spreadsheet formulas in CSV exports are neutralised', () => {
  it('incidents: titles starting with =, +, - and @ get a leading quote', async () => {
    tried++;
    const res = await get(`/api/v1/incidents?${RANGE}&team=core&sort=severity&order=asc`).set('Accept', 'text/csv').expect(200);
    const titles = res.text.split('\r\n').slice(1, -1).map((line) => line.split(',').slice(0, 3));
    expect(titles).toEqual([
      ['i-eq', 'api', "'=1+2"],
      ['i-plus', 'api', `"'+cmd|""/c calc""!A0"`],
      ['i-minus', 'api', "'-10+20"],
      ['i-at', 'api', "'@cmd"],
    ]);
  });

  it('workload: responder names starting with =, +, - and @ get a leading quote; numbers stay numbers', async () => {
    tried++;
    const res = await get(`/api/v1/analytics/workload?${RANGE}`).set('Accept', 'text/csv').expect(200);
    const names = Object.fromEntries(
      res.text
        .split('\r\n')
        .slice(1, -1)
        .map((line) => [line.split(',')[0], line]),
    );
    expect(names['r-eq']).toMatch(/^r-eq,"'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)",core,Core,\d/);
    expect(names['r-plus']).toMatch(/^r-plus,'\+1\+2,core,Core,\d/);
    expect(names['r-minus']).toMatch(/^r-minus,'-2\+3,core,Core,\d/);
    expect(names['r-at']).toMatch(/^r-at,'@SUM\(A1:A9\),core,Core,\d/);
    expect(names['r-plain']).toMatch(/^r-plain,Plain Name,core,Core,\d/);
    for (const line of Object.values(names)) expect(line.split(',').slice(-5).join(',')).not.toContain("'");
  });
});

describe('slow bodies (FIREWATCH_BODY_TIMEOUT=1)', () => {
  let slow: TestApp;
  let port: number;
  let token: string;
  beforeAll(async () => {
    slow = await createTestApp(inject('pgAdminUrl'), { FIREWATCH_BODY_TIMEOUT: '1' });
    token = await createToken(slow, ['ingest']);
    await slow.app.listen(0, '127.0.0.1');
    port = (slow.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => slow?.close());

  /** Sends the head and `sent` bytes of a `length`-byte body, then nothing; resolves with what came back and whether the server closed the connection. */
  function stall(path: string, length: number, sent: string, type = 'application/json'): Promise<{ response: string; closedByServer: boolean }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let response = '';
      const guard = setTimeout(() => {
        socket.destroy();
        resolve({ response, closedByServer: false });
      }, 15_000);
      socket.on('data', (c) => (response += c.toString()));
      socket.on('error', reject);
      socket.on('close', () => {
        clearTimeout(guard);
        resolve({ response, closedByServer: true });
      });
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n\r\n${sent}`,
      );
    });
  }

  it.each([
    ['a JSON batch that stops half-way', '/api/v1/ingest/teams', 200, '{"items":[{"externalId":"slow","name":"Slow"}', 'application/json'],
    ['a body that never starts', '/api/v1/ingest/teams', 50, '', 'application/json'],
    ['a CSV upload that stops', '/api/v1/import/teams', 500, 'externalId,name\nslow,Slow\n', 'text/csv'],
    ['a webhook that stops', '/api/v1/webhooks/alertmanager', 500, '{"version":"4"', 'application/json'],
  ])('%s → 408 and the connection closed, nothing stored; the server keeps serving', async (_label, path, length, sent, type) => {
    tried++;
    const before = (await slow.app.get(DataSource).query(`SELECT count(*)::int AS n FROM teams`))[0].n;
    const { response, closedByServer } = await stall(path, length, sent, type);
    expect(closedByServer).toBe(true);
    expect(response).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(response.toLowerCase()).toContain('connection: close');
    expect(response.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(response).toContain('"message":"The request body did not arrive within 1 s."');
    expect((await slow.app.get(DataSource).query(`SELECT count(*)::int AS n FROM teams`))[0].n).toBe(before);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health/ready`);
    expect(ok.status).toBe(200);
  });

  it('a body that arrives in time, even in pieces, is processed', async () => {
    tried++;
    const body = JSON.stringify({ items: [{ externalId: 'pieces', name: 'In pieces' }] });
    const res = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let response = '';
      socket.on('data', (c) => {
        response += c.toString();
        if (response.includes('\r\n\r\n{')) {
          socket.end();
          resolve(response);
        }
      });
      socket.on('error', reject);
      socket.write(`POST /api/v1/ingest/teams HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      socket.write(body.slice(0, 10));
      setTimeout(() => socket.write(body.slice(10)), 200);
    });
    expect(res).toMatch(/^HTTP\/1\.1 200 OK/);
  });
});
