import type { DataSource, EntityManager } from 'typeorm';
import type { WorkingHours } from '@firewatch/shared';
import { FLAP_WINDOW_MINUTES } from '../../../apps/api/src/analytics/noise/classify-alert.js';
import { ALERT_SEVERITY_RANK, criteriaParams, FLAP_LOOKBACK, type NoiseCriteria } from '../../../apps/api/src/analytics/noise/noise.query.js';
import type { PageLike } from './merge-interruptions.js';

/**
 * The reference of the noise report: SPEC §2.5 read row by row from the raw `alerts` and `pages`, as
 * the report was computed before it read maintained facts. The differential tests require the report
 * to equal what this reads and `aggregateNoiseRows` computes. Which alerts a request selects (the
 * criteria, the severity scale) is the report's own definition, imported.
 */

/** The earliest firing of a possible flap predecessor of an alert fired at or after $1. */
const FLAP_READ_FROM = `$1::timestamptz - ${FLAP_LOOKBACK} - interval '${FLAP_WINDOW_MINUTES} minutes'`;

/** Whether alert `a` (with its service `s`) is of team $3 and one of services $4 (empty = any). */
const SERVICE_MATCHES = `
       ($3::text IS NULL OR EXISTS (SELECT 1 FROM teams t WHERE t.id = s.team_id AND t.external_id = $3::text))
   AND (cardinality($4::text[]) = 0 OR s.external_id = ANY($4::text[]))`;

/** The alert columns the statements read. */
const ALERT_COLUMNS = `a.id, a.source, a.rule, a.service_id, a.fired_at, a.resolved_at, a.resolved_by, a.acknowledged_at, a.acknowledged_by_id, a.incident_id, a.feedback`;

/** SPEC §1: test incidents count nowhere, nor do the alerts linked to them. */
const NOT_TEST = `NOT EXISTS (SELECT 1 FROM incidents x WHERE x.id = a.incident_id AND x.kind = 'test')`;

/**
 * Alerts fired in `[$1, $2)` matching the filters ($3 team, $4 services, $5 max severity), as
 * `selected`. Team and service filters read the alert's own service; an alert without a service
 * matches only when neither is given. Alerts linked to a `test` incident are left out.
 */
const SELECTED = `
  selected AS (
    SELECT ${ALERT_COLUMNS}
      FROM alerts a
      LEFT JOIN services s ON s.id = a.service_id
     WHERE a.fired_at >= $1::timestamptz AND a.fired_at < $2::timestamptz
       AND ${SERVICE_MATCHES}
       AND ($5::int IS NULL OR ${ALERT_SEVERITY_RANK} <= $5::int)
       AND ${NOT_TEST}
  )`;

/**
 * `peers`: every alert a selected alert's flap test reads — fired from {@link FLAP_READ_FROM} to $2, of
 * the filtered team and services (a predecessor has the alert's own service, so it passes them too),
 * whatever its severity, not linked to a `test` incident — with `in_range` marking the selected ones;
 * and `selected`, those. A flap does not depend on the request's filters (SPEC §2.5).
 */
const PEERS_AND_SELECTED = `
  peers AS MATERIALIZED (
    SELECT ${ALERT_COLUMNS},
           a.fired_at >= $1::timestamptz AND ($5::int IS NULL OR coalesce(${ALERT_SEVERITY_RANK} <= $5::int, false)) AS in_range
      FROM alerts a
      LEFT JOIN services s ON s.id = a.service_id
     WHERE a.fired_at >= ${FLAP_READ_FROM} AND a.fired_at < $2::timestamptz
       AND ${SERVICE_MATCHES}
       AND ${NOT_TEST}
  ),
  selected AS (SELECT * FROM peers WHERE in_range)`;

/** One alert; `inRange` false marks an earlier alert read only as a possible flap predecessor. */
export interface NoiseAlertRow {
  id: string;
  source: string;
  rule: string;
  /** A flap's predecessor has the same service (or, like the alert, none). */
  serviceId: number | null;
  firedAtMs: number;
  resolvedAtMs: number | null;
  resolvedBy: string | null;
  acknowledgedAtMs: number | null;
  acknowledged: boolean;
  incidentId: number | null;
  incidentLinked: boolean;
  /** Kind of the linked incident. */
  incidentKind: string | null;
  feedback: string | null;
  /** At least one page; set from the pages read (NOISE_PAGES_SQL), meaningful for alerts in range. */
  escalated: boolean;
  /** Selected by the request; false: read only as a possible flap predecessor. */
  inRange: boolean;
}

