import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { annotationListResponseSchema, type AnnotationListResponse } from '@firewatch/shared';
import { createTestApp, type TestApp } from '../support/app.js';
import { apiClient, type ApiClient } from '../support/api-client.js';

/**
 * GET /api/v1/annotations: the dated events the dashboard draws on its trends and offers for a
 * before/after comparison. Org time zone America/New_York (UTC−5 in winter), so a local date can
 * differ from the UTC one.
 */

let t: TestApp;
let api: ApiClient;

const list = async (query = ''): Promise<AnnotationListResponse> => {
  const res = await api.http().get(`/api/v1/annotations${query}`).set('Authorization', `Bearer ${api.readToken}`).expect(200);
  return annotationListResponseSchema.parse(res.body);
};
const ids = (response: AnnotationListResponse) => response.items.map((a) => a.externalId);

beforeAll(async () => {
  t = await createTestApp(inject('pgAdminUrl'));
  api = await apiClient(t);
  await api.http().put('/api/v1/settings').set('Authorization', `Bearer ${api.ingestToken}`).send({ timezone: 'America/New_York' }).expect(200);
  await api.ingest('services', [
    { externalId: 'svc-pay', name: 'Payments' },
    { externalId: 'svc-api', name: 'API' },
  ]);
  await api.ingest('annotations', [
    // Listed oldest first whatever the order they arrive in.
    { externalId: 'ann-launch', title: 'Checkout v2', kind: 'launch', at: '2026-02-10T15:00:00Z', services: ['svc-pay', 'svc-api'] },
    { externalId: 'ann-freeze', title: 'Year-end freeze', kind: 'freeze', at: '2025-12-20T05:00:00Z', endAt: '2026-01-04T05:00:00Z' },
    { externalId: 'ann-late', title: 'Late-night migration', kind: 'migration', at: '2026-03-01T03:00:00Z' },
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/annotations', () => {
  it('lists every annotation oldest first, with local dates and its services by name', async () => {
    const response = await list();
    expect(response.timezone).toBe('America/New_York');
    expect(ids(response)).toEqual(['ann-freeze', 'ann-launch', 'ann-late']);
    expect(response.items[0]).toEqual({
      externalId: 'ann-freeze',
      title: 'Year-end freeze',
      kind: 'freeze',
      at: '2025-12-20T05:00:00.000Z',
      endAt: '2026-01-04T05:00:00.000Z',
      date: '2025-12-20', // 05:00Z = 00:00 EST
      endDate: '2026-01-04',
      services: [],
    });
    // Services sorted by name: API before Payments.
    expect(response.items[1]!.services).toEqual([
      { externalId: 'svc-api', name: 'API' },
      { externalId: 'svc-pay', name: 'Payments' },
    ]);
    expect(response.items[2]!.date).toBe('2026-02-28'); // 03:00Z on 1 March = 22:00 EST the day before
    expect(response.items[2]!.endDate).toBeNull();
  });

  it.each([
    // [query, expected ids, why]
    ['?from=2026-01-01&to=2026-02-01', ['ann-freeze'], 'the freeze runs until 4 Jan: it touches January'],
    ['?from=2026-01-05&to=2026-02-10', [], 'the freeze ended on 4 Jan; the launch is on 10 Feb, the first day not included'],
    ['?from=2026-02-10&to=2026-02-11', ['ann-launch'], 'the launch day itself'],
    ['?from=2026-02-28&to=2026-03-01', ['ann-late'], '22:00 EST on 28 Feb is inside 28 Feb local'],
    ['?from=2026-03-01&to=2026-04-01', [], '03:00Z on 1 March is still 28 Feb in New York'],
  ])('%s → %j (%s)', async (query, expected) => {
    expect(ids(await list(query))).toEqual(expected);
  });

  it('names a bad parameter in a 400 and needs a read token', async () => {
    const bad = await api.http().get('/api/v1/annotations?from=2026-13-01').set('Authorization', `Bearer ${api.readToken}`).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ path: 'from' })]);
    const unknown = await api.http().get('/api/v1/annotations?kind=launch').set('Authorization', `Bearer ${api.readToken}`).expect(400);
    expect(unknown.body.message).toContain('kind');
    await api.http().get('/api/v1/annotations').expect(401);
  });
});
