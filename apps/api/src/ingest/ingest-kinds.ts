import type { IngestKind } from '@firewatch/shared';

/** Kinds other records can reference, and the table each lives in. */
export type RefKind = 'teams' | 'services' | 'responders' | 'incidents' | 'alerts';

export type ColumnType = 'text' | 'int' | 'smallint' | 'bigint' | 'timestamptz' | 'jsonb';

export interface ColumnSpec {
  /** Table column. */
  column: string;
  type: ColumnType;
  /** Item field the value comes from. */
  field: string;
  /** The field holds the external id of a record of this kind; the column stores its id. */
  ref?: RefKind;
  /** When the field is omitted, use this other field's value (incident `startedAt` ← `declaredAt`). */
  fallback?: string;
}

export interface ListColumnSpec {
  column: string;
  type: ColumnType;
  ref?: RefKind;
  /** The value of this column for one list entry. */
  value: (entry: unknown) => unknown;
}

/** A list field stored in a join table keyed by the owner's id (incident services, causes, roles). */
export interface ListSpec {
  field: string;
  table: string;
  ownerColumn: string;
  columns: ListColumnSpec[];
}

export interface KindSpec {
  kind: IngestKind;
  table: string;
  /** Postgres type of the id column (for join-table arrays). */
  idType: 'int' | 'bigint';
  columns: ColumnSpec[];
  lists: ListSpec[];
}

const text = (column: string, field: string): ColumnSpec => ({ column, type: 'text', field });
const instant = (column: string, field: string, fallback?: string): ColumnSpec => ({ column, type: 'timestamptz', field, fallback });
const ref = (column: string, field: string, kind: RefKind): ColumnSpec => ({ column, type: kind === 'alerts' ? 'bigint' : 'int', field, ref: kind });
const small = (column: string, field: string): ColumnSpec => ({ column, type: 'smallint', field });

const serviceList = (table: string, ownerColumn: string): ListSpec => ({
  field: 'services',
  table,
  ownerColumn,
  columns: [{ column: 'service_id', type: 'int', ref: 'services', value: (e) => e }],
});

/**
 * How each ingested kind maps onto its table. Kinds are written in this order, so a record can
 * reference records of earlier kinds in the same bundle.
 */
export const KIND_SPECS: readonly KindSpec[] = [
  { kind: 'teams', table: 'teams', idType: 'int', columns: [text('name', 'name')], lists: [] },
  {
    kind: 'services',
    table: 'services',
    idType: 'int',
    columns: [text('name', 'name'), ref('team_id', 'team', 'teams'), small('tier', 'tier')],
    lists: [],
  },
  {
    kind: 'responders',
    table: 'responders',
    idType: 'int',
    columns: [
      text('name', 'name'),
      text('email', 'email'),
      ref('team_id', 'team', 'teams'),
      text('timezone', 'timezone'),
      { column: 'working_hours', type: 'jsonb', field: 'workingHours' },
      text('holiday_country', 'holidayCountry'),
      instant('started_at', 'startedAt'),
      instant('left_at', 'leftAt'),
      text('chat_user_id', 'chatUserId'),
    ],
    lists: [],
  },
  {
    kind: 'incidents',
    table: 'incidents',
    idType: 'int',
    columns: [
      text('title', 'title'),
      text('kind', 'kind'),
      small('severity', 'severity'),
      ref('team_id', 'team', 'teams'),
      instant('declared_at', 'declaredAt'),
      instant('started_at', 'startedAt', 'declaredAt'),
      instant('acknowledged_at', 'acknowledgedAt'),
      instant('mitigated_at', 'mitigatedAt'),
      instant('resolved_at', 'resolvedAt'),
      text('chat_channel_id', 'chatChannelId'),
    ],
    lists: [
      serviceList('incident_services', 'incident_id'),
      { field: 'causes', table: 'incident_causes', ownerColumn: 'incident_id', columns: [{ column: 'cause', type: 'text', value: (e) => e }] },
      {
        field: 'roles',
        table: 'incident_roles',
        ownerColumn: 'incident_id',
        columns: [
          { column: 'responder_id', type: 'int', ref: 'responders', value: (e) => (e as { responder: string }).responder },
          { column: 'role', type: 'text', value: (e) => (e as { role: string }).role },
        ],
      },
    ],
  },
  {
    kind: 'alerts',
    table: 'alerts',
    idType: 'bigint',
    columns: [
      text('rule', 'rule'),
      ref('service_id', 'service', 'services'),
      text('severity', 'severity'),
      instant('fired_at', 'firedAt'),
      instant('resolved_at', 'resolvedAt'),
      text('resolved_by', 'resolvedBy'),
      instant('acknowledged_at', 'acknowledgedAt'),
      ref('acknowledged_by_id', 'acknowledgedBy', 'responders'),
      ref('incident_id', 'incident', 'incidents'),
      text('feedback', 'feedback'),
    ],
    lists: [],
  },
  {
    kind: 'pages',
    table: 'pages',
    idType: 'bigint',
    columns: [
      ref('alert_id', 'alert', 'alerts'),
      ref('responder_id', 'responder', 'responders'),
      instant('at', 'at'),
      text('channel', 'channel'),
      small('level', 'level'),
      text('reason', 'reason'),
    ],
    lists: [],
  },
  {
    kind: 'shifts',
    table: 'shifts',
    idType: 'int',
    columns: [
      ref('responder_id', 'responder', 'responders'),
      text('rotation', 'rotation'),
      small('level', 'level'),
      instant('start_at', 'start'),
      instant('end_at', 'end'),
    ],
    lists: [],
  },
  {
    kind: 'activity',
    table: 'activity',
    idType: 'bigint',
    columns: [
      ref('responder_id', 'responder', 'responders'),
      ref('incident_id', 'incident', 'incidents'),
      instant('at', 'at'),
      text('kind', 'kind'),
      instant('end_at', 'endAt'),
    ],
    lists: [],
  },
  {
    kind: 'annotations',
    table: 'annotations',
    idType: 'int',
    columns: [text('title', 'title'), text('kind', 'kind'), instant('at', 'at'), instant('end_at', 'endAt')],
    lists: [serviceList('annotation_services', 'annotation_id')],
  },
];

export const TABLE_OF: Record<RefKind, string> = {
  teams: 'teams',
  services: 'services',
  responders: 'responders',
  incidents: 'incidents',
  alerts: 'alerts',
};

/** The singular noun of a kind, for messages ("unknown incident …"). */
export const NOUN_OF: Record<RefKind, string> = {
  teams: 'team',
  services: 'service',
  responders: 'responder',
  incidents: 'incident',
  alerts: 'alert',
};
