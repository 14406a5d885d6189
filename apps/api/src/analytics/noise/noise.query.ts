import type { DataSource, EntityManager } from 'typeorm';
import type { WorkingHours } from '@firewatch/shared';

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
 * Alerts fired in `[firedFrom, $2)` matching the filters ($3 team, $4 services, $5 max severity), as
 * `selected`. Team and service filters read the alert's own service; an alert without a service
 * matches only when neither is given. Alerts linked to a `test` incident are left out.
 */
const selected = (firedFrom: string) => `
  selected AS (
    SELECT a.*
      FROM alerts a
      LEFT JOIN services s ON s.id = a.service_id
     WHERE a.fired_at >= ${firedFrom} AND a.fired_at < $2::timestamptz
       AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM teams t WHERE t.id = s.team_id AND t.external_id = $3::text))
       AND (cardinality($4::text[]) = 0 OR s.external_id = ANY($4::text[]))
       AND ($5::int IS NULL OR ${ALERT_SEVERITY_RANK} <= $5::int)
       -- SPEC §1: test incidents count nowhere, nor do the alerts linked to them.
       AND NOT EXISTS (SELECT 1 FROM incidents x WHERE x.id = a.incident_id AND x.kind = 'test')
  )`;

/** One alert; `inRange` false marks an earlier alert read only as a possible flap predecessor. */
export interface NoiseAlertRow {
  id: string;
  source: string;
  rule: string;
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
  inRange: boolean;
}

/** How far before `from` earlier alerts are read to find flaps: an alert open longer than this before a re-fire is not seen. */
export const FLAP_LOOKBACK = `interval '7 days'`;

/**
 * The selected alerts, plus alerts of the same filters fired up to {@link FLAP_LOOKBACK} before `from`
 * (`inRange` false), ordered by rule and firedAt for the flap sweep.
 */
export const NOISE_ALERTS_SQL = `
  WITH ${selected(`$1::timestamptz - ${FLAP_LOOKBACK}`)}
  SELECT a.id::text AS id, a.source, a.rule,
         (extract(epoch FROM a.fired_at) * 1000)::float8 AS "firedAtMs",
         (extract(epoch FROM a.resolved_at) * 1000)::float8 AS "resolvedAtMs",
         a.resolved_by AS "resolvedBy",
         (extract(epoch FROM a.acknowledged_at) * 1000)::float8 AS "acknowledgedAtMs",
         (a.acknowledged_at IS NOT NULL OR a.acknowledged_by_id IS NOT NULL) AS acknowledged,
         a.incident_id AS "incidentId", a.incident_id IS NOT NULL AS "incidentLinked", i.kind AS "incidentKind", a.feedback,
         a.fired_at >= $1::timestamptz AS "inRange"
    FROM selected a
    LEFT JOIN incidents i ON i.id = a.incident_id
   ORDER BY a.source, a.rule, a.fired_at, a.id`;

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
  WITH ${selected('$1::timestamptz')}
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

/** Runs the report's statements; pass a manager of a REPEATABLE READ transaction so they see one snapshot. */
export async function queryNoiseReport(db: Queryable, criteria: NoiseCriteria): Promise<NoiseReportRows> {
  const params = criteriaParams(criteria);
  const alerts: Array<Omit<NoiseAlertRow, 'escalated'>> = await db.query(NOISE_ALERTS_SQL, params);
  const pages: NoisePageRow[] = await db.query(NOISE_PAGES_SQL, params);
  const paged = new Set(pages.map((p) => p.alertId));
  const responders: NoiseResponderRow[] = await db.query(NOISE_RESPONDERS_SQL, [[...new Set(pages.map((p) => p.responderId))]]);
  return { alerts: alerts.map((a) => ({ ...a, escalated: paged.has(a.id) })), pages, responders };
}
