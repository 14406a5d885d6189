import pino from 'pino';
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
