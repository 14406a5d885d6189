import type { DataSource, EntityManager } from 'typeorm';
import { SCOPED, criteriaParams, type WorkloadCriteria } from '../workload/workload.query.js';

/**
 * SQL of the seasonality report (`GET /api/v1/analytics/seasonality`, SPEC §2.3). Reads index-bounded
 * ranges of `incidents` (`ix_incidents_declared_at (kind, declared_at)`), the noise facts' `page_facts`
 * (`ix_page_facts_at`) and the `work_days` rollup (`ix_work_days_day`), never `activity` or `pages`. Everything is grouped by
 * the local date and hour in the org time zone, so the TypeScript side only sums small rows.
 */

/** The filters of every statement here: SPEC §3 `from`, `to`, `team`, `service`, `severity`. */
export type AnalyticsCriteria = Omit<WorkloadCriteria, 'kind'>;

/**
 * The matching incidents of kind $3 over `incidents i`: declared in `[$1, $2)`, of team $4, touching
 * any service of $5 (empty = any), severity ≤ $6. Parameters: {@link criteriaParams}.
 */
export const INCIDENT_MATCHES = `
      i.kind = $3::text
  AND i.declared_at >= $1::timestamptz AND i.declared_at < $2::timestamptz
  AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM teams t WHERE t.id = i.team_id AND t.external_id = $4::text))
  AND (cardinality($5::text[]) = 0 OR EXISTS (
        SELECT 1 FROM incident_services x JOIN services v ON v.id = x.service_id
         WHERE x.incident_id = i.id AND v.external_id = ANY($5::text[])))
  AND ($6::int IS NULL OR i.severity <= $6::int)`;

/**
 * The matching pages over the noise facts `page_facts p` (one row per page, kept current at ingest,
 * with its alert's service and the service's team): sent in `[$1, $2)` (`ix_page_facts_at`); the
 * alert's service belongs to team $3 and is one of $4 (empty = any); with a severity $5, the alert is
 * linked to an incident of severity ≤ $5 (a page has no severity of its own). Pages of an alert linked
 * to a `test` incident count nowhere (SPEC §1): `counted`. Parameters: {@link pageParams}.
 */
export const PAGE_MATCHES = `
      p.at >= $1::timestamptz AND p.at < $2::timestamptz
  AND p.counted
  AND ($3::text IS NULL OR p.team_id IN (SELECT t.id FROM teams t WHERE t.external_id = $3::text))
  AND (cardinality($4::text[]) = 0 OR p.service_id IN (SELECT v.id FROM services v WHERE v.external_id = ANY($4::text[])))
  AND ($5::int IS NULL OR EXISTS (SELECT 1 FROM alert_facts f JOIN incidents i ON i.id = f.incident_id WHERE f.alert_id = p.alert_id AND i.severity <= $5::int))`;

/** $1–$5 of {@link PAGE_MATCHES}. */
export function pageParams(c: AnalyticsCriteria): unknown[] {
  return [c.from.toISOString(), c.to.toISOString(), c.team ?? null, [...c.services], c.maxSeverity ?? null];
}

/** Incidents by local date, local hour and severity. */
export interface IncidentCellRow {
  /** Local date `YYYY-MM-DD` of `declaredAt` in the org time zone. */
  day: string;
  /** Local hour 0–23. */
  hour: number;
  severity: number;
  incidents: number;
}

/** Pages by local date and hour. */
export interface PageCellRow {
  day: string;
  hour: number;
  pages: number;
}

/** Workload minutes by local date of the org (full precision). */
export interface WorkloadDayRow {
  day: string;
  minutes: number;
}

/** Incidents of kind `incident` by local date, hour and severity; org time zone $7. */
export const INCIDENT_CELLS_SQL = `
  SELECT to_char(i.declared_at AT TIME ZONE $7::text, 'YYYY-MM-DD') AS day,
         extract(hour FROM i.declared_at AT TIME ZONE $7::text)::int AS hour,
         i.severity::int AS severity, count(*)::int AS incidents
    FROM incidents i
   WHERE ${INCIDENT_MATCHES}
   GROUP BY 1, 2, 3`;

/** Pages by local date and hour; org time zone $6. */
export const PAGE_CELLS_SQL = `
  SELECT to_char(p.at AT TIME ZONE $6::text, 'YYYY-MM-DD') AS day,
         extract(hour FROM p.at AT TIME ZONE $6::text)::int AS hour,
         count(*)::int AS pages
    FROM page_facts p
   WHERE ${PAGE_MATCHES}
   GROUP BY 1, 2`;

/**
 * Minutes by local day of the org time zone of the rows `(day, minutes)` of CTE `source` defined in
 * `ctes` (rows of the `work_days` rollup, already split at the org's midnights).
 */
export function dailyMinutesSql(ctes: string, source: string): string {
  return `
  WITH ${ctes}
  SELECT to_char(c.day, 'YYYY-MM-DD') AS day, sum(c.minutes)::float8 AS minutes
    FROM ${source} c
   GROUP BY c.day`;
}

/** Workload of the matching incidents by local day of the org; $1–$6 criteriaParams. */
export const WORKLOAD_DAILY_SQL = dailyMinutesSql(SCOPED, 'scoped');

export interface SeasonalityRows {
  incidents: IncidentCellRow[];
  pages: PageCellRow[];
  workload: WorkloadDayRow[];
}

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** Incidents of kind `incident` matching `criteria`, by local date, hour and severity in `timeZone`. */
export function queryIncidentCells(db: Queryable, criteria: AnalyticsCriteria, timeZone: string): Promise<IncidentCellRow[]> {
  return db.query(INCIDENT_CELLS_SQL, [...criteriaParams({ ...criteria, kind: 'incident' }), timeZone]);
}

/** The rows of the seasonality report; pass a REPEATABLE READ manager so they share one snapshot. */
export async function querySeasonality(db: Queryable, criteria: AnalyticsCriteria, timeZone: string): Promise<SeasonalityRows> {
  const incidents = await queryIncidentCells(db, criteria, timeZone);
  const pages: PageCellRow[] = await db.query(PAGE_CELLS_SQL, [...pageParams(criteria), timeZone]);
  const workload: WorkloadDayRow[] = await db.query(WORKLOAD_DAILY_SQL, criteriaParams({ ...criteria, kind: 'incident' }));
  return { incidents, pages, workload };
}
