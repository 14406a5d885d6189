import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** `DATABASE_URL` when set, else the embedded PostgreSQL in the data directory. */
export async function openDatabase(config: Config, log: Logger, options: { attach?: boolean } = {}): Promise<Database> {
  if (config.databaseUrl) {
    log.info({ database: redact(config.databaseUrl) }, 'using the PostgreSQL of DATABASE_URL');
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const started = Date.now();
  const pg = await startEmbeddedPostgres(config.dataDir, log, { attach: options.attach });
  log.info({ dataDir: config.dataDir, ms: Date.now() - started }, 'embedded PostgreSQL started');
  return { url: pg.url, embedded: true, stop: () => pg.stop() };
}

/** A connection URL without its password, for logs. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
