import { isValidTimeZone, type ACTIVITY_KINDS, type PAGE_CHANNELS, type PAGE_REASONS } from '@firewatch/shared';
import { z } from 'zod';
import { IngestBundleBuilder, toInstant, toText, type IngestItem, type WebhookInvalid, type WebhookMapped } from '../webhooks/webhook-mapping.js';
import { addIncidentAndAlert, nameOf, type PagerDutyIncidentEnds } from '../webhooks/pagerduty/map-pagerduty-event.js';
import type { PagerDutyReference } from '../webhooks/pagerduty/pagerduty-payload.js';
import type {
  PagerDutyLogEntry,
  PagerDutyOncall,
  PagerDutyRestIncident,
  PagerDutyService,
  PagerDutyTeam,
  PagerDutyUser,
} from './pagerduty-rest-payload.js';

/*
 * PagerDuty REST API v2 history → Firewatch, for ingest mode `merge` (the same records the webhooks
 * write, so both merge; see map-pagerduty-event.ts for the webhook side).
 *
 * Records (all with source `pagerduty`; external ids are PagerDuty ids, as the webhooks use them):
 * - Teams (`/teams`), services (`/services`, team = first of `teams`) and responders (`/users`: name,
 *   email, `time_zone` when it is an IANA zone, team = first of `teams`). A user, service or team that
 *   an incident references but the directory no longer lists (deleted) is recorded from the reference.
 * - A PD incident (`/incidents`, by `created_at`) is both a Firewatch **alert** and **incident** with
 *   externalId = the PD incident id, exactly as the webhook mapper records it (title, urgency,
 *   priority → severity, first team, service, declaredAt = firedAt = `created_at`).
 * - The incident's log entries (`/incidents/{id}/log_entries`) are read oldest first; entries of the
 *   same instant in causal order (trigger, escalation, assignment, notification, acknowledgement,
 *   note, resolution). They give:
 *   - **pages**: each `notify_log_entry` is one page of its `user` at `created_at`, externalId = the log
 *     entry id, channel = `channel.notification.type` without `_notification` (`phone`, `sms`,
 *     `push`, `email`); a notification of any other type is not a page and is skipped.
 *   - the escalation **level** and **reason** of each page: the REST API names no level on a
 *     notification, so it is the position in the escalation path at that moment: 1 from the trigger
 *     (`initial`); each `escalate_log_entry` raises it by one, `timeout` when PagerDuty escalated
 *     (agent not a user, `channel.type` `timeout`), `manual` when a user did; a
 *     `repeat_escalation_path_log_entry` starts the path again at 1 (`timeout`); a
 *     `delegate_log_entry` (reassignment to another escalation policy) starts that policy at 1 and a
 *     `reassign_log_entry` or an `assign_log_entry` by a user keeps the level, both `reassigned`.
 *   - **alert and incident fields**: the first `acknowledge_log_entry` sets acknowledgedAt (and the
 *     alert's acknowledgedBy when a user acknowledged; the first acknowledgement is what TTA measures);
 *     the last `resolve_log_entry` of a resolved incident sets resolvedAt, with resolvedBy `human`
 *     when a user resolved and `auto` otherwise (integration or auto-resolve timeout).
 *   - **activity** of the agent when it is a user, at `created_at`, externalId = the log entry id:
 *     `annotate_log_entry` (a note) → `message`, `acknowledge_log_entry` → `page_ack`; trigger,
 *     resolve, escalate, assign, reassign, delegate, snooze, unacknowledge and urgency change done by
 *     hand → `action`. A notification is not work of the user notified, and other types are not work. The REST log lists no status updates: those come only from the webhook
 *     (`incident.status_update_published`).
 * - Shifts from `/oncalls`: one per on-call period with a start and an end (a permanent on-call of a
 *   user named directly in a policy has neither and is skipped), externalId
 *   `<policy>:<level>:<schedule>:<user>:<start>`, rotation = the schedule's name, level =
 *   `escalation_level`.
 *
 * Coexistence with the webhooks: for an incident it has read, the import is authoritative about pages
 * and hand-done activity. In the same transaction as its records, it deletes that alert's pages the
 * webhook synthesised (`<eventId>:page:<userId>`, channel `push`) and that incident's webhook activity
 * of the kinds the log reproduces (`page_ack`, `message`, `action`); webhook `status_update` and
 * `role_change` activity stay. Incidents and alerts merge field by field. A webhook event that arrives
 * after the import for an incident it read adds its synthesised page again until the next import.
 */

const SOURCE = 'pagerduty';

