import { chatIdSchema, responderInputSchema, SEVERITY_MAX, SEVERITY_MIN } from '@firewatch/shared';
import {
  IngestBundleBuilder,
  toInstant,
  toText,
  zodProblems,
  type IngestItem,
  type WebhookIgnored,
  type WebhookInvalid,
  type WebhookMapped,
} from '../webhook-mapping.js';
import {
  incidentIoEnvelopeSchema,
  incidentIoIncidentSchema,
  incidentIoStatusChangeSchema,
  type IncidentIoIncident,
  type IncidentIoStatusChange,
  type IncidentIoUser,
} from './incident-io-payload.js';

/*
 * incident.io webhooks → Firewatch incidents, for ingest mode `merge`.
 * https://api-docs.incident.io/tag/Webhooks/ and https://help.incident.io/en/articles/6541971-incident-lifecycle
 *
 * - `public_incident.incident_created_v2`, `…incident_updated_v2` and `…incident_status_updated_v2`
 *   carry the whole incident; each upserts one incident (source `incident-io`, externalId = incident
 *   id, title = `name`, declaredAt = `created_at`). Other event types are ignored, including the
 *   `private_incident.*` ones, which carry only an id.
 * - Severity: incident.io ranks grow with severity ("lower numbers are less severe") and each
 *   organisation defines its own ladder, so severity = `mostSevereRank − rank + 1`, clamped to 1..5:
 *   with the default `mostSevereRank` 3 (Minor 1 / Major 2 / Critical 3) Critical → 1, Major → 2,
 *   Minor → 3. No severity yet (triage) → 5: unknown is never counted as major.
 * - Kind: `test` when the mode is `test` or `tutorial`, and when the status category is `declined`,
 *   `merged` or `canceled` — such an incident never was one (or is counted under the incident it was
 *   merged into), and `test` is the kind Firewatch excludes everywhere. Otherwise `incident`
 *   (`retrospective` included). The payload has no game-day signal, so `game_day` is never set.
 * - Timestamps come from `incident_timestamp_values`, matched by name (case-insensitive, a trailing
 *   "at" ignored; configurable): startedAt ← "Impact started", acknowledgedAt ← "Accepted" (leaving
 *   triage), mitigatedAt ← "Fixed" (first move to Monitoring), resolvedAt ← "Resolved", else "Closed".
 *   Without such a timestamp, a status update moving from `triage`/`live`/`paused` into `learning` or
 *   `closed` (the impact is over) resolves at the incident's `updated_at`, the time of that change.
 *   Timestamps that contradict each other (edited by hand) are left out rather than refusing the
 *   event: startedAt after mitigation/resolution, mitigatedAt after resolvedAt, acknowledgedAt
 *   before declaredAt.
 * - Roles: each assigned role becomes `{ responder: user id, role }` with role `lead` for the lead
 *   and the slug of the short form (else name) for custom roles. The `reporter` role is left out: it
 *   names who raised the incident, not who responded, and a role counts towards readiness.
 * - Responders: externalId = user id, name (else email, else id), email when it is a valid address,
 *   chatUserId = `slack_user_id`.
 * - chatChannelId = the incident's `slack_channel_id`: messages in that channel are activity on it.
 *   A Slack id that is not one (malformed) is left out rather than refusing the event.
 * - incident.io sends no actor or event time, so no activity is derived.
 */

const SOURCE = 'incident-io';

const EVENT_INCIDENT_CREATED = 'public_incident.incident_created_v2';
const EVENT_INCIDENT_UPDATED = 'public_incident.incident_updated_v2';
const EVENT_STATUS_UPDATED = 'public_incident.incident_status_updated_v2';

const TEST_MODES = new Set(['test', 'tutorial']);
const DISCARDED_CATEGORIES = new Set(['declined', 'merged', 'canceled']);
const OPEN_CATEGORIES = new Set(['triage', 'live', 'paused']);
const OVER_CATEGORIES = new Set(['learning', 'closed']);

export interface IncidentIoMappingOptions {
  /** Rank of the organisation's most severe severity; it maps to Firewatch severity 1. */
  mostSevereRank: number;
  /** Names of the incident timestamps read for each field, first present wins. */
  timestampNames: Record<'startedAt' | 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt', string[]>;
}
export const DEFAULT_INCIDENT_IO_OPTIONS: IncidentIoMappingOptions = {
  mostSevereRank: 3,
  timestampNames: {
    startedAt: ['Impact started'],
    acknowledgedAt: ['Accepted'],
    mitigatedAt: ['Fixed'],
    resolvedAt: ['Resolved', 'Closed'],
  },
};

export type IncidentIoMapResult = WebhookMapped | WebhookIgnored | WebhookInvalid;

/**
 * Maps one incident.io webhook delivery (the parsed JSON body) to Firewatch ingest items. The
 * delivery's identity is its `webhook-id` header, which only the caller knows.
 */
