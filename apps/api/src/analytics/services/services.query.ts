import type { DataSource, EntityManager } from 'typeorm';
import { SCOPED, criteriaParams } from '../workload/workload.query.js';
import { INCIDENT_MATCHES, PAGE_MATCHES, dailyMinutesSql, pageParams, type AnalyticsCriteria } from '../seasonality/seasonality.query.js';

/**
 * SQL of the services and causes reports (SPEC §2.4). Reads index-bounded ranges of `incidents`, the
 * noise facts' `page_facts` and the `work_days` rollup, never `activity`, `pages` or the segments. The two reports differ only by the table
 * that links an incident to its rows (a constant {@link Dimension}, never a request value).
 */

export type DimensionName = 'service' | 'cause';

interface Dimension {
  /** Table with one row per (incident_id, row of the report), aliased `x`. */
  link: string;
  /** Joins after `x` to reach the key and name. */
  join: string;
  key: string;
  name: string;
  /** Joins after `page_facts p` to reach the same key and name (see METRICS.md). */
  pageJoin: string;
  /** Whether the `service` filter also restricts the rows (not only the incidents). */
  restrictedByServiceFilter: boolean;
}

const DIMENSIONS: Record<DimensionName, Dimension> = {
  // Pages of a service: pages of alerts whose service it is.
  service: {
    link: 'incident_services',
    join: 'JOIN services v ON v.id = x.service_id',
    key: 'v.external_id',
    name: 'v.name',
    pageJoin: 'JOIN services v ON v.id = p.service_id',
    restrictedByServiceFilter: true,
  },
  // Pages of a cause: pages of alerts linked to an incident (kind incident) with that cause.
  cause: {
    link: 'incident_causes',
    join: '',
    key: 'x.cause',
    name: 'x.cause',
    pageJoin: `JOIN alert_facts f ON f.alert_id = p.alert_id AND f.incident_counts JOIN incident_causes x ON x.incident_id = f.incident_id`,
    restrictedByServiceFilter: false,
  },
};

/** With a `service` filter in parameter `$n`, the services report keeps only those services' rows. */
function rowFilter(d: Dimension, servicesParam: number): string {
  return d.restrictedByServiceFilter ? `AND (cardinality($${servicesParam}::text[]) = 0 OR ${d.key} = ANY($${servicesParam}::text[]))` : '';
}

/** Incidents of one row: counted once per row they touch. */
export interface BreakdownIncidentRow {
  key: string;
  name: string;
  incidents: number;
  majorIncidents: number;
  /** Median of resolvedAt − startedAt over the resolved ones, minutes; null when none is resolved. */
  ttrMedianMinutes: number | null;
  /** Not resolved, so not in the median. */
  ttrExcluded: number;
}

/** Workload of one row, full precision: each incident's minutes ÷ its number of rows. */
export interface BreakdownWorkloadRow {
  key: string;
  name: string;
  minutes: number;
  outOfHoursMinutes: number;
}

export interface BreakdownPagesRow {
  key: string;
  name: string;
  pages: number;
}

/** Every matching incident once, and those linked to no row at all. */
export interface BreakdownTotalsRow {
  incidents: number;
  minutes: number;
  outOfHoursMinutes: number;
  unassignedIncidents: number;
  unassignedMinutes: number;
  unassignedOutOfHoursMinutes: number;
}

export interface BreakdownRows {
  incidents: BreakdownIncidentRow[];
  workload: BreakdownWorkloadRow[];
  pages: BreakdownPagesRow[];
  totals: BreakdownTotalsRow;
}

/** $1–$6 criteriaParams, $7 the major-severity threshold. */
function incidentsSql(d: Dimension): string {
  return `
  WITH matched AS (SELECT i.id, i.severity, i.started_at, i.resolved_at FROM incidents i WHERE ${INCIDENT_MATCHES})
  SELECT ${d.key} AS key, min(${d.name}) AS name, count(*)::int AS incidents,
         count(*) FILTER (WHERE m.severity <= $7::int)::int AS "majorIncidents",
         -- SPEC §2.2: TTR = resolvedAt − startedAt; unresolved ones are NULL and left out by percentile_cont.
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.resolved_at - m.started_at)::float8 / 60)::float8 AS "ttrMedianMinutes",
         count(*) FILTER (WHERE m.resolved_at IS NULL)::int AS "ttrExcluded"
    FROM matched m JOIN ${d.link} x ON x.incident_id = m.id ${d.join}
   WHERE true ${rowFilter(d, 5)}
   GROUP BY ${d.key}`;
}

/** Matching incidents, each once, and those without any row; $1–$6 criteriaParams. */
function incidentTotalsSql(d: Dimension): string {
  return `
  SELECT count(*)::int AS incidents,
         count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ${d.link} x WHERE x.incident_id = i.id))::int AS "unassignedIncidents"
    FROM incidents i WHERE ${INCIDENT_MATCHES}`;
}