type PageChannel = (typeof PAGE_CHANNELS)[number];
type PageReason = (typeof PAGE_REASONS)[number];
type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Webhook activity kinds that the log entries reproduce, replaced for an incident the import read. */
export const LOG_ACTIVITY_KINDS: readonly ActivityKind[] = ['page_ack', 'message', 'action'];

const NOTIFIED_CHANNELS = new Set<string>(['phone', 'sms', 'push', 'email'] satisfies PageChannel[]);

/** Order of log entries of the same instant: cause before effect. */
const SAME_INSTANT_ORDER: Record<string, number> = {
  trigger_log_entry: 0,
  repeat_escalation_path_log_entry: 1,
  escalate_log_entry: 1,
  delegate_log_entry: 1,
  reassign_log_entry: 1,
  assign_log_entry: 2,
  notify_log_entry: 3,
  acknowledge_log_entry: 4,
  annotate_log_entry: 5,
  resolve_log_entry: 6,
};
const LATER = 5;

/**
 * Activity of a log entry whose agent is a user: what a person did by hand. A notification is not
 * something its user did, and entry types not listed here are not recorded as work.
 */
const ACTIVITY_OF: Partial<Record<string, ActivityKind>> = {
  acknowledge_log_entry: 'page_ack',
  acknowledgement_log_entry: 'page_ack',
  annotate_log_entry: 'message',
  trigger_log_entry: 'action',
  resolve_log_entry: 'action',
  escalate_log_entry: 'action',
  assign_log_entry: 'action',
  reassign_log_entry: 'action',
  delegate_log_entry: 'action',
  snooze_log_entry: 'action',
  unacknowledge_log_entry: 'action',
  urgency_change_log_entry: 'action',
};

const isAcknowledge = (type: string) => type === 'acknowledge_log_entry' || type === 'acknowledgement_log_entry';

export interface PagerDutyDirectory {
  teams: readonly PagerDutyTeam[];
  services: readonly PagerDutyService[];
  users: readonly PagerDutyUser[];
}

export interface PagerDutyIncidentHistory {
  incident: PagerDutyRestIncident;
  logEntries: readonly PagerDutyLogEntry[];
}

export interface PagerDutyHistoryInput {
  directory: PagerDutyDirectory;
  /** Emit every team, service and user of the directory (the first batch of a run), not only those referenced. */
  includeDirectory: boolean;
  incidents: readonly PagerDutyIncidentHistory[];
  oncalls: readonly PagerDutyOncall[];
}

export interface PagerDutyHistoryCounts {
  incidents: number;
  logEntries: number;
  pages: number;
  activity: number;
  shifts: number;
  /** Notifications of a type that is not a page channel (none documented today). */
  skippedNotifications: number;
}

export type PagerDutyHistoryResult = (WebhookMapped & { counts: PagerDutyHistoryCounts }) | WebhookInvalid;

/** Maps directory, incidents with their log entries, and on-call periods to one ingest bundle. */
export function mapPagerDutyHistory(input: PagerDutyHistoryInput): PagerDutyHistoryResult {
  const records = new DirectoryRecords(input.directory, new IngestBundleBuilder());
  if (input.includeDirectory) records.addAll();
  const counts: PagerDutyHistoryCounts = { incidents: 0, logEntries: 0, pages: 0, activity: 0, shifts: 0, skippedNotifications: 0 };
  for (const history of input.incidents) addIncident(records, history, counts);
  for (const oncall of input.oncalls) {
    if (!oncall.start || !oncall.end) continue;
    records.user(oncall.user);
    const start = toInstant(oncall.start);
    const scheduleId = oncall.schedule?.id ?? 'direct';
    records.builder.add('shifts', {
      externalId: `${oncall.escalation_policy.id}:${oncall.escalation_level}:${scheduleId}:${oncall.user.id}:${start}`,
      source: SOURCE,
      responder: oncall.user.id,
      rotation: (oncall.schedule ? nameOf(oncall.schedule) : undefined) ?? nameOf(oncall.escalation_policy),
      level: oncall.escalation_level,
      start,
      end: toInstant(oncall.end),
    });
    counts.shifts++;
  }
  const built = records.builder.build();
  return built.kind === 'mapped' ? { ...built, counts } : built;
}

