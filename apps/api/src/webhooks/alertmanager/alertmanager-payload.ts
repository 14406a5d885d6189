import { z } from 'zod';
import { vendorDateTimeSchema } from '../webhook-mapping.js';

/*
 * The Prometheus Alertmanager webhook payload, version 4, as documented under `<webhook_config>`:
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
 * Objects are loose: Alertmanager forks and newer releases add fields (Grafana adds `orgId`, `values`…).
 */

const labelSetSchema = z.record(z.string(), z.string());
const statusSchema = z.enum(['firing', 'resolved']);

export const alertmanagerAlertSchema = z.looseObject({
  status: statusSchema,
  labels: labelSetSchema,
  annotations: labelSetSchema,
  startsAt: vendorDateTimeSchema,
  /** `0001-01-01T00:00:00Z` (Go's zero time) while the end is unknown. */
  endsAt: vendorDateTimeSchema,
  generatorURL: z.string(),
  fingerprint: z.string().regex(/^\S+$/, 'must be a non-empty string without whitespace'),
});
export type AlertmanagerAlert = z.infer<typeof alertmanagerAlertSchema>;

/** Only payload version 4 is documented; another version may carry other fields, so it is refused. */
export const alertmanagerVersionSchema = z.looseObject({
  version: z.literal('4', {
    error: (issue) => `must be "4" (the Alertmanager webhook payload version Firewatch reads), got ${JSON.stringify(issue.input) ?? 'nothing'}`,
  }),
});

export const alertmanagerPayloadSchema = alertmanagerVersionSchema.extend({
  groupKey: z.string(),
  /** How many alerts were left out because of `max_alerts`; absent from older releases. */
  truncatedAlerts: z.number().int().min(0).optional(),
  status: statusSchema,
  receiver: z.string(),
  groupLabels: labelSetSchema,
  commonLabels: labelSetSchema,
  commonAnnotations: labelSetSchema,
  externalURL: z.string(),
  alerts: z.array(alertmanagerAlertSchema),
});
export type AlertmanagerPayload = z.infer<typeof alertmanagerPayloadSchema>;
