import type { DataSource, EntityManager } from 'typeorm';
import type { NamedRecord } from '@firewatch/shared';

/**
 * SQL of responder readiness (SPEC §2.6). One read of the candidate experiences, one of the
 * responders, one of the services; the day-by-day work is a sweep in compute-readiness.ts, never a
 * query per day. Dates are local dates of the org time zone, computed by Postgres (`AT TIME ZONE`,
 * the zone validated when settings are written) and answered as `YYYY-MM-DD` text.
 */

/** Which incidents may hold a qualifying experience. */
export interface ExperienceCriteria {
  /** Half-open UTC bounds on the incident's `declaredAt`. */
  from: Date;
  to: Date;
  /** Largest severity of kind `incident` read (the major threshold, capped by the `severity` filter). */
  maxSeverity: number;
  /** Incidents affecting ANY of these services (external ids); empty = no service filter. */
  services: readonly string[];
  /** Only this responder's experiences (row id); undefined = everyone's. */
  responderId?: number;
}

/**
 * A responder's part in a candidate incident: a role on it or workload on it. Whether it qualifies
 * (enough minutes, or a role) is decided by `qualifies` in compute-readiness.ts.
 */
export interface ExperienceRow {
  responderId: number;
  incidentId: number;
  externalId: string;
  title: string;
  kind: 'incident' | 'game_day';
  severity: number;
  /** `declaredAt` as a local date of the org time zone. */
  date: string;
  /** Workload minutes of the responder on the whole incident (SPEC §2.1, split 1/k), full precision. */
  minutes: number;
  /** Roles held, sorted; empty when none. */
  roles: string[];
  /** Row ids of the services the incident affected, ascending. */
  serviceIds: number[];
  /** Their external ids, in the same order. */
  services: string[];
}

export interface ReadinessResponderRow {
  id: number;
  externalId: string;
  name: string;
  teamId: number | null;
  team: NamedRecord | null;
  startedAt: Date | null;
  leftAt: Date | null;
  /** `startedAt` / `leftAt` as local dates of the org time zone; null when unknown. */
  startedOn: string | null;
  leftOn: string | null;
}

export interface ReadinessServiceRow {
  id: number;
  externalId: string;
  name: string;
  /** External id of the owning team. */
  team: string | null;
}

/**
 * $1, $2 declaredAt bounds; $3 largest severity of kind `incident` (game days at any severity);
 * $4 service external ids (empty = all); $5 org time zone; $6 responder id or null.
 * Workload minutes are summed over the incident's whole stored workload, not clipped to any range.
 */
export const READINESS_EXPERIENCES_SQL = `
  WITH candidates AS (
    SELECT i.id, i.external_id, i.title, i.kind, i.severity, i.declared_at
      FROM incidents i
     WHERE i.declared_at >= $1::timestamptz AND i.declared_at < $2::timestamptz
       AND (i.kind = 'game_day' OR (i.kind = 'incident' AND i.severity <= $3::int))
       AND (cardinality($4::text[]) = 0 OR EXISTS (
             SELECT 1 FROM incident_services x JOIN services v ON v.id = x.service_id
              WHERE x.incident_id = i.id AND v.external_id = ANY($4::text[])))
  ),
  worked AS (
    SELECT s.responder_id, s.incident_id, sum(extract(epoch FROM s.end_at - s.start_at)::float8 / 60 * s.share) AS minutes
      FROM work_segments s JOIN candidates c ON c.id = s.incident_id
     WHERE $6::int IS NULL OR s.responder_id = $6::int
     GROUP BY s.responder_id, s.incident_id
  ),
  held AS (
    SELECT r.responder_id, r.incident_id, array_agg(r.role ORDER BY r.role) AS roles
      FROM incident_roles r JOIN candidates c ON c.id = r.incident_id
     WHERE $6::int IS NULL OR r.responder_id = $6::int
     GROUP BY r.responder_id, r.incident_id
  )
  SELECT coalesce(w.responder_id, h.responder_id) AS "responderId", c.id AS "incidentId", c.external_id AS "externalId",
         c.title, c.kind, c.severity::int AS severity,
         to_char(c.declared_at AT TIME ZONE $5::text, 'YYYY-MM-DD') AS date,
         coalesce(w.minutes, 0)::float8 AS minutes, coalesce(h.roles, '{}'::text[]) AS roles,
         coalesce(v.ids, '{}'::int[]) AS "serviceIds", coalesce(v.external_ids, '{}'::text[]) AS services
    FROM worked w
    FULL JOIN held h ON h.responder_id = w.responder_id AND h.incident_id = w.incident_id
    JOIN candidates c ON c.id = coalesce(w.incident_id, h.incident_id)
    LEFT JOIN LATERAL (
      SELECT array_agg(x.service_id ORDER BY x.service_id) AS ids, array_agg(sv.external_id ORDER BY x.service_id) AS external_ids
        FROM incident_services x JOIN services sv ON sv.id = x.service_id
       WHERE x.incident_id = c.id) v ON true
   ORDER BY 1, c.declared_at, c.id`;

/** $1 org time zone; $2 team external id or null (the responder's own team); $3 responder id or null. */
export const READINESS_RESPONDERS_SQL = `
  SELECT r.id, r.external_id AS "externalId", r.name, r.team_id AS "teamId",
         CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('externalId', t.external_id, 'name', t.name) END AS team,
         r.started_at AS "startedAt", r.left_at AS "leftAt",
         to_char(r.started_at AT TIME ZONE $1::text, 'YYYY-MM-DD') AS "startedOn",
         to_char(r.left_at AT TIME ZONE $1::text, 'YYYY-MM-DD') AS "leftOn"
    FROM responders r
    LEFT JOIN teams t ON t.id = r.team_id
   WHERE ($2::text IS NULL OR t.external_id = $2::text)
     AND ($3::int IS NULL OR r.id = $3::int)
   ORDER BY r.id`;

/** $1 team external id or null (the owning team); $2 service external ids (empty = all). */
export const READINESS_SERVICES_SQL = `
  SELECT v.id, v.external_id AS "externalId", v.name, t.external_id AS team
    FROM services v
    LEFT JOIN teams t ON t.id = v.team_id
   WHERE ($1::text IS NULL OR t.external_id = $1::text)
     AND (cardinality($2::text[]) = 0 OR v.external_id = ANY($2::text[]))
   ORDER BY v.id`;

type Queryable = Pick<DataSource | EntityManager, 'query'>;

export function queryExperiences(db: Queryable, c: ExperienceCriteria, timeZone: string): Promise<ExperienceRow[]> {
  return db.query(READINESS_EXPERIENCES_SQL, [c.from.toISOString(), c.to.toISOString(), c.maxSeverity, [...c.services], timeZone, c.responderId ?? null]);
}

export function queryResponders(db: Queryable, timeZone: string, team: string | undefined, responderId?: number): Promise<ReadinessResponderRow[]> {
  return db.query(READINESS_RESPONDERS_SQL, [timeZone, team ?? null, responderId ?? null]);
}

export function queryServices(db: Queryable, team: string | undefined, services: readonly string[]): Promise<ReadinessServiceRow[]> {
  return db.query(READINESS_SERVICES_SQL, [team ?? null, [...services]]);
}