export function mapIncidentIoEvent(
  payload: unknown,
  options: IncidentIoMappingOptions = DEFAULT_INCIDENT_IO_OPTIONS,
): IncidentIoMapResult {
  const envelope = incidentIoEnvelopeSchema.safeParse(payload);
  if (!envelope.success) return { kind: 'invalid', problems: zodProblems(envelope.error) };
  const eventType = envelope.data.event_type;
  const body: unknown = envelope.data[eventType];

  if (eventType === EVENT_INCIDENT_CREATED || eventType === EVENT_INCIDENT_UPDATED) {
    const incident = incidentIoIncidentSchema.safeParse(body);
    if (!incident.success) return { kind: 'invalid', problems: zodProblems(incident.error, [eventType]) };
    return mapIncident(incident.data, undefined, options);
  }
  if (eventType === EVENT_STATUS_UPDATED) {
    const change = incidentIoStatusChangeSchema.safeParse(body);
    if (!change.success) return { kind: 'invalid', problems: zodProblems(change.error, [eventType]) };
    return mapIncident(change.data.incident, change.data, options);
  }
  return { kind: 'ignored', reason: `event type ${eventType} is not mapped` };
}

function mapIncident(
  incident: IncidentIoIncident,
  statusChange: IncidentIoStatusChange | undefined,
  options: IncidentIoMappingOptions,
): WebhookMapped | WebhookInvalid {
  const builder = new IngestBundleBuilder();

  const roles: Array<{ responder: string; role: string }> = [];
  for (const { role, assignee } of incident.incident_role_assignments ?? []) {
    const name = roleName(role);
    if (!assignee || !name) continue;
    builder.add('responders', responderOf(assignee));
    if (!roles.some((r) => r.responder === assignee.id && r.role === name)) roles.push({ responder: assignee.id, role: name });
  }

  const declaredAt = toInstant(incident.created_at);
  const timestamps = timestampsOf(incident);
  const pick = (field: keyof IncidentIoMappingOptions['timestampNames']): string | undefined =>
    options.timestampNames[field].map((name) => timestamps.get(timestampKey(name))).find((value) => value !== undefined);

  let startedAt = pick('startedAt');
  let acknowledgedAt = pick('acknowledgedAt');
  let mitigatedAt = pick('mitigatedAt');
  const resolvedAt = pick('resolvedAt') ?? resolvedByStatusChange(incident, statusChange);
  if (acknowledgedAt && acknowledgedAt < declaredAt) acknowledgedAt = undefined;
  if (mitigatedAt && resolvedAt && mitigatedAt > resolvedAt) mitigatedAt = undefined;
  const impactOver = mitigatedAt ?? resolvedAt;
  if (startedAt && impactOver && startedAt > impactOver) startedAt = undefined;

  builder.add('incidents', {
    externalId: incident.id,
    source: SOURCE,
    title: toText(incident.name, 500) ?? toText(incident.reference, 500) ?? incident.id,
    kind: kindOf(incident),
    severity: severityOf(incident, options.mostSevereRank),
    declaredAt,
    ...(startedAt && { startedAt }),
    ...(acknowledgedAt && { acknowledgedAt }),
    ...(mitigatedAt && { mitigatedAt }),
    ...(resolvedAt && { resolvedAt }),
    ...(roles.length > 0 && { roles }),
    ...chatId('chatChannelId', incident.slack_channel_id),
  });
  return builder.build();
}

function kindOf(incident: IncidentIoIncident): 'incident' | 'test' {
  return TEST_MODES.has(incident.mode) || DISCARDED_CATEGORIES.has(incident.incident_status.category) ? 'test' : 'incident';
}

function severityOf(incident: IncidentIoIncident, mostSevereRank: number): number {
  if (!incident.severity) return SEVERITY_MAX;
  const severity = mostSevereRank - incident.severity.rank + 1;
  return Math.min(SEVERITY_MAX, Math.max(SEVERITY_MIN, severity));
}

/** Timestamp values by normalised name, as UTC instants (ISO strings in UTC compare chronologically). */
function timestampsOf(incident: IncidentIoIncident): Map<string, string> {
  const values = new Map<string, string>();
  for (const { incident_timestamp, value } of incident.incident_timestamp_values ?? []) {
    const key = timestampKey(incident_timestamp.name);
    if (value?.value && !values.has(key)) values.set(key, toInstant(value.value));
  }
  return values;
}

/** "Impact started at", "impact started" and " Impact Started " are the same timestamp. */
function timestampKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+at$/, '');
}

function resolvedByStatusChange(incident: IncidentIoIncident, change: IncidentIoStatusChange | undefined): string | undefined {
  if (!change) return undefined;
  const endsImpact = OPEN_CATEGORIES.has(change.previous_status.category) && OVER_CATEGORIES.has(change.new_status.category);
  return endsImpact ? toInstant(incident.updated_at) : undefined;
}

function roleName(role: { role_type: string; shortform?: string | null; name?: string | null }): string | undefined {
  if (role.role_type === 'reporter') return undefined;
  if (role.role_type === 'lead') return 'lead';
  const slug = (role.shortform || role.name || role.role_type)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents, split off by NFKD
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z]+/, '') // a role name starts with a letter
    .slice(0, 40)
    .replace(/[-_]+$/, '');
  return slug || 'role';
}

function responderOf(user: IncidentIoUser): IngestItem<'responders'> {
  const email = responderInputSchema.shape.email.safeParse(user.email ?? undefined);
  return {
    externalId: user.id,
    source: SOURCE,
    name: toText(user.name, 200) ?? toText(user.email, 200) ?? user.id,
    ...(email.success && email.data !== undefined && { email: email.data }),
    ...chatId('chatUserId', user.slack_user_id),
  };
}

/** `{ [field]: id }` when `id` is a well-formed chat id, else nothing. */
function chatId<F extends string>(field: F, id: string | null | undefined): Partial<Record<F, string>> {
  return id && chatIdSchema.safeParse(id).success ? ({ [field]: id } as Record<F, string>) : {};
}
