import type { DataSource, EntityManager } from 'typeorm';
import { criteriaParams } from '../workload/workload.query.js';
import { INCIDENT_MATCHES, type AnalyticsCriteria } from '../seasonality/seasonality.query.js';

/**
 * SQL of the leadership overview (`GET /api/v1/analytics/overview`, SPEC §2.7) that no other analytic
 * already answers: incidents by severity, the on-call shifts and the responders' employment in a
 * period. Reads index ranges of `incidents` (`ix_incidents_declared_at`) and the small `shifts` and
 * `responders` tables; never `activity`. Every value is a `$n` parameter.
 */

/** Incidents of kind `incident` matching the filters, by severity; $1–$6 criteriaParams. */
export const OVERVIEW_SEVERITIES_SQL = `
  SELECT i.severity::int AS severity, count(*)::int AS incidents
    FROM incidents i
   WHERE ${INCIDENT_MATCHES}
   GROUP BY i.severity`;

/** Responders of team $3 (null = everyone). */
const RESPONDER_OF_TEAM = (responder: string) => `
  ($3::text IS NULL OR EXISTS (SELECT 1 FROM responders rt JOIN teams t ON t.id = rt.team_id WHERE rt.id = ${responder} AND t.external_id = $3::text))`;

/** A shift clipped to the period, as epoch milliseconds. */
export interface OverviewShiftRow {
  responderId: number;
  level: number;
  startMs: number;
  endMs: number;
}

/**
 * Shifts overlapping `[$1, $2)` of the responders of team $3, clipped to the period, by responder and
 * start (the order the per-person union reads them in). Shifts carry no service or severity: those
 * filters do not apply to them. The table holds a row per shift (weekly or daily rotations), so the
 * one-sided bound on `ix_shifts_start` is enough.
 */
export const OVERVIEW_SHIFTS_SQL = `
  SELECT s.responder_id AS "responderId", s.level::int AS level,
         (extract(epoch FROM greatest(s.start_at, $1::timestamptz)) * 1000)::float8 AS "startMs",
         (extract(epoch FROM least(s.end_at, $2::timestamptz)) * 1000)::float8 AS "endMs"
    FROM shifts s
   WHERE s.start_at < $2::timestamptz AND s.end_at > $1::timestamptz
     AND ${RESPONDER_OF_TEAM('s.responder_id')}
   ORDER BY s.responder_id, s.start_at, s.id`;

/**
 * Hours the responders of team $3 were employed inside `[$1, $2)`: each person's
 * `[startedAt, leftAt)` (unknown start = always, no leftAt = still there) clipped to the period.
 */
export const OVERVIEW_RESPONDER_HOURS_SQL = `
  SELECT coalesce(sum(extract(epoch FROM least(coalesce(r.left_at, $2::timestamptz), $2::timestamptz)
                                       - greatest(coalesce(r.started_at, $1::timestamptz), $1::timestamptz))), 0)::float8 / 3600 AS hours
    FROM responders r
   WHERE coalesce(r.started_at, $1::timestamptz) < $2::timestamptz
     AND coalesce(r.left_at, $2::timestamptz) > $1::timestamptz
     AND ${RESPONDER_OF_TEAM('r.id')}`;

export interface OverviewRows {
  /** Incidents by severity (only severities that occur). */
  severities: Array<{ severity: number; incidents: number }>;
  shifts: OverviewShiftRow[];
  /** Hours the responders in scope were employed in the period. */
  responderHours: number;
}

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** The overview's own rows of one period; pass a REPEATABLE READ manager so they share one snapshot. */
export async function queryOverview(db: Queryable, criteria: AnalyticsCriteria): Promise<OverviewRows> {
  const people = [criteria.from.toISOString(), criteria.to.toISOString(), criteria.team ?? null];
  const severities: OverviewRows['severities'] = await db.query(OVERVIEW_SEVERITIES_SQL, criteriaParams({ ...criteria, kind: 'incident' }));
  const shifts: OverviewShiftRow[] = await db.query(OVERVIEW_SHIFTS_SQL, people);
  const [{ hours }]: Array<{ hours: number }> = await db.query(OVERVIEW_RESPONDER_HOURS_SQL, people);
  return { severities, shifts, responderHours: hours };
}
