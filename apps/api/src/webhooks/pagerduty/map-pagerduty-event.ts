import { SEVERITY_MAX, type ACTIVITY_KINDS, type PAGE_REASONS } from '@firewatch/shared';
import {
  IngestBundleBuilder,
  toInstant,
  toText,
  zodProblems,
  type WebhookIgnored,
  type WebhookInvalid,
  type WebhookMapped,
} from '../webhook-mapping.js';
import {
  pagerDutyEnvelopeSchema,
  pagerDutyIncidentChildSchema,
  pagerDutyIncidentSchema,
  pagerDutyResponderRequestSchema,
  type PagerDutyEvent,
  type PagerDutyIncident,
  type PagerDutyReference,
} from './pagerduty-payload.js';

/*
 * PagerDuty Webhooks v3 → Firewatch, for ingest mode `merge` (each event carries a partial view).
 *
 * Records (all with source `pagerduty`; references are PagerDuty ids):
 * - A PD incident is both a Firewatch **alert** (what paged people) and a Firewatch **incident** (what
 *   people worked on), each with externalId = the PD incident id; the alert links to the incident.
 *   Every event whose `data` is an incident snapshot upserts both from the snapshot.
 * - Alert `rule` = the PD incident title. It is the alert summary the integration sent, the closest
 *   thing to "what a human would tune"; `incident_key` is a dedup hash, useless to a reader. The title
 *   is taken as is (digits and ids are not normalised away). The service is a field of its own.
 * - Alert `severity` = PD urgency (`high` / `low`); `firedAt` = incident `created_at`.
 * - Incident `severity`: priority `P1`..`P5` → 1..5; without a priority, urgency high → 2, low → 4;
 *   neither → 5 (unknown never counts as major). `declaredAt` = `created_at`; `team` = first PD team.
 * - Service: externalId = PD service id, name = its summary (emitted with every snapshot).
 * - `incident.acknowledged`: acknowledgedAt = `occurred_at` on alert and incident; acknowledgedBy =
 *   the agent when it is a user. A later re-acknowledgement overwrites the earlier time.
 * - `incident.resolved`: resolvedAt = `occurred_at`; resolvedBy `human` when the agent is a user,
 *   `auto` otherwise (a service or integration resolving, or no agent at all: auto-resolve timeout).
 * - `incident.reopened`: mapped as a snapshot; merge mode cannot clear the stored resolvedAt, so it
 *   stays until the next `incident.resolved` replaces it.
 * - Pages (channel `push`: PD does not say how it notified; level = `escalation_level` when the payload
 *   has one, else 1) go to every assignee of the snapshot on `incident.triggered` (reason `initial`),
 *   `incident.escalated` (`timeout`, or `manual` when a user escalated by hand), `incident.reassigned`
 *   and `incident.delegated` (reassignment to another escalation policy; `reassigned`), and to the
 *   requested user on `incident.responder.added` (`manual`).
 * - Activity of the agent, only when the agent is a user, on the incident at `occurred_at`:
 *   acknowledged → `page_ack`, annotated → `message`, status_update_published → `status_update`,
 *   responder.added → `role_change`, and `action` for triggered, escalated, reassigned, delegated,
 *   priority_updated, resolved and reopened done by hand.
 * - Ids derived from the event id, so a redelivery maps to the same records: page
 *   `<eventId>:page:<userId>`, activity `<eventId>:activity`.
 * - The history import (pagerduty-import/map-pagerduty-history.ts) writes the same records with the
 *   same ids and knows each real notification: for an incident it reads, it deletes these
 *   synthesised pages and this activity of kinds `page_ack`, `message` and `action` in the same
 *   transaction, so webhooks plus a nightly import never count a page twice.
 * - Responders: externalId = PD user id, name = its summary; emitted for every user referenced.
 * - Any other event type (`incident.unacknowledged`, `service.*`, …) is ignored. A note, status update
 *   or responder request with no user to credit and no one paged is ignored too.
 */

const SOURCE = 'pagerduty';

