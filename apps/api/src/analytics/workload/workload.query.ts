import type { DataSource, EntityManager } from 'typeorm';
import type { NamedRecord } from '@firewatch/shared';

/**
 * SQL of the workload report (`GET /api/v1/analytics/workload`). Reads only the `work_days` rollup of
 * the stored workload (SPEC §2.1, already split 1/k, bucketed and summed by org-local day) and small
 * dimension tables, never `activity` or the segments. Every value is a `$n` parameter.
 */

/** Which work counts: segment time in `[from, to)` on incidents of one kind that match the filters. */
export interface WorkloadCriteria {
  /** Half-open UTC bounds: a segment counts by its overlap with them. */
  from: Date;
  to: Date;
  kind: 'incident' | 'game_day';
  /** The incident's team (external id). */
  team?: string;
  /** Incidents affecting ANY of these services (external ids); empty = no service filter. */
  services: readonly string[];
  /** Largest severity included. */
  maxSeverity?: number;
}

/** Full-precision minutes by bucket (SPEC §2.1 rule 4); `minutes` = working + late + sleeping. */
export interface BucketMinutesRow {
  minutes: number;
  working: number;
  late: number;
  sleeping: number;
}

export interface WorkloadWeekRow extends BucketMinutesRow {
  /** Monday (local date) of the ISO week in the org time zone. */
  week: string;
}

export interface WorkloadResponderRow extends BucketMinutesRow {
  externalId: string;
  name: string;
  /** The responder's own team (its row id, to group by); null when they have none. */
  teamId: number | null;
  team: NamedRecord | null;
  /** Incidents with workload in the range. */
  incidents: number;
}

export interface WorkloadIncidentRow extends BucketMinutesRow {
  externalId: string;
  title: string;
  severity: number;
  /** Responders with workload in the range. */
  responders: number;
}

export interface WorkloadReportRows {
  weeks: WorkloadWeekRow[];
  responders: WorkloadResponderRow[];
  /** The top incidents by minutes, most first. */
  incidents: WorkloadIncidentRow[];
  /** Minutes on game days matching the same filters. */
  gameDayMinutes: number;
}

/**
 * Segments are split at their responder's local midnights (work-segment.entity.ts), so none is longer
 * than a local day (at most 25 h). Bounding `start_at` from below too lets `ix_work_segments_start`
 * bound the scan on both sides; 2 days leaves room for any zone's longest day. Used by the readers
 * that still need the segments' instants (on-call health, an incident's timeline).
 */
export const LONGEST_SEGMENT = `interval '2 days'`;

/**
 * The org-local date of instant `param` in the organisation's time zone, the zone `work_days` is kept in.
 * Every analytics range starts and ends at the org's midnights (its bounds are dates in that zone), so
 * the days `[day($1), day($2))` are exactly the range.
 */
export const orgDay = (param: string) => `(${param}::timestamptz AT TIME ZONE (SELECT timezone FROM settings WHERE id = 1))::date`;

/**
 * `scoped`: the workload of matching incidents in `[from, to)` ($1, $2) by (responder, incident, org
 * day), from the `work_days` rollup, with `minutes` = working + late + sleeping. Parameters $1–$6 are
 * those of {@link criteriaParams}.
 */
export const SCOPED = `
  scoped AS (
    SELECT w.responder_id, w.incident_id, w.day, w.working, w.late, w.sleeping, w.working + w.late + w.sleeping AS minutes
      FROM work_days w
      JOIN incidents i ON i.id = w.incident_id
     WHERE w.day >= ${orgDay('$1')} AND w.day < ${orgDay('$2')}
       AND i.kind = $3::text
       AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM teams t WHERE t.id = i.team_id AND t.external_id = $4::text))
       AND (cardinality($5::text[]) = 0 OR EXISTS (
             SELECT 1 FROM incident_services x JOIN services v ON v.id = x.service_id
              WHERE x.incident_id = i.id AND v.external_id = ANY($5::text[])))
       AND ($6::int IS NULL OR i.severity <= $6::int)
  )`;

