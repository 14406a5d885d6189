import type { DataSource, EntityManager } from 'typeorm';
import type { AlertClassCounts, WorkingHours } from '@firewatch/shared';
import { FLAP_WINDOW_MINUTES } from './classify-alert.js';
import { INTERRUPTING_CHANNELS } from './interruptions.js';

/**
 * SQL of the noise report (`GET /api/v1/analytics/noise`, SPEC §2.5). Reads index ranges of `alerts`
 * (by fired_at) and `pages` (by alert), and the small dimension tables; never `activity`. Every value
 * is a `$n` parameter.
 */

/** Which alerts count: fired in `[from, to)` on matching services and severities. */
export interface NoiseCriteria {
  /** Half-open UTC bounds on the alert's firedAt. */
  from: Date;
  to: Date;
  /** The team of the alert's service (external id). */
  team?: string;
  /** The alert's service is ANY of these (external ids); empty = no service filter. */
  services: readonly string[];
  /** Largest severity included, on the 1..5 scale of {@link ALERT_SEVERITY_RANK}. */
  maxSeverity?: number;
}

/**
 * An alert's severity text on the incident scale 1..5 (1 = most severe), so the analytics `severity`
 * filter applies to alerts: `1`…`5`, `p1`, `sev1`, `sev-1` → that number; critical/fatal/emergency → 1;
 * high/error/major → 2; warning/warn/medium → 3; low/minor → 4; info/informational/notice → 5;
 * anything else (or none) → null, which a severity filter excludes.
 */
export const ALERT_SEVERITY_RANK = `
  CASE
    WHEN lower(a.severity) ~ '^(sev|p)?-?[1-5]$' THEN substring(a.severity FROM '[1-5]')::int
    WHEN lower(a.severity) IN ('critical', 'fatal', 'emergency') THEN 1
    WHEN lower(a.severity) IN ('high', 'error', 'major') THEN 2
    WHEN lower(a.severity) IN ('warning', 'warn', 'medium') THEN 3
    WHEN lower(a.severity) IN ('low', 'minor') THEN 4
    WHEN lower(a.severity) IN ('info', 'informational', 'notice') THEN 5
  END`;

/**
 * The longest an alert may have been open and still be a flap predecessor: a re-fire within 60 min of
 * the resolution of an alert that fired more than 7 days earlier is no flap. A property of the two
 * alerts alone, so whether an alert is a flap does not depend on the requested range either.
 */
export const FLAP_LOOKBACK = `interval '7 days'`;

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

/**
 * `classifyAlert` (classify-alert.ts) in SQL, for a selected alert `a` and `e`, the set of paged alert ids
 * (`e.alert_id` null: never paged); $6 is transientMinutes.
 */
const ALERT_CLASS = `
  CASE
    WHEN e.alert_id IS NULL THEN NULL
    WHEN a.incident_id IS NOT NULL OR a.feedback = 'actionable' THEN 'actionable'
    WHEN a.feedback IS NOT NULL THEN 'flagged'
    WHEN a.acknowledged_at IS NOT NULL OR a.acknowledged_by_id IS NOT NULL THEN 'ack_only'
    WHEN a.resolved_by = 'auto' AND a.resolved_at - a.fired_at <= $6::float8 * interval '1 minute' THEN 'transient'
    ELSE 'ignored'
  END`;

/** Escalated alerts' class counts, as json keyed like `AlertClassCounts`, from rows with a `cls` column. */
const CLASS_COUNTS = `
  json_build_object(
    'actionable', count(*) FILTER (WHERE cls = 'actionable'),
    'flagged', count(*) FILTER (WHERE cls = 'flagged'),
    'transient', count(*) FILTER (WHERE cls = 'transient'),
    'ignored', count(*) FILTER (WHERE cls = 'ignored'),
    'ackOnly', count(*) FILTER (WHERE cls = 'ack_only'))`;

/** Pages (any channel) by responder, from `paged`. */
const PAGES_BY_RESPONDER = `
  (SELECT coalesce(json_agg(json_build_object('responderId', responder_id, 'pages', n)), '[]')
     FROM (SELECT responder_id, count(*)::int AS n FROM paged GROUP BY responder_id) x) AS "pagesByResponder"`;

/**
 * Interrupting pages of `paged` as a json object of columns (responderId, atMs and `more`), every array
 * in the same (responder, at, page id) order: the order the interruption merge reads them in.
 */
const interruptingColumns = (more: Record<string, string>): string => {
  const columns: Record<string, string> = { responderId: 'responder_id', atMs: '(extract(epoch FROM at) * 1000)::float8', ...more };
  const arrays = Object.entries(columns).map(([key, value]) => `'${key}', coalesce(json_agg(${value} ORDER BY responder_id, at, id), '[]')`);
  return `json_build_object(${arrays.join(', ')})`;
};

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