/**
 * The selected alerts (`inRange`) and every other alert of their flap test ({@link PEERS_AND_SELECTED}),
 * ordered by rule, service and firedAt.
 */
export const NOISE_ALERTS_SQL = `
  WITH ${PEERS_AND_SELECTED}
  SELECT a.id::text AS id, a.source, a.rule, a.service_id AS "serviceId",
         (extract(epoch FROM a.fired_at) * 1000)::float8 AS "firedAtMs",
         (extract(epoch FROM a.resolved_at) * 1000)::float8 AS "resolvedAtMs",
         a.resolved_by AS "resolvedBy",
         (extract(epoch FROM a.acknowledged_at) * 1000)::float8 AS "acknowledgedAtMs",
         (a.acknowledged_at IS NOT NULL OR a.acknowledged_by_id IS NOT NULL) AS acknowledged,
         a.incident_id AS "incidentId", a.incident_id IS NOT NULL AS "incidentLinked", i.kind AS "incidentKind", a.feedback,
         a.in_range AS "inRange"
    FROM peers a
    LEFT JOIN incidents i ON i.id = a.incident_id
   ORDER BY a.source COLLATE "C", a.rule COLLATE "C", a.service_id NULLS FIRST, a.fired_at, a.id`;

export interface NoisePageRow {
  alertId: string;
  responderId: number;
  atMs: number;
  channel: string;
  level: number;
  reason: string;
}

/** Pages of the selected alerts, by responder and time (the interruption sweep's order). */
export const NOISE_PAGES_SQL = `
  WITH ${SELECTED}
  SELECT p.alert_id::text AS "alertId", p.responder_id AS "responderId", (extract(epoch FROM p.at) * 1000)::float8 AS "atMs",
         p.channel, p.level, p.reason
    FROM selected a
    JOIN pages p ON p.alert_id = a.id
   ORDER BY p.responder_id, p.at, p.id`;

export interface NoiseResponderRow {
  id: number;
  externalId: string;
  name: string;
  timezone: string | null;
  workingHours: WorkingHours | null;
  holidayCountry: string | null;
}

/** Responders by id, with what their calendar needs. */
export const NOISE_RESPONDERS_SQL = `
  SELECT r.id, r.external_id AS "externalId", r.name, r.timezone, r.working_hours AS "workingHours", r.holiday_country AS "holidayCountry"
    FROM responders r
   WHERE r.id = ANY($1::int[])`;

/**
 * Every page of responders $1 of alerts not linked to a `test` incident, any channel, in the merge's
 * (responder, at, id) order: an interruption is merged over all of a person's pages.
 */
export const MERGED_PAGES_SQL = `
  SELECT p.alert_id::text AS "alertId", p.responder_id AS "responderId", (extract(epoch FROM p.at) * 1000)::float8 AS "atMs", p.channel
    FROM pages p
    JOIN alerts a ON a.id = p.alert_id
   WHERE p.responder_id = ANY($1::int[]) AND ${NOT_TEST}
   ORDER BY p.responder_id, p.at, p.id`;

export interface NoiseReportRows {
  alerts: NoiseAlertRow[];
  pages: NoisePageRow[];
  responders: NoiseResponderRow[];
  merged: PageLike[];
}


type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** Every alert and page the row-by-row definition reads (`aggregateNoiseRows`). */
export async function queryNoiseRows(db: Queryable, criteria: NoiseCriteria): Promise<NoiseReportRows> {
  const params = criteriaParams(criteria);
  const alerts: Array<Omit<NoiseAlertRow, 'escalated'>> = await db.query(NOISE_ALERTS_SQL, params);
  const pages: NoisePageRow[] = await db.query(NOISE_PAGES_SQL, params);
  const paged = new Set(pages.map((p) => p.alertId));
  const pagedResponders = [...new Set(pages.map((p) => p.responderId))];
  const responders: NoiseResponderRow[] = await db.query(NOISE_RESPONDERS_SQL, [pagedResponders]);
  const merged: PageLike[] = await db.query(MERGED_PAGES_SQL, [pagedResponders]);
  return { alerts: alerts.map((a) => ({ ...a, escalated: paged.has(a.id) })), pages, responders, merged };
}