type ActivityKind = (typeof ACTIVITY_KINDS)[number];
type PageReason = (typeof PAGE_REASONS)[number];

interface EventRule {
  /** Shape of `event.data`: an incident snapshot, a note/status update, or a responder request. */
  data: 'incident' | 'incident_child' | 'responder_request';
  /** Activity credited to the agent when the agent is a user. */
  activity: ActivityKind;
  /** Pages to the snapshot's assignees, and their reason (`byUser` when a user caused them). */
  pageAssignees?: { reason: PageReason; byUser?: PageReason };
}

const EVENT_RULES = new Map<string, EventRule>([
  ['incident.triggered', { data: 'incident', activity: 'action', pageAssignees: { reason: 'initial' } }],
  ['incident.acknowledged', { data: 'incident', activity: 'page_ack' }],
  ['incident.resolved', { data: 'incident', activity: 'action' }],
  ['incident.reopened', { data: 'incident', activity: 'action' }],
  ['incident.escalated', { data: 'incident', activity: 'action', pageAssignees: { reason: 'timeout', byUser: 'manual' } }],
  ['incident.reassigned', { data: 'incident', activity: 'action', pageAssignees: { reason: 'reassigned' } }],
  ['incident.delegated', { data: 'incident', activity: 'action', pageAssignees: { reason: 'reassigned' } }],
  ['incident.priority_updated', { data: 'incident', activity: 'action' }],
  ['incident.annotated', { data: 'incident_child', activity: 'message' }],
  ['incident.status_update_published', { data: 'incident_child', activity: 'status_update' }],
  ['incident.responder.added', { data: 'responder_request', activity: 'role_change' }],
]);

export type PagerDutyMapResult =
  | (WebhookMapped & { eventId: string })
  | (WebhookIgnored & { eventId?: string })
  | WebhookInvalid;

/** Maps one PagerDuty Webhooks v3 delivery (the parsed JSON body) to Firewatch ingest items. */
export function mapPagerDutyEvent(payload: unknown): PagerDutyMapResult {
  const envelope = pagerDutyEnvelopeSchema.safeParse(payload);
  if (!envelope.success) return { kind: 'invalid', problems: zodProblems(envelope.error) };
  const event = envelope.data.event;

  const rule = EVENT_RULES.get(event.event_type);
  if (!rule) return { kind: 'ignored', eventId: event.id, reason: `event type ${event.event_type} is not mapped` };

  const at = toInstant(event.occurred_at);
  const agentUser = event.agent?.type === 'user_reference' ? event.agent : undefined;
  const builder = new IngestBundleBuilder();
  const dataPath = ['event', 'data'];

  let incidentId: string;
  if (rule.data === 'incident') {
    const data = pagerDutyIncidentSchema.safeParse(event.data);
    if (!data.success) return { kind: 'invalid', problems: zodProblems(data.error, dataPath) };
    addIncidentSnapshot(builder, event, data.data, rule, agentUser, at);
    incidentId = data.data.id;
  } else if (rule.data === 'incident_child') {
    const data = pagerDutyIncidentChildSchema.safeParse(event.data);
    if (!data.success) return { kind: 'invalid', problems: zodProblems(data.error, dataPath) };
    incidentId = data.data.incident.id;
  } else {
    const data = pagerDutyResponderRequestSchema.safeParse(event.data);
    if (!data.success) return { kind: 'invalid', problems: zodProblems(data.error, dataPath) };
    incidentId = data.data.incident.id;
    if (data.data.user) addPage(builder, event.id, incidentId, data.data.user, at, 1, 'manual');
  }

  if (agentUser) {
    addResponder(builder, agentUser);
    builder.add('activity', {
      externalId: `${event.id}:activity`,
      source: SOURCE,
      responder: agentUser.id,
      incident: incidentId,
      at,
      kind: rule.activity,
    });
  }

  if (builder.isEmpty) {
    return { kind: 'ignored', eventId: event.id, reason: `${event.event_type} without a user agent records nothing` };
  }
  const built = builder.build();
  return built.kind === 'mapped' ? { ...built, eventId: event.id } : built;
}

