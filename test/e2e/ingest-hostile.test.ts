import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { INGEST_KINDS, ingestSchemas } from '@firewatch/shared';
import { createTestApp, createToken, type TestApp } from '../support/app.js';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp(inject('pgAdminUrl'));
  token = await createToken(t, ['ingest']);
  // A few real records, so random references sometimes resolve and the write path runs too.
  const post = (kind: string, items: unknown[]) =>
    request(t.app.getHttpServer()).post(`/api/v1/ingest/${kind}`).set('Authorization', `Bearer ${token}`).send({ items });
  await post('teams', [{ externalId: 'a', name: 'A' }]);
  await post('services', [{ externalId: 'a', name: 'A' }]);
  await post('responders', [{ externalId: 'a', name: 'A' }]);
  await post('incidents', [{ externalId: 'a', title: 'A', severity: 1, declaredAt: '2026-01-01T00:00:00Z' }]);
  await post('alerts', [{ externalId: 'a', rule: 'A', firedAt: '2026-01-01T00:00:00Z' }]);
});
afterAll(async () => t?.close());

/** Row count of every table ingestion writes, to show a refused batch left no trace. */
const storedRows = async (): Promise<Record<string, number>> =>
  (
    await t.app.get(DataSource).query(
      `SELECT ${INGEST_KINDS.map((k) => `(SELECT count(*)::int FROM ${k}) AS ${k}`).join(', ')},
              (SELECT count(*)::int FROM incident_services) + (SELECT count(*)::int FROM incident_causes)
              + (SELECT count(*)::int FROM incident_roles) + (SELECT count(*)::int FROM annotation_services) AS lists`,
    )
  )[0];

/** Field names of each kind's schema, so generated items hit real fields with wrong values. */
const fieldsOf = (kind: (typeof INGEST_KINDS)[number]): string[] => {
  let schema: unknown = ingestSchemas[kind];
  // Unwrap refinements/descriptions down to the object schema.
  while (schema && typeof schema === 'object' && !('shape' in schema) && 'def' in schema) {
    schema = (schema as { def: { in?: unknown; innerType?: unknown; schema?: unknown } }).def.in ?? (schema as { def: { innerType?: unknown } }).def.innerType;
  }
  return Object.keys((schema as { shape: Record<string, unknown> }).shape);
};

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    "'; DROP TABLE incidents; --",
    "a' OR '1'='1",
    '../../etc/passwd',
    '..\\..\\windows',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '__proto__',
    'constructor',
    '2026-02-30T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '275760-09-13T00:00:00Z',
    'Mars/Olympus_Mons',
    '=cmd|"/c calc"!A1',
    'a'.repeat(100_000),
    '9'.repeat(400),
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 'a'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constant('__proto__')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('hostile input never gets a 5xx and never writes a partial batch', () => {
  it.each(INGEST_KINDS)('fuzzes POST /api/v1/ingest/%s', async (kind) => {
    const fields = [...fieldsOf(kind), 'unknownField'];
    const item = fc.dictionary(fc.constantFrom(...fields), hostileValue, { maxKeys: fields.length });
    const body = fc.oneof(
      { weight: 5, arbitrary: fc.record({ items: fc.array(item, { maxLength: 5 }) }) },
      { weight: 1, arbitrary: hostileValue },
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = await storedRows();
        const res = await request(t.app.getHttpServer())
          .post(`/api/v1/ingest/${kind}`)
          .set('Authorization', `Bearer ${token}`)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(payload));
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/application\/json/);
        // A refused batch wrote nothing: not one row of it, in any table.
        if (res.status >= 400) expect(await storedRows()).toEqual(before);
      }),
      { numRuns: 120 },
    );
  });

  it.each([
    ['invalid JSON', '{"items": [{]}'],
    ['invalid UTF-8 bytes', Buffer.from([0x7b, 0x22, 0x69, 0x74, 0x65, 0x6d, 0x73, 0x22, 0x3a, 0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d, 0x7d])],
    ['deep nesting', '{"items":[' + '['.repeat(5000) + ']'.repeat(5000) + ']}'],
    ['a JSON string', '"items"'],
    ['prototype pollution', '{"items":[{"externalId":"p","name":"P","__proto__":{"admin":true}}],"__proto__":{"x":1}}'],
  ])('answers %s with a 4xx', async (_label, raw) => {
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/ingest/teams')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(raw);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses a body over the 25 MB limit with 413 before parsing it', async () => {
    const huge = JSON.stringify({ items: [{ externalId: 'big', name: 'x'.repeat(26 * 1024 * 1024) }] });
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/ingest/teams')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(huge);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('stores SQL-looking strings as plain data', async () => {
    const evil = "x'); DELETE FROM teams; --";
    await request(t.app.getHttpServer())
      .post('/api/v1/ingest/teams')
      .set('Authorization', `Bearer ${token}`)
      .send({ items: [{ externalId: 'evil', name: evil }] })
      .expect(200);
    const ds = t.app.get(DataSource);
    expect(await ds.query(`SELECT name FROM teams WHERE external_id = 'evil'`)).toEqual([{ name: evil }]);
    expect((await ds.query(`SELECT count(*)::int AS n FROM teams`))[0].n).toBeGreaterThanOrEqual(2);
  });
});