/** Sums of the bucket columns of `scoped`. */
export const BUCKET_SUMS = `
  coalesce(sum(minutes), 0)::float8 AS minutes,
  coalesce(sum(working), 0)::float8 AS working,
  coalesce(sum(late), 0)::float8 AS late,
  coalesce(sum(sleeping), 0)::float8 AS sleeping`;

/**
 * By ISO week of the org time zone: an org week is exactly seven org days, so its minutes are the sum
 * of its days' (a segment crossing the org's Monday midnight was already split there by the rollup).
 */
export const WORKLOAD_WEEKLY_SQL = `
  WITH ${SCOPED}
  SELECT to_char(date_trunc('week', day), 'YYYY-MM-DD') AS week, ${BUCKET_SUMS}
    FROM scoped
   GROUP BY date_trunc('week', day)
   ORDER BY date_trunc('week', day)`;

/** By responder, with their team and the number of incidents they worked on. */
export const WORKLOAD_RESPONDERS_SQL = `
  WITH ${SCOPED},
  per_responder AS (
    SELECT responder_id, ${BUCKET_SUMS}, count(DISTINCT incident_id)::int AS incidents
      FROM scoped GROUP BY responder_id
  )
  SELECT r.external_id AS "externalId", r.name, t.id AS "teamId",
         CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('externalId', t.external_id, 'name', t.name) END AS team,
         p.minutes, p.working, p.late, p.sleeping, p.incidents
    FROM per_responder p
    JOIN responders r ON r.id = p.responder_id
    LEFT JOIN teams t ON t.id = r.team_id`;

/** The $7 incidents with the most minutes; ties: the most recently declared first. */
export const WORKLOAD_TOP_INCIDENTS_SQL = `
  WITH ${SCOPED},
  per_incident AS (
    SELECT incident_id, ${BUCKET_SUMS}, count(DISTINCT responder_id)::int AS responders
      FROM scoped GROUP BY incident_id
  )
  SELECT i.external_id AS "externalId", i.title, i.severity, p.minutes, p.working, p.late, p.sleeping, p.responders
    FROM per_incident p
    JOIN incidents i ON i.id = p.incident_id
   ORDER BY p.minutes DESC, i.declared_at DESC, i.id DESC
   LIMIT $7::int`;

/** Total minutes. */
export const WORKLOAD_TOTAL_MINUTES_SQL = `
  WITH ${SCOPED}
  SELECT coalesce(sum(minutes), 0)::float8 AS minutes FROM scoped`;

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** The report's rows by responder alone (what its totals are summed from), kind `incident`. */
export function queryWorkloadResponders(db: Queryable, criteria: Omit<WorkloadCriteria, 'kind'>): Promise<WorkloadResponderRow[]> {
  return db.query(WORKLOAD_RESPONDERS_SQL, criteriaParams({ ...criteria, kind: 'incident' }));
}

/** $1–$6 of every statement above. */
export function criteriaParams(c: WorkloadCriteria): unknown[] {
  return [c.from.toISOString(), c.to.toISOString(), c.kind, c.team ?? null, [...c.services], c.maxSeverity ?? null];
}

/**
 * Runs the report's statements for `criteria` (kind `incident`) and the game-day total (same filters,
 * kind `game_day`). Pass a manager of a REPEATABLE READ transaction so that they see one snapshot.
 */
export async function queryWorkloadReport(
  db: Queryable,
  criteria: Omit<WorkloadCriteria, 'kind'>,
  topIncidents: number,
): Promise<WorkloadReportRows> {
  const incidents = criteriaParams({ ...criteria, kind: 'incident' });
  const weeks: WorkloadWeekRow[] = await db.query(WORKLOAD_WEEKLY_SQL, incidents);
  const responders: WorkloadResponderRow[] = await db.query(WORKLOAD_RESPONDERS_SQL, incidents);
  const top: WorkloadIncidentRow[] = await db.query(WORKLOAD_TOP_INCIDENTS_SQL, [...incidents, topIncidents]);
  const [gameDays]: Array<{ minutes: number }> = await db.query(WORKLOAD_TOTAL_MINUTES_SQL, criteriaParams({ ...criteria, kind: 'game_day' }));
  return { weeks, responders, incidents: top, gameDayMinutes: gameDays?.minutes ?? 0 };
}