export interface NoiseReportRows {
  alerts: NoiseAlertRow[];
  pages: NoisePageRow[];
  responders: NoiseResponderRow[];
}

/** $1–$5 of the alert and page statements. */
export function criteriaParams(c: NoiseCriteria): unknown[] {
  return [c.from.toISOString(), c.to.toISOString(), c.team ?? null, [...c.services], c.maxSeverity ?? null];
}

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/**
 * Every alert and page of the report as rows: the definition of SPEC §2.5 applied row by row
 * ({@link aggregateNoiseRows}), which {@link NOISE_AGGREGATES_SQL} must equal. Reading every row
 * into the API does not scale (2.6M alerts of the benchmark dataset take a minute and gigabytes of
 * memory), so the report reads the aggregates; this stays to check them against.
 */
export async function queryNoiseRows(db: Queryable, criteria: NoiseCriteria): Promise<NoiseReportRows> {
  const params = criteriaParams(criteria);
  const alerts: Array<Omit<NoiseAlertRow, 'escalated'>> = await db.query(NOISE_ALERTS_SQL, params);
  const pages: NoisePageRow[] = await db.query(NOISE_PAGES_SQL, params);
  const paged = new Set(pages.map((p) => p.alertId));
  const responders: NoiseResponderRow[] = await db.query(NOISE_RESPONDERS_SQL, [[...new Set(pages.map((p) => p.responderId))]]);
  return { alerts: alerts.map((a) => ({ ...a, escalated: paged.has(a.id) })), pages, responders };
}

/** One rule's alerts fired in the range. */
export interface NoiseRuleAggregate {
  /** Identifies the rule in {@link NoiseInterruptingPages.ruleNo}. */
  ruleNo: number;
  source: string;
  rule: string;
  fired: number;
  /** Alerts with at least one page (the classified ones). */
  escalated: number;
  classes: AlertClassCounts;
  /** Median minutes from firing to acknowledgement of the escalated, acknowledged alerts, unrounded. */
  ttaMedianMinutes: number | null;
  flaps: number;
  lastFiredAtMs: number;
}

/** Escalated and actionable alerts by ISO week (Monday, org time zone) of firing. */
export interface NoiseWeekAggregate {
  week: string;
  escalated: number;
  actionable: number;
}

/** Escalation depth before ratios: see `escalationDepth` in compute-noise.ts. */
export interface NoiseEscalationAggregate {
  escalatedAlerts: number;
  /** Escalated alerts by the reason of their first page at level ≥ 2 (reasons with none left out). */
  alertsByReason: Record<string, number>;
  /** Incidents of kind `incident` linked to an escalated alert. */
  incidents: number;
  /** Those incidents by the reason of the earliest first page at level ≥ 2 of their alerts. */
  incidentsByReason: Record<string, number>;
}

/**
 * The pages on interrupting channels of the alerts in the range, as columns sorted by (responder, at,
 * page id): the order the interruption merge reads them in. `ruleNo` and `noisy` are those of the
 * page's alert (noisy: its class is not `actionable`).
 */
export interface NoiseInterruptingPages {
  responderId: number[];
  atMs: number[];
  ruleNo: number[];
  noisy: boolean[];
}

export interface NoiseAggregates {
  rules: NoiseRuleAggregate[];
  weeks: NoiseWeekAggregate[];
  escalation: NoiseEscalationAggregate;
  /** Pages (any channel) of the alerts in the range, by responder. */
  pagesByResponder: Array<{ responderId: number; pages: number }>;
  interrupting: NoiseInterruptingPages;
  responders: NoiseResponderRow[];
}

/**
 * The noise report's aggregates in one statement (SPEC §2.5), so the API receives a few rows per rule
 * and week and one column per interrupting page instead of every alert. $1–$5 as {@link criteriaParams},
 * $6 transientMinutes, $7 the org time zone, $8 the interrupting channels. The classification is
 * `classifyAlert` and the flap test `findFlaps` (compute-noise.ts) written in SQL:
 * - flaps: the resolutions of the rule's selected alerts (fired from 7 days before `from`) and the
 *   firings in range on one timeline per rule; a firing is a flap when at least one resolution other
 *   than its own falls in `[firedAt − 60 min, firedAt]` (a RANGE window over the timeline);
 * - escalation: the first page at level ≥ 2 of an alert is its earliest, then lowest level, then the
 *   first in (responder, at, id) order; an incident's is the earliest of its alerts', ties to the first
 *   alert in (source, rule, firedAt, id) order, as the row-by-row definition reads them.
 */
