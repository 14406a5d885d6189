import type { DataSource, EntityManager } from 'typeorm';
import { criteriaParams, type WorkloadCriteria } from '../../../apps/api/src/analytics/workload/workload.query.js';

/**
 * The reference for every report's workload figures: the statements the reports ran before the
 * `work_days` rollup, straight over the stored segments (SPEC §2.1, split 1/k and bucketed), each
 * segment clipped to the range and split at the org's midnights and Monday midnights where a day or a
 * week is asked. The app now reads days; the differential test requires both to agree.
 * Parameters $1–$6 are those of `criteriaParams`; $7 the org time zone.
 */

const SCOPED = `
  scoped AS (
    SELECT s.responder_id, s.incident_id, s.bucket, s.share, c.start_at, c.end_at,
           extract(epoch FROM c.end_at - c.start_at)::float8 / 60 * s.share AS minutes
      FROM work_segments s
      JOIN incidents i ON i.id = s.incident_id
      CROSS JOIN LATERAL (SELECT greatest(s.start_at, $1::timestamptz) AS start_at, least(s.end_at, $2::timestamptz) AS end_at) c
     WHERE s.start_at < $2::timestamptz
       AND s.end_at > $1::timestamptz
       AND i.kind = $3::text
       AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM teams t WHERE t.id = i.team_id AND t.external_id = $4::text))
       AND (cardinality($5::text[]) = 0 OR EXISTS (
             SELECT 1 FROM incident_services x JOIN services v ON v.id = x.service_id
              WHERE x.incident_id = i.id AND v.external_id = ANY($5::text[])))
       AND ($6::int IS NULL OR i.severity <= $6::int)
  )`;

const BUCKET_SUMS = `
  coalesce(sum(minutes), 0)::float8 AS minutes,
  coalesce(sum(minutes) FILTER (WHERE bucket = 'working'), 0)::float8 AS working,
  coalesce(sum(minutes) FILTER (WHERE bucket = 'late'), 0)::float8 AS late,
  coalesce(sum(minutes) FILTER (WHERE bucket = 'sleeping'), 0)::float8 AS sleeping`;

/** Minutes of `source` (start_at, end_at, share) split at the org's midnights ($7). */
function splitAt(unit: 'day' | 'week', ctes: string, source: string, extra = ''): string {
  return `
  WITH ${ctes}
  SELECT to_char(p.start, 'YYYY-MM-DD') AS key, ${extra}
         sum(extract(epoch FROM least(c.end_at, (p.start + interval '1 ${unit}') AT TIME ZONE $7::text)
                              - greatest(c.start_at, p.start AT TIME ZONE $7::text))::float8 / 60 * c.share)::float8 AS minutes
    FROM ${source} c
   CROSS JOIN LATERAL generate_series(
           date_trunc('${unit}', c.start_at AT TIME ZONE $7::text),
           date_trunc('${unit}', (c.end_at - interval '1 microsecond') AT TIME ZONE $7::text),
           interval '1 ${unit}') AS p(start)
   GROUP BY p.start ${extra ? ', c.bucket' : ''}`;
}

export interface ReferenceWorkloadRows {
  /** Week (Monday) → minutes by bucket. */
  weeks: Array<{ key: string; bucket: string; minutes: number }>;
  days: Array<{ key: string; minutes: number }>;
  responders: Array<{ externalId: string; minutes: number; working: number; late: number; sleeping: number; incidents: number }>;
  incidents: Array<{ externalId: string; minutes: number; working: number; late: number; sleeping: number; responders: number }>;
  /** Service-set weighted minutes by day (before/after), for criteria with services. */
  serviceSetDays: Array<{ key: string; minutes: number }>;
}

type Queryable = Pick<DataSource | EntityManager, 'query'>;

export async function referenceWorkloadRows(db: Queryable, criteria: Omit<WorkloadCriteria, 'kind'>, timeZone: string): Promise<ReferenceWorkloadRows> {
  const params = [...criteriaParams({ ...criteria, kind: 'incident' }), timeZone];
  const withZone = (sql: string) => db.query(sql, params);
  // $7 is read by the split statements only; the others take $1–$6.
  const plain = (sql: string) => db.query(sql, params.slice(0, 6));
  return {
    weeks: await withZone(splitAt('week', SCOPED, 'scoped', 'c.bucket,')),
    days: await withZone(splitAt('day', SCOPED, 'scoped')),
    responders: await plain(
      `WITH ${SCOPED} SELECT min(r.external_id) AS "externalId", ${BUCKET_SUMS}, count(DISTINCT incident_id)::int AS incidents
         FROM scoped JOIN responders r ON r.id = scoped.responder_id GROUP BY responder_id`,
    ),
    incidents: await plain(
      `WITH ${SCOPED} SELECT min(i.external_id) AS "externalId", ${BUCKET_SUMS}, count(DISTINCT responder_id)::int AS responders
         FROM scoped JOIN incidents i ON i.id = scoped.incident_id GROUP BY incident_id`,
    ),
    serviceSetDays:
      criteria.services.length === 0
        ? []
        : await withZone(
            splitAt(
              'day',
              `${SCOPED},
              weighted AS (
                SELECT c.start_at, c.end_at, c.share * (
                         SELECT count(*) FILTER (WHERE v.external_id = ANY($5::text[]))::float8 / count(*)
                           FROM incident_services x JOIN services v ON v.id = x.service_id WHERE x.incident_id = c.incident_id) AS share
                  FROM scoped c
              )`,
              'weighted',
            ),
          ),
  };
}
