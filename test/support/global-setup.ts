import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres.js';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options.js';
import { TEMPLATE_DATABASE } from './database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the maintenance database of the test PostgreSQL server. */
    pgAdminUrl: string;
  }
}

/**
 * One real PostgreSQL (the embedded server the app uses) per test run. Migrations run once into a
 * template database; every test file clones it (CREATE DATABASE … TEMPLATE), so files are isolated.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'firewatch-test-'));
  const server = await startEmbeddedPostgres(dir, pino({ level: 'warn' }), {
    persistent: false,
    // Durability is not under test here; speed is welcome.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
  });
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const templateUrl = new URL(server.adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const ds = new DataSource(dataSourceOptions(templateUrl.toString(), { poolSize: 1 }));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();

  project.provide('pgAdminUrl', server.adminUrl);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