export const NOISE_AGGREGATES_SQL = `
  WITH ${PEERS_AND_SELECTED},
  -- The resolution of each alert open at most FLAP_LOOKBACK and the firing of each selected one, on one
  -- timeline per rule and service. Rules are keyed by a hash of their name first so that sorts compare
  -- integers before collated text.
  timeline AS (
    SELECT hashtext(a.rule) AS h, a.source, a.rule, a.service_id, e.t, e.fire, a.id, a.resolved_at
      FROM peers a
     CROSS JOIN LATERAL (VALUES (a.resolved_at, false), (a.fired_at, true)) AS e(t, fire)
     WHERE CASE WHEN e.fire THEN a.in_range ELSE a.resolved_at - a.fired_at <= ${FLAP_LOOKBACK} END
  ),
  flaps AS (
    -- the alert's own resolution at the instant it fired is no flap of itself
    SELECT id, resolutions - (CASE WHEN resolved_at = t THEN 1 ELSE 0 END) > 0 AS flap
      FROM (SELECT id, t, fire, resolved_at,
                   count(*) FILTER (WHERE NOT fire) OVER (
                     PARTITION BY h, source, rule, service_id ORDER BY t RANGE BETWEEN interval '${FLAP_WINDOW_MINUTES} minutes' PRECEDING AND CURRENT ROW) AS resolutions
              FROM timeline) w
     WHERE fire
  ),
  facts AS MATERIALIZED (
    SELECT a.id, hashtext(a.rule) AS h, a.source, a.rule, f.flap, a.fired_at, a.acknowledged_at, a.incident_id, i.kind AS incident_kind,
           ${ALERT_CLASS} AS cls
      FROM selected a
      JOIN flaps f ON f.id = a.id
      LEFT JOIN (SELECT DISTINCT alert_id FROM pages) e ON e.alert_id = a.id
      LEFT JOIN incidents i ON i.id = a.incident_id
  ),
  rules AS MATERIALIZED (
    SELECT (row_number() OVER ())::int AS rule_no, *
      FROM (SELECT h, source, rule, count(*)::int AS fired, count(cls)::int AS escalated,
                   ${CLASS_COUNTS} AS classes,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - fired_at)::float8 / 60)
                     FILTER (WHERE cls IS NOT NULL AND acknowledged_at IS NOT NULL) AS tta_median,
                   count(*) FILTER (WHERE flap)::int AS flaps,
                   (extract(epoch FROM max(fired_at)) * 1000)::float8 AS last_fired_ms
              FROM facts
             GROUP BY h, source, rule) g
  ),
  -- Only escalated alerts have pages.
  paged AS MATERIALIZED (
    SELECT p.id, p.alert_id, p.responder_id, p.at, p.channel, p.level, p.reason, f.h, f.source, f.rule, f.cls
      FROM pages p
      JOIN facts f ON f.id = p.alert_id
     WHERE f.cls IS NOT NULL
  ),
  weeks AS (
    SELECT to_char(week, 'YYYY-MM-DD') AS week, escalated, actionable
      FROM (SELECT date_trunc('week', fired_at AT TIME ZONE $7::text) AS week,
                   count(cls)::int AS escalated, (count(*) FILTER (WHERE cls = 'actionable'))::int AS actionable
              FROM facts
             WHERE cls IS NOT NULL
             GROUP BY 1) x
  ),
  first_escalation AS (
    SELECT DISTINCT ON (alert_id) alert_id, at, level, reason
      FROM paged
     WHERE level >= 2
     ORDER BY alert_id, at, level, responder_id, id
  ),
  escalated AS (
    SELECT f.id, f.source, f.rule, f.fired_at, f.incident_id, f.incident_kind, e.at, e.level, e.reason
      FROM facts f
      LEFT JOIN first_escalation e ON e.alert_id = f.id
     WHERE f.cls IS NOT NULL
  ),
  incident_escalation AS (
    SELECT DISTINCT ON (incident_id) incident_id, reason
      FROM escalated
     WHERE incident_id IS NOT NULL AND incident_kind = 'incident'
     ORDER BY incident_id, at NULLS LAST, level, source COLLATE "C", rule COLLATE "C", fired_at, id
  )
  SELECT
    (SELECT coalesce(json_agg(json_build_object(
              'ruleNo', rule_no, 'source', source, 'rule', rule, 'fired', fired, 'escalated', escalated, 'classes', classes,
              'ttaMedianMinutes', tta_median, 'flaps', flaps, 'lastFiredAtMs', last_fired_ms) ORDER BY rule_no), '[]')
       FROM rules) AS rules,
    (SELECT coalesce(json_agg(w ORDER BY w.week), '[]') FROM weeks w) AS weeks,
    json_build_object(
      'escalatedAlerts', (SELECT count(*) FROM escalated),
      'alertsByReason', (SELECT coalesce(json_object_agg(reason, n), '{}') FROM (SELECT reason, count(*) AS n FROM escalated WHERE reason IS NOT NULL GROUP BY reason) x),
      'incidents', (SELECT count(*) FROM incident_escalation),
      'incidentsByReason', (SELECT coalesce(json_object_agg(reason, n), '{}') FROM (SELECT reason, count(*) AS n FROM incident_escalation WHERE reason IS NOT NULL GROUP BY reason) x)
    ) AS escalation,
    ${PAGES_BY_RESPONDER},
    (SELECT ${interruptingColumns({ ruleNo: 'rule_no', noisy: "cls <> 'actionable'" })}
       FROM paged JOIN rules USING (h, source, rule)
      WHERE channel = ANY($8::text[])) AS interrupting`;