function addIncidentSnapshot(
  builder: IngestBundleBuilder,
  event: PagerDutyEvent,
  incident: PagerDutyIncident,
  rule: EventRule,
  agentUser: PagerDutyReference | undefined,
  at: string,
): void {
  const { service } = incident;
  builder.add('services', { externalId: service.id, source: SOURCE, name: nameOf(service) });
  const team = incident.teams?.[0];
  if (team) builder.add('teams', { externalId: team.id, source: SOURCE, name: nameOf(team) });

  addIncidentAndAlert(builder, incident, team?.id, {
    acknowledged: event.event_type === 'incident.acknowledged' ? { at, by: agentUser?.id } : undefined,
    resolved: event.event_type === 'incident.resolved' ? { at, byUser: agentUser !== undefined } : undefined,
  });

  if (rule.pageAssignees) {
    const reason = (agentUser && rule.pageAssignees.byUser) || rule.pageAssignees.reason;
    const level = incident.escalation_level ?? 1;
    for (const assignee of incident.assignees ?? []) addPage(builder, event.id, incident.id, assignee, at, level, reason);
  }
}

/** What is known of a PD incident's acknowledgement (by a user's id, when a user did it) and resolution. */
export interface PagerDutyIncidentEnds {
  acknowledged?: { at: string; by?: string };
  resolved?: { at: string; byUser: boolean };
}

/**
 * A PD incident as both the Firewatch incident and the Firewatch alert (externalId = the PD incident id),
 * as the webhooks and the history import (map-pagerduty-history.ts) record it, so that the two merge.
 */
export function addIncidentAndAlert(builder: IngestBundleBuilder, incident: PagerDutyIncident, teamId: string | undefined, ends: PagerDutyIncidentEnds): void {
  const title = toText(incident.title, 500) ?? `PagerDuty incident ${incident.id}`;
  const createdAt = toInstant(incident.created_at);
  const urgency = toText(incident.urgency, 40);
  const { acknowledged, resolved } = ends;
  builder.add('incidents', {
    externalId: incident.id,
    source: SOURCE,
    title,
    kind: 'incident',
    severity: severityOf(incident),
    ...(teamId && { team: teamId }),
    services: [incident.service.id],
    declaredAt: createdAt,
    ...(acknowledged && { acknowledgedAt: acknowledged.at }),
    ...(resolved && { resolvedAt: resolved.at }),
  });
  builder.add('alerts', {
    externalId: incident.id,
    source: SOURCE,
    rule: toText(incident.title, 300) ?? title,
    service: incident.service.id,
    ...(urgency && { severity: urgency }),
    firedAt: createdAt,
    ...(acknowledged && { acknowledgedAt: acknowledged.at, ...(acknowledged.by && { acknowledgedBy: acknowledged.by }) }),
    ...(resolved && { resolvedAt: resolved.at, resolvedBy: resolved.byUser ? 'human' : 'auto' }),
    incident: incident.id,
  });
}

function addPage(
  builder: IngestBundleBuilder,
  eventId: string,
  alertId: string,
  user: PagerDutyReference,
  at: string,
  level: number,
  reason: PageReason,
): void {
  addResponder(builder, user);
  builder.add('pages', {
    externalId: `${eventId}:page:${user.id}`,
    source: SOURCE,
    alert: alertId,
    responder: user.id,
    at,
    channel: 'push',
    level,
    reason,
  });
}

function addResponder(builder: IngestBundleBuilder, user: PagerDutyReference): void {
  builder.add('responders', { externalId: user.id, source: SOURCE, name: nameOf(user) });
}

export function nameOf(reference: PagerDutyReference): string {
  return toText(reference.summary, 200) ?? reference.id;
}

export function severityOf(incident: PagerDutyIncident): number {
  const priority = /^P([1-5])$/i.exec(incident.priority?.summary?.trim() ?? '');
  if (priority) return Number(priority[1]);
  if (incident.urgency === 'high') return 2;
  if (incident.urgency === 'low') return 4;
  return SEVERITY_MAX;
}
