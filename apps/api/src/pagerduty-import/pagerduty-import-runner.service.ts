import { HttpStatus, Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { pagerDutyImportStartSchema, type PagerDutyImportStatus } from '@firewatch/shared';
import { parseBody } from '../alerts/parse-body.js';
import { ProblemException } from '../common/http-exception.filter.js';
import { CONFIG } from '../common/tokens.js';
import type { Config } from '../config/config.js';
import { PagerDutyImportService } from './pagerduty-import.service.js';

const IDLE: PagerDutyImportStatus = {
  configured: false,
  state: 'idle',
  since: null,
  until: null,
  startedAt: null,
  finishedAt: null,
  resumedFrom: null,
  progress: null,
  error: null,
};

const midnightUtc = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * The dashboard's PagerDuty import: one run at a time in the server process, with the server's
 * PAGERDUTY_API_TOKEN (the token never reaches the browser). The run is the CLI's, so it commits
 * window by window with the cursor and a later run, here or on the command line, resumes it.
 */
@Injectable()
export class PagerDutyImportRunner implements BeforeApplicationShutdown {
  private status: PagerDutyImportStatus;
  private running: Promise<void> | undefined;
  private readonly stop = new AbortController();

  constructor(
    private readonly importer: PagerDutyImportService,
    private readonly logger: PinoLogger,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.status = { ...IDLE, configured: config.pagerDutyApiToken !== undefined };
  }

  current(): PagerDutyImportStatus {
    return this.status;
  }

  /** Starts a run and answers at once with its status; 503 without a token, 409 while one runs. */
  start(body: unknown): PagerDutyImportStatus {
    const { since, until } = parseBody(pagerDutyImportStartSchema, body);
    const token = this.config.pagerDutyApiToken;
    if (!token) {
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'The PagerDuty import is not configured: set PAGERDUTY_API_TOKEN on the server to a read-only REST API key.');
    }
    if (this.running) throw new ProblemException(HttpStatus.CONFLICT, `A PagerDuty import is already running (since ${this.status.since}); wait for it to finish.`);

    this.status = { ...IDLE, configured: true, state: 'running', since, until: until ?? null, startedAt: new Date().toISOString() };
    const run = this.importer.run({
      since: midnightUtc(since),
      until: until === undefined ? undefined : midnightUtc(until),
      // Shutting down cancels the requests in flight: the window being read is not written, and a later run resumes it.
      client: { baseUrl: this.config.pagerDutyApiUrl, token, signal: this.stop.signal },
      signal: this.stop.signal,
      onProgress: (progress) => {
        this.status = { ...this.status, progress };
      },
    });
    this.running = run
      .then((summary) => {
        const { resumedFrom, stopped: _stopped, ...progress } = summary;
        this.status = { ...this.status, state: 'done', resumedFrom: resumedFrom ?? null, progress, finishedAt: new Date().toISOString() };
        this.logger.info({ ...progress }, 'PagerDuty import finished');
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.status = { ...this.status, state: 'failed', error: message, finishedAt: new Date().toISOString() };
        this.logger.warn({ error: message }, 'PagerDuty import failed');
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.status;
  }

  /** Ends a run before the database closes: a window being written commits or rolls back whole. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }
}
