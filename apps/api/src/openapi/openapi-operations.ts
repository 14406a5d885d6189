import type { z } from 'zod';
import {
  alertFeedbackResponseSchema,
  annotationListQuerySchema,
  annotationListResponseSchema,
  alertFeedbackSchema,
  beforeAfterQuerySchema,
  beforeAfterResponseSchema,
  causesQuerySchema,
  causesResponseSchema,
  healthResponseSchema,
  incidentDetailQuerySchema,
  incidentDetailSchema,
  incidentListQuerySchema,
  incidentListResponseSchema,
  ingestResponseSchema,
  chatIngestResponseSchema,
  chatWaitingResponseSchema,
  noiseQuerySchema,
  ONCALL_RESPONDERS_LISTED,
  oncallQuerySchema,
  oncallResponseSchema,
  overviewQuerySchema,
  overviewResponseSchema,
  noiseResponseSchema,
  pagerDutyImportStartSchema,
  pagerDutyImportStatusSchema,
  readinessQuerySchema,
  readinessReportSchema,
  readinessResponseSchema,
  responderDetailSchema,
  responderQuerySchema,
  ruleFeedbackResponseSchema,
  ruleFeedbackSchema,
  seasonalityQuerySchema,
  seasonalityResponseSchema,
  serviceListResponseSchema,
  servicesQuerySchema,
  servicesResponseSchema,
  settingsPatchSchema,
  settingsSchema,
  teamListResponseSchema,
  workloadQuerySchema,
  workloadResponseSchema,
} from '@firewatch/shared';
import type { AccessPolicy } from '../auth/access.decorator.js';

/** One operation of the HTTP API, described by the shared schemas that define it. */
export interface ApiOperation {
  method: 'get' | 'post' | 'put';
  /** OpenAPI path template (`{externalId}`). */
  path: string;
  summary: string;
  access: AccessPolicy;
  /** Parameters in the path, each a non-empty string. */
  pathParams?: Readonly<Record<string, string>>;
  query?: z.ZodObject;
  /** JSON body; `'ingest'` an `{ items }` batch, `'csv'` a `text/csv` upload, `'vendor'` a sender's own format. */
  body?: z.ZodType | 'ingest' | 'csv' | 'vendor';
  response?: z.ZodType;
  /** Whether `Accept: text/csv` is answered too. */
  csv?: boolean;
}

const ANALYTICS = 'Every analytics read takes from, to (ISO dates, org time zone, to exclusive), team, service (repeatable) and severity.';

/**
 * Every route the API serves. The OpenAPI document is generated from this list and the shared zod
 * schemas; `test/e2e/openapi.test.ts` checks that it names exactly the routes the server registers.
 */
