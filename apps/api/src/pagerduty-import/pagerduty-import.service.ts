import { HttpException, Injectable } from '@nestjs/common';
import type { PagerDutyImportProgress, Problem } from '@firewatch/shared';
import { IngestService } from '../ingest/ingest.service.js';
import { LOG_ACTIVITY_KINDS, mapPagerDutyHistory, type PagerDutyDirectory, type PagerDutyIncidentHistory } from './map-pagerduty-history.js';
import { PagerDutyClient, type PagerDutyClientOptions } from './pagerduty-client.js';
import { PagerDutyImportRepository } from './pagerduty-import.repository.js';
import {
  pagerDutyLogEntrySchema,
  pagerDutyOncallSchema,
  pagerDutyRestIncidentSchema,
  pagerDutyServiceSchema,
  pagerDutyTeamSchema,
  pagerDutyUserSchema,
} from './pagerduty-rest-payload.js';

const SOURCE = 'pagerduty';
const DAY_MS = 86_400_000;

export interface PagerDutyImportOptions {
  since: Date;
  /** Exclusive; default: the start of the run. */
  until?: Date;
  /** Length of one batch (one transaction) of incidents, by `created_at`. */
  windowDays?: number;
  client: PagerDutyClientOptions;
  onProgress?: (progress: PagerDutyImportProgress) => void;
  /** Stops the run after the batch in flight commits (Ctrl-C): the next run resumes there. */
  signal?: AbortSignal;
}

export interface PagerDutyImportSummary extends PagerDutyImportProgress {
  /** Where a stopped earlier run was resumed (ISO 8601), when it was. */
  resumedFrom?: string;
  /** The run stopped before `until` (signal). */
  stopped: boolean;
}

/** A directory, incident or log entry the import cannot record, or a batch ingest refused. */
export class PagerDutyImportError extends Error {}

/**
 * Imports PagerDuty's history (REST API v2) through IngestService in merge mode: one batch per
 * window of incidents (by `created_at`) with their log entries and the window's on-call periods, each
 * one transaction that also advances the cursor in `import_cursors`. A run stopped half-way (a crash,
 * Ctrl-C, PagerDuty failing past the retries) resumes at the first uncommitted window when started
 * again with the same `since`; a run over an already imported range changes nothing.
 */
@Injectable()
export class PagerDutyImportService {
  constructor(
    private readonly ingest: IngestService,
    private readonly repository: PagerDutyImportRepository,
  ) {}

