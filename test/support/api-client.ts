import request from 'supertest';
import { createToken, type TestApp } from './app.js';

/** HTTP calls of a test against its app, with a token of each scope. */
export interface ApiClient {
  readToken: string;
  ingestToken: string;
  /** A bare request, without a token. */
  http(): ReturnType<typeof request>;
  /** `POST /api/v1/ingest/{kind}` with `{ items }`, expecting 200. */
  ingest(kind: string, items: object[]): request.Test;
  /** `GET /api/v1/analytics/{path}?{query}` with the read token. */
  analytics(path: string, query: string): request.Test;
}

export async function apiClient(t: TestApp): Promise<ApiClient> {
  const readToken = await createToken(t, ['read']);
  const ingestToken = await createToken(t, ['ingest']);
  const http = () => request(t.app.getHttpServer());
  return {
    readToken,
    ingestToken,
    http,
    ingest: (kind, items) => http().post(`/api/v1/ingest/${kind}`).set('Authorization', `Bearer ${ingestToken}`).send({ items }).expect(200),
    analytics: (path, query) => http().get(`/api/v1/analytics/${path}?${query}`).set('Authorization', `Bearer ${readToken}`),
  };
}