/**
 * Runs one of the aggregate statements and reads the paged responders' calendars; pass a manager of a
 * REPEATABLE READ transaction so that they agree. The statements sort and hash the range's alerts and
 * pages once: `work_mem` is raised for this transaction only so that they do so in memory.
 */
async function readAggregates<T extends { pagesByResponder: Array<{ responderId: number }> }>(
  db: Queryable,
  sql: string,
  params: unknown[],
): Promise<T & { responders: NoiseResponderRow[] }> {
  await db.query(`SET LOCAL work_mem = '64MB'`);
  const [row]: T[] = await db.query(sql, params);
  const responders: NoiseResponderRow[] = await db.query(NOISE_RESPONDERS_SQL, [row!.pagesByResponder.map((p) => p.responderId)]);
  return { ...row!, responders };
}

/** Reads the report's aggregates ({@link NOISE_AGGREGATES_SQL}). */
export function queryNoiseAggregates(db: Queryable, criteria: NoiseCriteria, settings: { transientMinutes: number; timezone: string }): Promise<NoiseAggregates> {
  const params = [...criteriaParams(criteria), settings.transientMinutes, settings.timezone, [...INTERRUPTING_CHANNELS]];
  return readAggregates<Omit<NoiseAggregates, 'responders'>>(db, NOISE_AGGREGATES_SQL, params);
}

/** The alert counts of the report's totals. */
export interface NoiseAlertTotals {
  fired: number;
  escalated: number;
  classes: AlertClassCounts;
}

/** What the totals alone need: no rules, flaps or escalation depth, so no per-rule timeline. */
export interface NoiseTotalsAggregates {
  alerts: NoiseAlertTotals;
  pagesByResponder: NoiseAggregates['pagesByResponder'];
  /** Interrupting pages sorted by (responder, at, page id), as columns. */
  interrupting: Pick<NoiseInterruptingPages, 'responderId' | 'atMs'>;
  responders: NoiseResponderRow[];
}

/**
 * The totals of the noise report (the overview's figures) in one statement: the classes and the
 * interrupting pages of {@link NOISE_AGGREGATES_SQL} without what only the rules and the escalation
 * depth need. $1–$5 as {@link criteriaParams}, $6 transientMinutes, $7 the interrupting channels.
 */
export const NOISE_TOTALS_SQL = `
  WITH ${SELECTED},
  facts AS MATERIALIZED (
    SELECT a.id, ${ALERT_CLASS} AS cls
      FROM selected a
      LEFT JOIN (SELECT DISTINCT alert_id FROM pages) e ON e.alert_id = a.id
  ),
  paged AS MATERIALIZED (
    SELECT p.id, p.responder_id, p.at, p.channel
      FROM pages p
      JOIN facts f ON f.id = p.alert_id
     WHERE f.cls IS NOT NULL
  )
  SELECT
    (SELECT json_build_object('fired', count(*), 'escalated', count(cls), 'classes', ${CLASS_COUNTS}) FROM facts) AS alerts,
    ${PAGES_BY_RESPONDER},
    (SELECT ${interruptingColumns({})}
       FROM paged
      WHERE channel = ANY($7::text[])) AS interrupting`;

/** Reads the totals' aggregates ({@link NOISE_TOTALS_SQL}). */
export function queryNoiseTotals(db: Queryable, criteria: NoiseCriteria, settings: { transientMinutes: number }): Promise<NoiseTotalsAggregates> {
  const params = [...criteriaParams(criteria), settings.transientMinutes, [...INTERRUPTING_CHANNELS]];
  return readAggregates<Omit<NoiseTotalsAggregates, 'responders'>>(db, NOISE_TOTALS_SQL, params);
}