  async run(options: PagerDutyImportOptions): Promise<PagerDutyImportSummary> {
    const started = Date.now();
    const since = options.since;
    const until = options.until ?? new Date(started);
    if (!(since < until)) throw new PagerDutyImportError(`--since (${since.toISOString()}) must be before --until (${until.toISOString()}).`);
    const windowMs = (options.windowDays ?? 7) * DAY_MS;

    const cursor = await this.repository.readCursor(SOURCE);
    const resumable = cursor && cursor.rangeStart.getTime() === since.getTime() && cursor.doneUntil < cursor.rangeEnd && cursor.doneUntil < until;
    const start = resumable ? cursor.doneUntil : since;

    const client = new PagerDutyClient(options.client);
    const directory: PagerDutyDirectory = {
      teams: await client.list('/teams', 'teams', pagerDutyTeamSchema),
      services: await client.list('/services', 'services', pagerDutyServiceSchema),
      users: await client.list('/users', 'users', pagerDutyUserSchema),
    };

    const progress: PagerDutyImportProgress = {
      windowsDone: 0,
      windowsTotal: Math.ceil((until.getTime() - start.getTime()) / windowMs),
      doneUntil: start.toISOString(),
      incidents: 0,
      logEntries: 0,
      pages: 0,
      activity: 0,
      shifts: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      replacedWebhookRows: 0,
      requests: 0,
      retries: 0,
      elapsedMs: 0,
    };
    let stopped = false;
    for (let from = start; from < until; ) {
      if (options.signal?.aborted) {
        stopped = true;
        break;
      }
      const to = new Date(Math.min(from.getTime() + windowMs, until.getTime()));
      const incidents = await this.readIncidents(client, from, to);
      const oncalls = await client.list('/oncalls', 'oncalls', pagerDutyOncallSchema, window(from, to));
      const mapped = mapPagerDutyHistory({ directory, includeDirectory: progress.windowsDone === 0, incidents, oncalls });
      if (mapped.kind === 'invalid') throw new PagerDutyImportError(describe(`PagerDuty's records of ${span(from, to)} cannot be recorded`, mapped.problems));

      const incidentIds = incidents.map((h) => h.incident.id);
      let replaced = 0;
      const written = await this.ingest
        .ingest(mapped.bundle, {
          mode: 'merge',
          alsoInTransaction: async (q) => {
            const rows = await this.repository.replaceWebhookRecords(q, SOURCE, incidentIds, LOG_ACTIVITY_KINDS);
            replaced = rows.pages + rows.activity;
            await this.repository.saveCursor(q, SOURCE, { rangeStart: since, rangeEnd: until, doneUntil: to });
          },
        })
        .catch((error: unknown) => {
          if (!(error instanceof HttpException)) throw error;
          const body = error.getResponse() as { message?: string; details?: Problem[] };
          throw new PagerDutyImportError(describe(`${body.message ?? error.message} (${span(from, to)})`, body.details ?? []));
        });

      const { counts } = mapped;
      progress.windowsDone++;
      progress.doneUntil = to.toISOString();
      progress.incidents += counts.incidents;
      progress.logEntries += counts.logEntries;
      progress.pages += counts.pages;
      progress.activity += counts.activity;
      progress.shifts += counts.shifts;
      progress.created += written.created;
      progress.updated += written.updated;
      progress.unchanged += written.unchanged;
      progress.replacedWebhookRows += replaced;
      progress.requests = client.requests;
      progress.retries = client.retries;
      progress.elapsedMs = Date.now() - started;
      options.onProgress?.({ ...progress });
      from = to;
    }
    progress.requests = client.requests;
    progress.retries = client.retries;
    progress.elapsedMs = Date.now() - started;
    return { ...progress, stopped, ...(resumable && { resumedFrom: start.toISOString() }) };
  }

  /** The window's incidents with every log entry of each. */
  private async readIncidents(client: PagerDutyClient, from: Date, to: Date): Promise<PagerDutyIncidentHistory[]> {
    const listed = await client.list('/incidents', 'incidents', pagerDutyRestIncidentSchema, { ...window(from, to), sort_by: 'created_at:asc' });
    // Exactly [from, to) by created_at, whatever PagerDuty does at the bounds: no incident in two windows.
    const inWindow = listed.filter((i) => {
      const created = Date.parse(i.created_at);
      return created >= from.getTime() && created < to.getTime();
    });
    const histories: PagerDutyIncidentHistory[] = [];
    for (const incident of inWindow) {
      const logEntries = await client.list(`/incidents/${encodeURIComponent(incident.id)}/log_entries`, 'log_entries', pagerDutyLogEntrySchema, {
        time_zone: 'UTC',
        include: ['channels'],
      });
      histories.push({ incident, logEntries });
    }
    return histories;
  }
}

/** `since`/`until` query of a window, rendered in UTC. */
const window = (from: Date, to: Date) => ({ since: from.toISOString(), until: to.toISOString(), time_zone: 'UTC' });

const span = (from: Date, to: Date) => `${from.toISOString()} – ${to.toISOString()}`;

function describe(headline: string, problems: ReadonlyArray<Pick<Problem, 'path' | 'message'>>): string {
  return [headline, ...problems.slice(0, 10).map((p) => `  ${p.path}: ${p.message}`)].join('\n');
}

