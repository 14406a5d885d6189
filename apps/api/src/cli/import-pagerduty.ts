import { parseArgs } from 'node:util';
import { PinoLogger } from 'nestjs-pino';
import { IngestService } from '../ingest/ingest.service.js';
import { PagerDutyImportRepository } from '../pagerduty-import/pagerduty-import.repository.js';
import { describePagerDutyImportCounts, describePagerDutyImportProgress } from '@firewatch/shared';
import { PagerDutyImportService } from '../pagerduty-import/pagerduty-import.service.js';
import { runCli, UsageError } from './cli.js';

const USAGE = `usage: npm run import:pagerduty -- --since <date> [--until <date>]
  dates: 2025-01-01 (midnight UTC) or an ISO 8601 date-time with an offset; --until is exclusive, default now
  env:   PAGERDUTY_API_TOKEN (required), PAGERDUTY_API_URL (default https://api.pagerduty.com)`;

/** `2025-01-01` (midnight UTC) or a date-time with an offset; anything else is a usage error naming the option. */
function parseInstant(option: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso) ? new Date(iso) : undefined;
  if (!at || Number.isNaN(at.getTime())) throw new UsageError(`${option} must be a date (2025-01-01) or an ISO 8601 date-time with an offset (got "${value}")\n${USAGE}`);
  return at;
}

await runCli('import:pagerduty', async ({ dataSource, config, logger }) => {
  let values: { since?: string; until?: string };
  try {
    ({ values } = parseArgs({ options: { since: { type: 'string' }, until: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const since = parseInstant('--since', values.since);
  if (!since) throw new UsageError(`--since is required\n${USAGE}`);
  const until = parseInstant('--until', values.until);
  if (!config.pagerDutyApiToken) throw new UsageError(`PAGERDUTY_API_TOKEN is not set: create a read-only REST API key in PagerDuty (see README, "Connect your tools")`);

  // Ctrl-C: finish the batch in flight (its transaction commits with the cursor), then stop.
  const stop = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\npagerduty: stopping after the current batch; run the same command again to resume\n');
    stop.abort();
  });
  const tty = process.stderr.isTTY;
  const importer = new PagerDutyImportService(
    IngestService.standalone(dataSource, new PinoLogger({ pinoHttp: { logger } })),
    new PagerDutyImportRepository(dataSource),
  );
  const summary = await importer.run({
    since,
    until,
    client: {
      baseUrl: config.pagerDutyApiUrl,
      token: config.pagerDutyApiToken,
      onRetry: ({ path, attempt, delayMs, why }) => {
        process.stderr.write(`${tty ? '\n' : ''}pagerduty: GET ${path}: ${why}; attempt ${attempt + 1} in ${(delayMs / 1000).toFixed(1)} s\n`);
      },
    },
    signal: stop.signal,
    onProgress: (p) => {
      const line = `pagerduty: ${describePagerDutyImportProgress(p)}`;
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    },
  });
  if (tty) process.stderr.write('\n');
  const resumed = summary.resumedFrom ? ` (resumed from ${summary.resumedFrom})` : '';
  process.stdout.write(
    `pagerduty: ${summary.stopped ? 'stopped at' : 'imported up to'} ${summary.doneUntil}${resumed}: ${describePagerDutyImportCounts(summary)}.\n`,
  );
});
