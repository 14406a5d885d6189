import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { workloadQuerySchema } from '@firewatch/shared';
import { createTestApp, type TestApp } from '../support/app.js';
import { registeredRoutes } from '../support/routes.js';

/** GET /api/docs: the OpenAPI document (SPEC §3), generated from the shared schemas. */

let t: TestApp;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;

beforeAll(async () => {
  t = await createTestApp(inject('pgAdminUrl'));
  // Public: no token, even with authentication on.
  const res = await request(t.app.getHttpServer()).get('/api/docs').expect(200).expect('Content-Type', /json/);
  doc = res.body;
});
afterAll(async () => t?.close());

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Firewatch API');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('describes exactly the routes the server registers, no more, no fewer', () => {
    const served = registeredRoutes(t.app)
      .filter((r) => r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`)
      .sort();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(served);
    expect(served.length).toBeGreaterThanOrEqual(20);
  });

  it('names every query parameter of a read with its description, and the response fields', () => {
    const workload = doc.paths['/api/v1/analytics/workload'].get;
    expect(workload.parameters.map((p: { name: string }) => p.name)).toEqual(Object.keys(workloadQuerySchema.shape));
    const from = workload.parameters.find((p: { name: string }) => p.name === 'from');
    expect(from).toMatchObject({ in: 'query', required: false });
    expect(from.description).toMatch(/First day included/);
    const body = workload.responses['200'].content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['totals', 'weekly', 'responders', 'topIncidents', 'gameDayMinutes']));
    expect(Object.keys(workload.responses['200'].content)).toContain('text/csv');
    expect(workload.security).toEqual([{ bearer: [] }]);
  });

  it('marks public routes as needing no token, and writes as needing the ingest scope', () => {
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    const ingest = doc.paths['/api/v1/ingest/{kind}'].post;
    expect(ingest.description).toMatch(/ingest/);
    expect(ingest.requestBody.content['application/json'].schema.properties.items.items.oneOf).toHaveLength(9);
    expect(ingest.responses).toHaveProperty('401');
  });
});
