import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { generateToken, hashToken, tokenPrefix } from '@firewatch/api/auth/tokens.js';
import { dataSourceOptions } from '@firewatch/api/database/data-source-options.js';
import { startEmbeddedPostgres } from '@firewatch/api/database/embedded-postgres.js';
import type { FigureContext } from './figure.js';
import { postmasterPidOf } from './proc.js';

export interface BenchDatabase {
  /** URL of the migrated `firewatch` database, for the API's DATABASE_URL. */
  url: string;
  /** A connection of the bench itself (setup, baselines, checks). */
  client: pg.Client;
  postmasterPid: number;
  /** Whether pg_stat_statements is loaded (profiling runs). */
  statements: boolean;
  /** One more connection, closed by `stop()` (for baselines that use as many connections as the API's clients). */
  connect(): Promise<pg.Client>;
  stop(): Promise<void>;
}

export interface TempDir {
  path: string;
  remove(): Promise<void>;
}

/** A temporary directory, removed by `remove()` or else by the context's cleanup. */
export async function tempDir(ctx: FigureContext, label: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), `firewatch-bench-${label}-`));
  return { path, remove: ctx.cleanup.defer(`remove ${path}`, () => rm(path, { recursive: true, force: true })) };
}

/**
 * A fresh embedded PostgreSQL (the app's own, with its default settings) in a temp dir, migrated
 * by the app's migrations. Stopped and removed by `stop()` or the context's cleanup.
 */
export async function startBenchDatabase(ctx: FigureContext): Promise<BenchDatabase> {
  const dataDir = (await tempDir(ctx, 'pg')).path;
  const statements = ctx.profileDir !== undefined;
  const server = await startPostgres(ctx, dataDir, {
    persistent: false,
    postgresFlags: statements ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all'] : [],
  });

  const dataSource = new DataSource(dataSourceOptions(server.url, { poolSize: 1, applicationName: 'firewatch-bench' }));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }

  const clients: Array<() => Promise<void>> = [];
  const connect = async () => {
    const client = new pg.Client({ connectionString: server.url, application_name: 'firewatch-bench' });
    // A connection the server ends (shutdown after an interrupt) must not crash the bench mid-cleanup.
    client.on('error', (error) => ctx.log.warn({ err: error }, 'bench connection lost'));
    await client.connect();
    clients.push(ctx.cleanup.defer('close a bench connection', () => client.end()));
    return client;
  };
  const client = await connect();
  ctx.facts.set('PostgreSQL', await postgresVersion(server.url));
  if (statements) await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

  return {
    url: server.url,
    client,
    postmasterPid: postmasterPidOf(join(dataDir, 'pg')),
    statements,
    connect,
    async stop() {
      for (const close of clients) await close();
      await server.stop();
    },
  };
}

/**
 * The app's embedded PostgreSQL, started as the app starts it and registered for cleanup
 * (the returned `stop` unregisters it).
 */
export async function startPostgres(
  ctx: FigureContext,
  dataDir: string,
  options: { persistent: boolean; postgresFlags?: string[] },
): Promise<{ url: string; stop(): Promise<void> }> {
  const server = await startEmbeddedPostgres(dataDir, ctx.log, options);
  // Loading embedded-postgres installed signal handlers that would stop it at once on Ctrl-C.
  ctx.cleanup.handleSignals();
  return { url: server.url, stop: ctx.cleanup.defer(`stop PostgreSQL in ${dataDir}`, () => server.stop()) };
}

/** A new API token with these scopes (`ingest`, `read`), stored as the token CLI stores it (hash only). */
export async function createApiToken(client: pg.Client, scopes: readonly string[]): Promise<string> {
  const token = generateToken();
  await client.query(`INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ($1, $2, $3, $4)`, [
    `bench-${scopes.join('-')}`,
    tokenPrefix(token),
    hashToken(token),
    [...scopes],
  ]);
  return token;
}

/** `SELECT version()` of the server at `url`. */
export async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    return rows[0]!.version;
  } finally {
    await client.end();
  }
}
