import { externalIdSchema } from '@firewatch/shared';
import { z } from 'zod';
import { vendorDateTimeSchema } from '../webhook-mapping.js';

/*
 * incident.io webhook payloads, as far as Firewatch reads them. A delivery is
 * `{ "event_type": T, T: <payload> }`; the public incident events carry the full incident (`IncidentV2`
 * of the public API). Objects are loose: incident.io adds fields without a new event version.
 * https://api-docs.incident.io/tag/Webhooks/
 */

export const incidentIoEnvelopeSchema = z.looseObject({
  event_type: z.string().min(1, 'must not be empty'),
});

const userSchema = z.looseObject({
  id: externalIdSchema,
  name: z.string().nullish(),
  email: z.string().nullish(),
  /** The user's Slack id, when incident.io is connected to Slack. */
  slack_user_id: z.string().nullish(),
});
export type IncidentIoUser = z.infer<typeof userSchema>;

/** Category of a status: `triage`, `live`, `paused`, `learning`, `closed`, `declined`, `merged`, `canceled`. */
const statusSchema = z.looseObject({
  category: z.string(),
  name: z.string().nullish(),
});

export const incidentIoIncidentSchema = z.looseObject({
  id: externalIdSchema,
  name: z.string(),
  reference: z.string().nullish(),
  created_at: vendorDateTimeSchema,
  updated_at: vendorDateTimeSchema,
  /** `standard`, `retrospective`, `test` or `tutorial`. */
  mode: z.string(),
  incident_status: statusSchema,
  /** The incident's Slack channel (incident.io opens one per incident), when connected to Slack. */
  slack_channel_id: z.string().nullish(),
  /** Unset while an incident is in triage. Rank: "lower numbers are less severe". */
  severity: z.looseObject({ rank: z.number().int(), name: z.string().nullish() }).nullish(),
  incident_role_assignments: z
    .array(
      z.looseObject({
        role: z.looseObject({
          /** `lead`, `reporter` or `custom`. */
          role_type: z.string(),
          shortform: z.string().nullish(),
          name: z.string().nullish(),
        }),
        assignee: userSchema.nullish(),
      }),
    )
    .nullish(),
  incident_timestamp_values: z
    .array(
      z.looseObject({
        incident_timestamp: z.looseObject({ name: z.string() }),
        value: z.looseObject({ value: vendorDateTimeSchema.nullish() }).nullish(),
      }),
    )
    .nullish(),
});
export type IncidentIoIncident = z.infer<typeof incidentIoIncidentSchema>;

/** Payload of `public_incident.incident_status_updated_v2`. */
export const incidentIoStatusChangeSchema = z.looseObject({
  incident: incidentIoIncidentSchema,
  new_status: statusSchema,
  previous_status: statusSchema,
});
export type IncidentIoStatusChange = z.infer<typeof incidentIoStatusChangeSchema>;
