import type { DataSource, EntityManager } from 'typeorm';
import type { NamedRecord } from '@firewatch/shared';

/**
 * SQL of the workload report (`GET /api/v1/analytics/workload`). Reads only the stored
 * `work_segments` (SPEC §2.1, already split 1/k and bucketed) and small dimension tables, never
 * `activity`. Every value is a `$n` parameter; the org time zone too (validated when settings are written).
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
 * bound the scan on both sides; 2 days leaves room for any zone's longest day.
 */
export const LONGEST_SEGMENT = `interval '2 days'`;

/**
 * `scoped`: the segments of matching incidents clipped to `[from, to)` ($1, $2), each with its
 * minutes (length × share). Parameters $1–$6 are those of {@link criteriaParams}.
 */
export const SCOPED = `
  scoped AS (
    SELECT s.responder_id, s.incident_id, s.bucket, s.share, c.start_at, c.end_at,
           extract(epoch FROM c.end_at - c.start_at)::float8 / 60 * s.share AS minutes
      FROM work_segments s
      JOIN incidents i ON i.id = s.incident_id
      CROSS JOIN LATERAL (SELECT greatest(s.start_at, $1::timestamptz) AS start_at, least(s.end_at, $2::timestamptz) AS end_at) c
     WHERE s.start_at < $2::timestamptz
       AND s.end_at > $1::timestamptz
       AND s.start_at > $1::timestamptz - ${LONGEST_SEGMENT}
       AND i.kind = $3::text
       AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM teams t WHERE t.id = i.team_id AND t.external_id = $4::text))
       AND (cardinality($5::text[]) = 0 OR EXISTS (
             SELECT 1 FROM incident_services x JOIN services v ON v.id = x.service_id
              WHERE x.incident_id = i.id AND v.external_id = ANY($5::text[])))
       AND ($6::int IS NULL OR i.severity <= $6::int)
  )`;

/** Sums of a `minutes` column by the `bucket` column. */
export const BUCKET_SUMS = `
  coalesce(sum(minutes), 0)::float8 AS minutes,
  coalesce(sum(minutes) FILTER (WHERE bucket = 'working'), 0)::float8 AS working,
  coalesce(sum(minutes) FILTER (WHERE bucket = 'late'), 0)::float8 AS late,
  coalesce(sum(minutes) FILTER (WHERE bucket = 'sleeping'), 0)::float8 AS sleeping`;

/**
 * By ISO week of the org time zone ($7). A segment is split exactly at the org's Monday midnights it
 * crosses (its responder's midnights are not the org's): one piece per local week it touches, each
 * clipped to that week. `week_start` is a local wall-clock timestamp; `AT TIME ZONE` turns it into the
 * instant (DST from the time zone database).
 */
export const WORKLOAD_WEEKLY_SQL = `
  WITH ${SCOPED}
  SELECT to_char(p.week_start, 'YYYY-MM-DD') AS week, ${BUCKET_SUMS}
    FROM (
      SELECT w.week_start, c.bucket,
             extract(epoch FROM least(c.end_at, (w.week_start + interval '7 days') AT TIME ZONE $7::text)
                              - greatest(c.start_at, w.week_start AT TIME ZONE $7::text))::float8 / 60 * c.share AS minutes
        FROM scoped c
       CROSS JOIN LATERAL generate_series(
               date_trunc('week', c.start_at AT TIME ZONE $7::text),
               -- end_at is exclusive: the week of its last microsecond
               date_trunc('week', (c.end_at - interval '1 microsecond') AT TIME ZONE $7::text),
               interval '7 days') AS w(week_start)
    ) p
   GROUP BY p.week_start
   ORDER BY p.week_start`;

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

/** $1–$6 of every statement above. */
export function criteriaParams(c: WorkloadCriteria): unknown[] {
  return [c.from.toISOString(), c.to.toISOString(), c.kind, c.team ?? null, [...c.services], c.maxSeverity ?? null];
}

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/**
 * Runs the report's statements for `criteria` (kind `incident`) and the game-day total (same filters,
 * kind `game_day`). Pass a manager of a REPEATABLE READ transaction so that they see one snapshot.
 */
export async function queryWorkloadReport(
  db: Queryable,
  criteria: Omit<WorkloadCriteria, 'kind'>,
  timeZone: string,
  topIncidents: number,
): Promise<WorkloadReportRows> {
  const incidents = criteriaParams({ ...criteria, kind: 'incident' });
  const weeks: WorkloadWeekRow[] = await db.query(WORKLOAD_WEEKLY_SQL, [...incidents, timeZone]);
  const responders: WorkloadResponderRow[] = await db.query(WORKLOAD_RESPONDERS_SQL, incidents);
  const top: WorkloadIncidentRow[] = await db.query(WORKLOAD_TOP_INCIDENTS_SQL, [...incidents, topIncidents]);
  const [gameDays]: Array<{ minutes: number }> = await db.query(WORKLOAD_TOTAL_MINUTES_SQL, criteriaParams({ ...criteria, kind: 'game_day' }));
  return { weeks, responders, incidents: top, gameDayMinutes: gameDays?.minutes ?? 0 };
}