function addIncident(records: DirectoryRecords, { incident, logEntries }: PagerDutyIncidentHistory, counts: PagerDutyHistoryCounts): void {
  const { builder } = records;
  counts.incidents++;
  counts.logEntries += logEntries.length;
  records.service(incident.service);
  const team = incident.teams?.[0];
  if (team) records.team(team);

  const log = [...logEntries].sort(
    (a, b) =>
      Date.parse(a.created_at) - Date.parse(b.created_at) ||
      (SAME_INSTANT_ORDER[a.type] ?? LATER) - (SAME_INSTANT_ORDER[b.type] ?? LATER) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let level = 1;
  let reason: PageReason = 'initial';
  let acknowledged: PagerDutyIncidentEnds['acknowledged'];
  let resolved: PagerDutyIncidentEnds['resolved'];
  for (const entry of log) {
    const at = toInstant(entry.created_at);
    const byUser = entry.agent?.type === 'user_reference' ? entry.agent : undefined;
    switch (entry.type) {
      case 'trigger_log_entry':
        level = 1;
        reason = 'initial';
        break;
      case 'escalate_log_entry':
        level++;
        reason = byUser ? 'manual' : 'timeout';
        break;
      case 'repeat_escalation_path_log_entry':
        level = 1;
        reason = 'timeout';
        break;
      case 'delegate_log_entry':
        level = 1;
        reason = 'reassigned';
        break;
      case 'reassign_log_entry':
        reason = 'reassigned';
        break;
      case 'assign_log_entry':
        if (byUser) reason = 'reassigned';
        break;
      case 'resolve_log_entry':
        resolved = { at, byUser: byUser !== undefined };
        break;
      case 'notify_log_entry': {
        const channel = channelOf(entry);
        if (!entry.user || !channel) {
          counts.skippedNotifications++;
          break;
        }
        records.user(entry.user);
        builder.add('pages', { externalId: entry.id, source: SOURCE, alert: incident.id, responder: entry.user.id, at, channel, level, reason });
        counts.pages++;
        break;
      }
    }
    if (isAcknowledge(entry.type) && !acknowledged) acknowledged = { at, by: byUser?.id };
    const kind = ACTIVITY_OF[entry.type];
    if (byUser && kind) {
      records.user(byUser);
      builder.add('activity', { externalId: entry.id, source: SOURCE, responder: byUser.id, incident: incident.id, at, kind });
      counts.activity++;
    }
  }
  // A reopened incident's earlier resolution is not its end.
  if (incident.status && incident.status !== 'resolved') resolved = undefined;

  addIncidentAndAlert(builder, incident, team?.id, { acknowledged, resolved });
}

/** `phone_notification` → `phone`; `channel.type` when PagerDuty gives no notification object. */
function channelOf(entry: PagerDutyLogEntry): PageChannel | undefined {
  const type = entry.channel?.notification?.type?.replace(/_notification$/, '') ?? entry.channel?.type ?? '';
  return NOTIFIED_CHANNELS.has(type) ? (type as PageChannel) : undefined;
}

const emailSchema = z.email();

/**
 * Teams, services and responders as the directory describes them, emitted once per bundle. A
 * reference is recorded from the directory entry when there is one, so every batch writes the same
 * values (a re-run then changes nothing), and from the reference's summary otherwise.
 */
class DirectoryRecords {
  private readonly teams: Map<string, PagerDutyTeam>;
  private readonly services: Map<string, PagerDutyService>;
  private readonly users: Map<string, PagerDutyUser>;

  constructor(
    directory: PagerDutyDirectory,
    readonly builder: IngestBundleBuilder,
  ) {
    this.teams = new Map(directory.teams.map((t) => [t.id, t]));
    this.services = new Map(directory.services.map((s) => [s.id, s]));
    this.users = new Map(directory.users.map((u) => [u.id, u]));
  }

  addAll(): void {
    for (const team of this.teams.values()) this.team(team);
    for (const service of this.services.values()) this.service(service);
    for (const user of this.users.values()) this.user(user);
  }

  team(ref: PagerDutyReference): void {
    const team = this.teams.get(ref.id);
    this.builder.add('teams', { externalId: ref.id, source: SOURCE, name: displayName(team ?? ref) });
  }

  service(ref: PagerDutyReference): void {
    const service = this.services.get(ref.id);
    const team = service?.teams?.[0];
    if (team) this.team(team);
    this.builder.add('services', { externalId: ref.id, source: SOURCE, name: displayName(service ?? ref), ...(team && { team: team.id }) });
  }

  user(ref: PagerDutyReference): void {
    const user = this.users.get(ref.id);
    const item: IngestItem<'responders'> = { externalId: ref.id, source: SOURCE, name: displayName(user ?? ref) };
    if (user) {
      const team = user.teams?.[0];
      if (team) {
        this.team(team);
        item.team = team.id;
      }
      const email = user.email?.trim();
      if (email && emailSchema.safeParse(email).success) item.email = email;
      if (user.time_zone && isValidTimeZone(user.time_zone)) item.timezone = user.time_zone;
    }
    this.builder.add('responders', item);
  }
}

/** A directory object's `name`, else its `summary`, else its id. */
function displayName(object: PagerDutyReference & { name?: string | null }): string {
  return toText(object.name, 200) ?? nameOf(object);
}