export const API_OPERATIONS: readonly ApiOperation[] = [
  { method: 'get', path: '/api/health', summary: 'Liveness, and whether read endpoints need a token.', access: 'public', response: healthResponseSchema },
  { method: 'get', path: '/api/health/ready', summary: 'Readiness: database reachable and every migration applied (503 with a reason otherwise).', access: 'public', response: readinessResponseSchema },
  { method: 'get', path: '/api/v1/teams', summary: 'Teams, for filters.', access: 'read', response: teamListResponseSchema },
  { method: 'get', path: '/api/v1/services', summary: 'Services, for filters.', access: 'read', response: serviceListResponseSchema },
  {
    method: 'post',
    path: '/api/v1/ingest/{kind}',
    summary: 'Upserts up to 10,000 records of one kind, all or nothing (`{ items: [...] }`).',
    access: 'ingest',
    pathParams: { kind: 'teams, services, responders, incidents, alerts, pages, shifts, activity or annotations' },
    body: 'ingest',
    response: ingestResponseSchema,
  },
  {
    method: 'post',
    path: '/api/v1/import/{kind}',
    summary: 'Imports a CSV document of one kind (header row of ingest field names), all or nothing, errors by line.',
    access: 'ingest',
    pathParams: { kind: 'teams, services, responders, incidents, alerts, pages, shifts, activity or annotations' },
    body: 'csv',
    response: ingestResponseSchema,
  },
  { method: 'get', path: '/api/v1/pagerduty/import', summary: 'The last (or current) PagerDuty history import of this server: state, progress, error.', access: 'read', response: pagerDutyImportStatusSchema },
  {
    method: 'post',
    path: '/api/v1/pagerduty/import',
    summary: 'Starts a PagerDuty history import of the incidents created in [since, until) with the server’s PAGERDUTY_API_TOKEN (409 while one runs, 503 without a token).',
    access: 'ingest',
    body: pagerDutyImportStartSchema,
    response: pagerDutyImportStatusSchema,
  },
  { method: 'post', path: '/api/v1/webhooks/pagerduty', summary: 'PagerDuty Webhooks v3 incident events (X-PagerDuty-Signature).', access: 'public', body: 'vendor', response: ingestResponseSchema },
  { method: 'post', path: '/api/v1/webhooks/alertmanager', summary: 'Prometheus Alertmanager webhook, version 4 (an ingest token; optional only when auth is off).', access: 'ingest-unless-auth-off', body: 'vendor', response: ingestResponseSchema },
  { method: 'post', path: '/api/v1/webhooks/incident-io', summary: 'incident.io webhooks (Svix signature).', access: 'public', body: 'vendor', response: ingestResponseSchema },
  { method: 'post', path: '/api/v1/webhooks/slack', summary: 'Slack Events API: url_verification, and message events of incident channels (X-Slack-Signature); a url_verification is answered `{ challenge }`.', access: 'public', body: 'vendor', response: chatIngestResponseSchema },
  { method: 'get', path: '/api/v1/chat/waiting', summary: 'Chat messages kept but not yet activity (author or channel not mapped), per chat user and per channel.', access: 'read', response: chatWaitingResponseSchema },
  { method: 'get', path: '/api/v1/annotations', summary: 'Annotations (launches, migrations, freezes…), all or those touching from/to, with their services.', access: 'read', query: annotationListQuerySchema, response: annotationListResponseSchema },
  { method: 'get', path: '/api/v1/settings', summary: 'Organisation settings (SPEC §1).', access: 'read', response: settingsSchema },
  { method: 'put', path: '/api/v1/settings', summary: 'Changes the settings given, keeps the others.', access: 'ingest', body: settingsPatchSchema, response: settingsSchema },
  { method: 'get', path: '/api/v1/incidents', summary: 'Incidents filtered, sorted and paginated, with TTA/TTM/TTR median and p90.', access: 'read', query: incidentListQuerySchema, response: incidentListResponseSchema, csv: true },
  {
    method: 'get',
    path: '/api/v1/incidents/{externalId}',
    summary: 'One incident with its workload per responder, alerts, pages and activity.',
    access: 'read',
    pathParams: { externalId: 'External id of the incident.' },
    query: incidentDetailQuerySchema,
    response: incidentDetailSchema,
  },
  {
    method: 'get',
    path: '/api/v1/responders/{externalId}',
    summary: 'One responder: qualifying experiences, readiness expiry, workload.',
    access: 'read',
    pathParams: { externalId: 'External id of the responder.' },
    query: responderQuerySchema,
    response: responderDetailSchema,
  },
  { method: 'put', path: '/api/v1/alerts/feedback', summary: 'Marks the alerts of a rule (optionally in a date range) with feedback.', access: 'ingest', body: ruleFeedbackSchema, response: ruleFeedbackResponseSchema },
  {
    method: 'put',
    path: '/api/v1/alerts/{externalId}/feedback',
    summary: 'Marks one alert with feedback; its noise class changes at once.',
    access: 'ingest',
    pathParams: { externalId: 'External id of the alert.' },
    body: alertFeedbackSchema,
    response: alertFeedbackResponseSchema,
  },
  { method: 'get', path: '/api/v1/analytics/overview', summary: `Leadership overview: the period and the previous one side by side (SPEC §2.7). ${ANALYTICS}`, access: 'read', query: overviewQuerySchema, response: overviewResponseSchema, csv: true },
  { method: 'get', path: '/api/v1/analytics/workload', summary: `Responder workload (SPEC §2.1). ${ANALYTICS}`, access: 'read', query: workloadQuerySchema, response: workloadResponseSchema, csv: true },
  { method: 'get', path: '/api/v1/analytics/seasonality', summary: `Seasonality (SPEC §2.3). ${ANALYTICS}`, access: 'read', query: seasonalityQuerySchema, response: seasonalityResponseSchema, csv: true },
  { method: 'get', path: '/api/v1/analytics/services', summary: `Services (SPEC §2.4). ${ANALYTICS}`, access: 'read', query: servicesQuerySchema, response: servicesResponseSchema, csv: true },
  { method: 'get', path: '/api/v1/analytics/causes', summary: `Causes (SPEC §2.4). ${ANALYTICS}`, access: 'read', query: causesQuerySchema, response: causesResponseSchema, csv: true },
  {
    method: 'get',
    path: '/api/v1/analytics/services/before-after',
    summary: 'Weekly hours and incidents of an annotation’s services before vs after it (SPEC §2.4).',
    access: 'read',
    query: beforeAfterQuerySchema,
    response: beforeAfterResponseSchema,
    csv: true,
  },
  { method: 'get', path: '/api/v1/analytics/noise', summary: `Pager noise and escalations (SPEC §2.5). ${ANALYTICS}`, access: 'read', query: noiseQuerySchema, response: noiseResponseSchema, csv: true },
  { method: 'get', path: '/api/v1/analytics/oncall', summary: `On-call health: hours on call, interruptions, nights, streaks, team spread and health flags (METRICS.md "On-call health"). ${ANALYTICS} By default \`responders\` lists the flagged and the ${ONCALL_RESPONDERS_LISTED} most on call (\`respondersTotal\` counts all); \`responders=all\` lists everyone, and the CSV always does.`, access: 'read', query: oncallQuerySchema, response: oncallResponseSchema, csv: true },
  { method: 'get', path: '/api/v1/analytics/readiness', summary: `Responder readiness (SPEC §2.6). ${ANALYTICS}`, access: 'read', query: readinessQuerySchema, response: readinessReportSchema, csv: true },
  { method: 'get', path: '/api/docs', summary: 'This OpenAPI document.', access: 'public' },
];
