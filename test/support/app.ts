import pino from 'pino';
import { DataSource } from 'typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
// The production build (tsc output), so decorator metadata is proven to survive compilation.
import { createApp } from '@firewatch/api/app.js';
import { loadConfig } from '@firewatch/api/config/config.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: NestExpressApplication;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The compiled Nest application on a fresh database of its own; `env` sets configuration variables. */
export async function createTestApp(adminUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase(adminUrl);
  const config = loadConfig({ FIREWATCH_DEMO: 'off', DATABASE_URL: db.url, ...env });
  const app = await createApp({ config, databaseUrl: db.url, logger: pino({ level: 'silent' }) });
  await app.init();
  return {
    app,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** Creates an API token directly in the test database and returns the secret. */
export async function createToken(t: TestApp, scopes: Array<'ingest' | 'read'>, name = `test-${scopes.join('-')}`): Promise<string> {
  const { generateToken, hashToken, tokenPrefix } = await import('@firewatch/api/auth/tokens.js');
  const token = generateToken();
  const ds = t.app.get(DataSource);
  await ds.query(`INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ($1, $2, $3, $4)`, [name, tokenPrefix(token), hashToken(token), scopes]);
  return token;
}
