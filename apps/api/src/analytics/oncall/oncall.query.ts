import type { DataSource, EntityManager } from 'typeorm';
import type { WorkingHours } from '@firewatch/shared';
import { LONGEST_SEGMENT } from '../workload/workload.query.js';

/**
 * SQL of the on-call health report (`GET /api/v1/analytics/oncall`, METRICS.md "On-call health").
 * Reads index ranges of `shifts` (`ix_shifts_start`) and the maintained `page_facts` and
 * `work_segments` (`ix_work_segments_start`), and the small `responders`/`teams` tables; never
 * `activity`. Every value is a `$n` parameter.
 */

/** Whose on-call health, and which pages and incidents count against it. */
export interface OncallCriteria {
  /** Half-open UTC bounds. */
  from: Date;
  to: Date;
  /** The responder's own team (external id): shifts, like the overview's, belong to people. */
  team?: string;
  /** Pages of alerts on ANY of these services, work on incidents touching ANY of them; empty = all. */
  services: readonly string[];
  /** Largest severity of the paging alert (the noise report's scale) and of the incident worked on. */
  maxSeverity?: number;
  /** External id of the responder whose interruptions are listed one by one (their alert and incident named). */
  detailResponder?: string;
}

/** A responder in scope with the columns of their calendar (null = the organisation's). */
export interface OncallResponderRow {
  id: number;
  externalId: string;
  name: string;
  teamExternalId: string | null;
  teamName: string | null;
  timezone: string | null;
  workingHours: WorkingHours | null;
  holidayCountry: string | null;
}

/** A shift overlapping the range, as stored (not clipped), epoch milliseconds. */
export interface OncallShiftRow {
  responderId: number;
  externalId: string;
  rotation: string;
  level: number;
  startMs: number;
  endMs: number;
}

/** An interrupting page in the range, in (responder, at, id) order: the order the merge reads. */
export interface OncallPageRow {
  responderId: number;
  atMs: number;
  /** The alert's external id: read for the detail responder's pages only (null for everyone else's). */
  alert: string | null;
  rule: string;
  incident: string | null;
}

/** A stored work segment (SPEC §2.1, already split 1/k) clipped to the range. */
export interface OncallSegmentRow {
  responderId: number;
  startMs: number;
  endMs: number;
  share: number;
}

export interface OncallRows {
  responders: OncallResponderRow[];
  shifts: OncallShiftRow[];
  pages: OncallPageRow[];
  segments: OncallSegmentRow[];
}

/** Responders of team $3 (null = everyone), for a column holding a responder id. */
const OF_TEAM = (responder: string) => `
  ($3::text IS NULL OR EXISTS (SELECT 1 FROM responders rt JOIN teams t ON t.id = rt.team_id WHERE rt.id = ${responder} AND t.external_id = $3::text))`;

const epochMs = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

/** Every responder of team $1 (null = everyone) with their team and calendar columns. */
export const ONCALL_RESPONDERS_SQL = `
  SELECT r.id, r.external_id AS "externalId", r.name, t.external_id AS "teamExternalId", t.name AS "teamName",
         r.timezone, r.working_hours AS "workingHours", r.holiday_country AS "holidayCountry"
    FROM responders r
    LEFT JOIN teams t ON t.id = r.team_id
   WHERE $1::text IS NULL OR t.external_id = $1::text
   ORDER BY r.id`;

/**
 * Shifts overlapping `[$1, $2)` of the responders of team $3, by responder and start (the order the
 * per-person union reads). One row per shift: the one-sided bound on `ix_shifts_start` is enough.
 */
export const ONCALL_SHIFTS_SQL = `
  SELECT s.responder_id AS "responderId", s.external_id AS "externalId", s.rotation, s.level::int AS level,
         ${epochMs('s.start_at')} AS "startMs", ${epochMs('s.end_at')} AS "endMs"
    FROM shifts s
   WHERE s.start_at < $2::timestamptz AND s.end_at > $1::timestamptz
     AND ${OF_TEAM('s.responder_id')}
   ORDER BY s.responder_id, s.start_at, s.id`;

