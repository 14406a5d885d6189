import { externalIdSchema } from '@firewatch/shared';
import {
  IngestBundleBuilder,
  isRealInstant,
  toInstant,
  toText,
  zodProblems,
  type WebhookInvalid,
  type WebhookMapped,
  type WebhookProblem,
} from '../webhook-mapping.js';
import { alertmanagerPayloadSchema, alertmanagerVersionSchema, type AlertmanagerAlert } from './alertmanager-payload.js';

/*
 * Prometheus Alertmanager webhook (payload version 4) → Firewatch alerts, for ingest mode `merge`.
 *
 * - One Firewatch alert per entry of `alerts[]`, source `alertmanager`, externalId
 *   `<fingerprint>:<startsAt as UTC ISO with milliseconds>`: the resolved notification of a firing
 *   updates the same alert, and a re-fire (same labels, new `startsAt`) is a new alert, so flaps count.
 * - `rule` = the `alertname` label (required: without it there is nothing to tune); `severity` = the
 *   `severity` label when present; `firedAt` = `startsAt`.
 * - `service` = the value of the first label of `serviceLabels` (default `service`, then `job`) that is
 *   present and usable as an external id (no whitespace); a service item with that value as its
 *   externalId and name is emitted with it.
 * - Only `status: resolved` resolves: resolvedAt = `endsAt`, resolvedBy `auto` (Alertmanager resolves
 *   when the condition clears; a human acknowledgement is not visible here). A firing alert's `endsAt`
 *   is either Go's zero time `0001-01-01T00:00:00Z` (still firing) or a provisional future end set by
 *   Prometheus, and is never read. A resolved alert whose `endsAt` is a placeholder (any year before
 *   1970) gets no resolution.
 * - Group fields (`groupKey`, `commonLabels`, …) are validated but carry nothing an alert lacks.
 *   Alerts left out by `max_alerts` (`truncatedAlerts`) cannot be recorded.
 */

const SOURCE = 'alertmanager';

export interface AlertmanagerMappingOptions {
  /** Labels naming the service of an alert, in order of preference. */
  serviceLabels: string[];
}
export const DEFAULT_ALERTMANAGER_OPTIONS: AlertmanagerMappingOptions = { serviceLabels: ['service', 'job'] };

export type AlertmanagerMapResult = WebhookMapped | WebhookInvalid;

/** Maps one Alertmanager webhook notification (the parsed JSON body) to Firewatch ingest items. */
export function mapAlertmanagerPayload(
  payload: unknown,
  options: AlertmanagerMappingOptions = DEFAULT_ALERTMANAGER_OPTIONS,
): AlertmanagerMapResult {
  // The version alone first: for another version the other fields' problems would only be noise.
  const versioned = alertmanagerVersionSchema.safeParse(payload);
  if (!versioned.success) return { kind: 'invalid', problems: zodProblems(versioned.error) };
  const parsed = alertmanagerPayloadSchema.safeParse(payload);
  if (!parsed.success) return { kind: 'invalid', problems: zodProblems(parsed.error) };

  const problems: WebhookProblem[] = [];
  const builder = new IngestBundleBuilder();
  parsed.data.alerts.forEach((alert, index) => {
    const rule = toText(alert.labels.alertname, 300);
    if (!rule) {
      problems.push({ path: `alerts.${index}.labels.alertname`, message: 'is required: it names the alert rule' });
      return;
    }
    const service = serviceOf(alert, options.serviceLabels);
    if (service) builder.add('services', { externalId: service, source: SOURCE, name: service });
    const severity = toText(alert.labels.severity, 40);
    const firedAt = toInstant(alert.startsAt);
    const resolved = alert.status === 'resolved' && isRealInstant(alert.endsAt);
    builder.add('alerts', {
      externalId: `${alert.fingerprint}:${firedAt}`,
      source: SOURCE,
      rule,
      ...(service && { service }),
      ...(severity && { severity }),
      firedAt,
      ...(resolved && { resolvedAt: toInstant(alert.endsAt), resolvedBy: 'auto' }),
    });
  });
  return problems.length > 0 ? { kind: 'invalid', problems } : builder.build();
}

function serviceOf(alert: AlertmanagerAlert, serviceLabels: string[]): string | undefined {
  for (const label of serviceLabels) {
    const value = Object.hasOwn(alert.labels, label) ? alert.labels[label] : undefined;
    if (value !== undefined && externalIdSchema.safeParse(value).success) return value;
  }
  return undefined;
}