/** Work in range per matching incident, with `k`, its number of rows. $1–$6 criteriaParams. */
function perIncidentWorkload(d: Dimension): string {
  return `${SCOPED},
  per_incident AS (
    SELECT p.incident_id, p.minutes, p.ooh, (SELECT count(*) FROM ${d.link} y WHERE y.incident_id = p.incident_id)::float8 AS k
      FROM (SELECT incident_id, sum(minutes) AS minutes, sum(late + sleeping) AS ooh
              FROM scoped GROUP BY incident_id) p
  )`;
}

function workloadSql(d: Dimension): string {
  return `
  WITH ${perIncidentWorkload(d)}
  SELECT ${d.key} AS key, min(${d.name}) AS name,
         sum(p.minutes / p.k)::float8 AS minutes, sum(p.ooh / p.k)::float8 AS "outOfHoursMinutes"
    FROM per_incident p JOIN ${d.link} x ON x.incident_id = p.incident_id ${d.join}
   WHERE true ${rowFilter(d, 5)}
   GROUP BY ${d.key}`;
}

function workloadTotalsSql(d: Dimension): string {
  return `
  WITH ${perIncidentWorkload(d)}
  SELECT coalesce(sum(minutes), 0)::float8 AS minutes, coalesce(sum(ooh), 0)::float8 AS "outOfHoursMinutes",
         coalesce(sum(minutes) FILTER (WHERE k = 0), 0)::float8 AS "unassignedMinutes",
         coalesce(sum(ooh) FILTER (WHERE k = 0), 0)::float8 AS "unassignedOutOfHoursMinutes"
    FROM per_incident`;
}

/** $1–$5 pageParams. */
function pagesSql(d: Dimension): string {
  return `
  SELECT ${d.key} AS key, min(${d.name}) AS name, count(*)::int AS pages
    FROM page_facts p ${d.pageJoin}
   WHERE ${PAGE_MATCHES} ${rowFilter(d, 4)}
   GROUP BY ${d.key}`;
}

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/**
 * The rows of one period of the services (`service`) or causes (`cause`) report. Incidents count by
 * `declaredAt` in the range; workload by its overlap with the range; pages by `at`.
 */
export async function queryBreakdown(db: Queryable, dimension: DimensionName, criteria: AnalyticsCriteria, majorSeverity: number): Promise<BreakdownRows> {
  const d = DIMENSIONS[dimension];
  const params = criteriaParams({ ...criteria, kind: 'incident' });
  const incidents: BreakdownIncidentRow[] = await db.query(incidentsSql(d), [...params, majorSeverity]);
  const workload: BreakdownWorkloadRow[] = await db.query(workloadSql(d), params);
  const pages: BreakdownPagesRow[] = await db.query(pagesSql(d), pageParams(criteria));
  const [counts] = await db.query(incidentTotalsSql(d), params);
  const [minutes] = await db.query(workloadTotalsSql(d), params);
  return { incidents, workload, pages, totals: { ...counts, ...minutes } };
}

/** An annotation and its services. */
export interface AnnotationRow {
  externalId: string;
  title: string;
  kind: 'launch' | 'migration' | 'freeze' | 'reorg' | 'other';
  at: Date;
  services: Array<{ externalId: string; name: string }>;
}

/** Annotations with this external id (one per source that sent it). */
export const ANNOTATIONS_BY_EXTERNAL_ID_SQL = `
  SELECT a.external_id AS "externalId", a.title, a.kind, a.at,
         coalesce((SELECT json_agg(json_build_object('externalId', v.external_id, 'name', v.name) ORDER BY v.external_id)
                     FROM annotation_services x JOIN services v ON v.id = x.service_id WHERE x.annotation_id = a.id), '[]'::json) AS services
    FROM annotations a WHERE a.external_id = $1`;

/** Services by external id, in the order of their ids. */
export const SERVICES_BY_EXTERNAL_ID_SQL = `
  SELECT DISTINCT ON (external_id) external_id AS "externalId", name FROM services WHERE external_id = ANY($1::text[]) ORDER BY external_id, id`;

/**
 * Workload by local day of the org of the incidents touching any service of $5, each weighted by the
 * share of its services that are in $5 (1/k per service, SPEC §2.4). $1–$6 criteriaParams.
 */
export const SERVICE_SET_WORKLOAD_DAILY_SQL = dailyMinutesSql(
  `${SCOPED},
  weighted AS (
    SELECT c.day, c.minutes * (
             SELECT count(*) FILTER (WHERE v.external_id = ANY($5::text[]))::float8 / count(*)
               FROM incident_services x JOIN services v ON v.id = x.service_id WHERE x.incident_id = c.incident_id) AS minutes
      FROM scoped c
  )`,
  'weighted',
);
