import { z } from 'zod';
import { isoDateSchema } from '../time/index.js';

/** `POST /api/v1/pagerduty/import`: the UTC days `[since, until)` of incidents (by creation) to import. */
export const pagerDutyImportStartSchema = z
  .strictObject({
    since: isoDateSchema.describe('First UTC day whose incidents are imported.'),
    until: isoDateSchema.optional().describe('UTC day the import stops before (exclusive); default: now.'),
  })
  .refine((b) => b.until === undefined || b.since < b.until, { path: ['until'], message: 'must be after since' })
  .describe('Starts a PagerDuty history import on the server, with its PAGERDUTY_API_TOKEN.');
export type PagerDutyImportStart = z.infer<typeof pagerDutyImportStartSchema>;

export const PAGERDUTY_IMPORT_STATES = ['idle', 'running', 'done', 'failed'] as const;

const count = (what: string) => z.number().int().min(0).describe(what);

/** Where a run stands, as its progress line on the command line says it. */
export const pagerDutyImportProgressSchema = z.object({
  windowsDone: count('7-day windows committed by this run.'),
  windowsTotal: count('Windows the run covers.'),
  doneUntil: z.string().describe('ISO 8601 instant every incident created before (and since `since`) is committed.'),
  incidents: count('Incidents read.'),
  logEntries: count('Log entries read.'),
  pages: count('Notifications recorded as pages.'),
  activity: count('Hand-done log entries recorded as activity.'),
  shifts: count('On-call periods recorded as shifts (a period seen by two windows counts twice).'),
  created: count('Records created.'),
  updated: count('Records changed.'),
  unchanged: count('Records already stored as they are.'),
  replacedWebhookRows: count('Webhook-synthesised pages and activity replaced by the real ones.'),
  requests: count('Requests to PagerDuty, retries included.'),
  retries: count('Requests retried (429, 5xx, dropped connections).'),
  elapsedMs: count('Milliseconds since the run started.'),
});
export type PagerDutyImportProgress = z.infer<typeof pagerDutyImportProgressSchema>;

/** `GET /api/v1/pagerduty/import`: the server's last (or current) PagerDuty import. */
export const pagerDutyImportStatusSchema = z.object({
  configured: z.boolean().describe('Whether PAGERDUTY_API_TOKEN is set on the server; without it no import can start.'),
  state: z.enum(PAGERDUTY_IMPORT_STATES).describe('idle: none since the server started.'),
  since: isoDateSchema.nullable(),
  until: isoDateSchema.nullable().describe('null: until the run started.'),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  resumedFrom: z.string().nullable().describe('Where a stopped earlier run with the same `since` was resumed.'),
  progress: pagerDutyImportProgressSchema.nullable(),
  error: z.string().nullable().describe('Why the run failed, one line for a person (a refused token, PagerDuty not answering…).'),
});
export type PagerDutyImportStatus = z.infer<typeof pagerDutyImportStatusSchema>;

const thousands = (n: number) => n.toLocaleString('en-US');

/**
 * The progress line of a run, the same on the command line and the dashboard:
 * `3/52 windows, up to 2025-01-22 · 120 incidents, 3,400 log entries, 800 pages, 12 shifts · 9.8 incidents/s · 412 requests, 2 retries`.
 */
export function describePagerDutyImportProgress(p: PagerDutyImportProgress): string {
  const rate = p.elapsedMs > 0 ? (p.incidents / (p.elapsedMs / 1000)).toFixed(1) : '0';
  return (
    `${p.windowsDone}/${p.windowsTotal} windows, up to ${p.doneUntil.slice(0, 10)} · ` +
    `${thousands(p.incidents)} incidents, ${thousands(p.logEntries)} log entries, ${thousands(p.pages)} pages, ${thousands(p.shifts)} shifts · ` +
    `${rate} incidents/s · ${thousands(p.requests)} requests, ${thousands(p.retries)} retries`
  );
}

/** What a finished run wrote: `5 incidents, 13 pages, 8 activity, 6 shifts; 40 created, 0 updated, 2 unchanged; 2 webhook rows replaced`. */
export function describePagerDutyImportCounts(p: PagerDutyImportProgress): string {
  return (
    `${thousands(p.incidents)} incidents, ${thousands(p.pages)} pages, ${thousands(p.activity)} activity, ${thousands(p.shifts)} shifts; ` +
    `${thousands(p.created)} created, ${thousands(p.updated)} updated, ${thousands(p.unchanged)} unchanged; ` +
    `${thousands(p.replacedWebhookRows)} webhook rows replaced`
  );
}