/**
 * The interruptions opened in `[$1, $2)` for the responders of team $3 by alerts on services $4 (empty =
 * any) with severity ≤ $5: the opening pages of the noise facts (merged over each person's pages, alerts
 * linked to a `test` incident left out, SPEC §2.5), so on-call health counts the noise report's
 * interruptions. Openings of one person are more than 60 s apart, so the report's own merge keeps each.
 */
export const ONCALL_PAGES_SQL = `
  SELECT p.responder_id AS "responderId", ${epochMs('p.at')} AS "atMs", p.rule,
         -- The alert's and incident's external ids only for the pages listed one by one (responder $6):
         -- CASE runs the look-up for those rows alone, not for every interruption of the organisation.
         CASE WHEN p.responder_id = ANY(d.ids) THEN (SELECT a.external_id FROM alerts a WHERE a.id = p.alert_id) END AS alert,
         CASE WHEN p.responder_id = ANY(d.ids)
              THEN (SELECT i.external_id FROM alerts a JOIN incidents i ON i.id = a.incident_id WHERE a.id = p.alert_id) END AS incident
    FROM page_facts p
   CROSS JOIN (SELECT coalesce(array_agg(r.id), '{}') AS ids FROM responders r WHERE r.external_id = $6::text) d
   WHERE p.counted AND p.interrupting AND p.opens
     AND p.at >= $1::timestamptz AND p.at < $2::timestamptz
     AND ${OF_TEAM('p.responder_id')}
     AND (cardinality($4::text[]) = 0 OR p.service_id IN (SELECT s.id FROM services s WHERE s.external_id = ANY($4::text[])))
     AND ($5::int IS NULL OR p.severity_rank <= $5::int)
   ORDER BY p.responder_id, p.at, p.page_id`;

/**
 * Work segments of the responders of team $3 on incidents of kind `incident` touching services $4
 * (empty = any) with severity ≤ $5, clipped to `[$1, $2)`. The lower bound on `start_at` lets
 * `ix_work_segments_start` bound the scan on both sides (see {@link LONGEST_SEGMENT}).
 */
export const ONCALL_SEGMENTS_SQL = `
  SELECT w.responder_id AS "responderId",
         ${epochMs('greatest(w.start_at, $1::timestamptz)')} AS "startMs",
         ${epochMs('least(w.end_at, $2::timestamptz)')} AS "endMs",
         w.share::float8 AS share
    FROM work_segments w
    JOIN incidents i ON i.id = w.incident_id
   WHERE w.start_at < $2::timestamptz AND w.end_at > $1::timestamptz
     AND w.start_at > $1::timestamptz - ${LONGEST_SEGMENT}
     AND i.kind = 'incident'
     AND ${OF_TEAM('w.responder_id')}
     AND (cardinality($4::text[]) = 0 OR EXISTS (
           SELECT 1 FROM incident_services x JOIN services v ON v.id = x.service_id
            WHERE x.incident_id = i.id AND v.external_id = ANY($4::text[])))
     AND ($5::int IS NULL OR i.severity <= $5::int)
   ORDER BY w.responder_id, w.start_at`;

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** The report's rows; pass a REPEATABLE READ manager so that they share one snapshot. */
export async function queryOncall(db: Queryable, c: OncallCriteria): Promise<OncallRows> {
  const bounds = [c.from.toISOString(), c.to.toISOString(), c.team ?? null];
  const filtered = [...bounds, [...c.services], c.maxSeverity ?? null];
  return {
    responders: await db.query(ONCALL_RESPONDERS_SQL, [c.team ?? null]),
    shifts: await db.query(ONCALL_SHIFTS_SQL, bounds),
    pages: await db.query(ONCALL_PAGES_SQL, [...filtered, c.detailResponder ?? null]),
    segments: await db.query(ONCALL_SEGMENTS_SQL, filtered),
  };
}
