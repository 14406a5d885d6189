import type { DataSource, EntityManager } from 'typeorm';
import type { AlertClassCounts, ResponderInterruptions } from '@firewatch/shared';
import type { TimeBucket } from '../workload/workload-rules.js';

/**
 * SQL of the noise report (`GET /api/v1/analytics/noise`, SPEC §2.5) over the maintained noise facts
 * (`alert_facts`, `page_facts`, kept current by `NoiseFactsService`): index ranges of the facts by the
 * alert's firedAt and the small dimension tables; never `alerts`, `pages` or `activity`. Every value is
 * a `$n` parameter.
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

/**
 * Whether facts row `f` (of `alert_facts` or `page_facts`: both carry the alert's columns) is of an
 * alert the request selects: fired in `[$1, $2)`, counted (not linked to a `test` incident), of team
 * $3 and one of services $4 (empty = any; an alert without a service matches only when neither is
 * given), at most severity $5.
 */
const SELECTS = (f: string) => `
      ${f}.fired_at >= $1::timestamptz AND ${f}.fired_at < $2::timestamptz AND ${f}.counted
  AND ($3::text IS NULL OR ${f}.team_id = (SELECT t.id FROM teams t WHERE t.external_id = $3::text))
  AND (cardinality($4::text[]) = 0 OR ${f}.service_id IN (SELECT s.id FROM services s WHERE s.external_id = ANY($4::text[])))
  AND ($5::int IS NULL OR ${f}.severity_rank <= $5::int)`;

/** `classifyAlert` (classify-alert.ts) from an alert's facts; $6 is transientMinutes. */
const ALERT_CLASS = `
  CASE f.base_class
    WHEN 'unacked' THEN CASE WHEN f.auto_resolved_seconds <= $6::float8 * 60 THEN 'transient' ELSE 'ignored' END
    ELSE f.base_class
  END`;

/** Escalated alerts' class counts, as json keyed like `AlertClassCounts`, from rows with a `cls` column. */
const CLASS_COUNTS = `
  json_build_object(
    'actionable', count(*) FILTER (WHERE cls = 'actionable'),
    'flagged', count(*) FILTER (WHERE cls = 'flagged'),
    'transient', count(*) FILTER (WHERE cls = 'transient'),
    'ignored', count(*) FILTER (WHERE cls = 'ignored'),
    'ackOnly', count(*) FILTER (WHERE cls = 'ack_only'))`;

/** The selected alerts with their class, and the columns `more` (a subquery over `alert_facts f`). */
const classedAlerts = (more: string, where = 'true') => `
  SELECT f.source, f.rule, ${more}, ${ALERT_CLASS} AS cls
    FROM alert_facts f
   WHERE ${SELECTS('f')} AND ${where}`;

/**
 * Interruptions of the selected alerts: an interruption is merged over all of its responder's counted
 * pages (the merge is the person's, not the request's) and belongs to the alert of its opening page.
 */
const OPENINGS = `
  openings AS MATERIALIZED (
    SELECT p.responder_id, p.source, p.rule, p.noisy, p.bucket, p.local_hour, p.night
      FROM page_facts p
     WHERE p.opens AND ${SELECTS('p')}
  )`;

/** Per responder: pages (any channel) of the selected alerts, and their interruption figures. */
const PEOPLE = `
  people AS (
    SELECT coalesce(pg.responder_id, op.responder_id) AS responder_id, coalesce(pg.pages, 0) AS pages,
           coalesce(op.interruptions, 0) AS interruptions, coalesce(op.sleeping, 0) AS sleeping,
           coalesce(op.hours, 0) AS hours, coalesce(op.nights, 0) AS nights
      FROM (SELECT p.responder_id, count(*)::int AS pages FROM page_facts p WHERE ${SELECTS('p')} GROUP BY p.responder_id) pg
      FULL JOIN (SELECT o.responder_id, o.interruptions, o.sleeping, coalesce(h.hours, 0) AS hours, coalesce(n.nights, 0) AS nights
                   FROM (SELECT responder_id, count(*)::int AS interruptions, (count(*) FILTER (WHERE bucket = 'sleeping'))::int AS sleeping
                           FROM openings GROUP BY responder_id) o
                   -- Distinct hours and nights by hashing the pairs, not by sorting every interruption per person.
                   LEFT JOIN (SELECT responder_id, count(*)::int AS hours
                                FROM (SELECT DISTINCT responder_id, local_hour FROM openings WHERE local_hour IS NOT NULL) d GROUP BY responder_id) h
                          ON h.responder_id = o.responder_id
                   LEFT JOIN (SELECT responder_id, count(*)::int AS nights
                                FROM (SELECT DISTINCT responder_id, night FROM openings WHERE night IS NOT NULL) d GROUP BY responder_id) n
                          ON n.responder_id = o.responder_id) op ON op.responder_id = pg.responder_id
  )`;

/** Interruptions by bucket of §2.1, and the noisy ones (alert not `actionable`), of one rule. */
export interface RuleInterruptions {
  byBucket: Record<TimeBucket, number>;
  noisy: number;
  noisySleeping: number;
}

/** One rule's alerts fired in the range. */
export interface NoiseRuleAggregate {
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
  interruptions: RuleInterruptions;
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

/** A paged responder's figures. */
export interface NoiseResponderAggregate extends ResponderInterruptions {
  externalId: string;
  name: string;
}

export interface NoiseAggregates {
  rules: NoiseRuleAggregate[];
  weeks: NoiseWeekAggregate[];
  escalation: NoiseEscalationAggregate;
  responders: NoiseResponderAggregate[];
}

/** A paged responder's figures as json. */
const RESPONDERS_JSON = `
  (SELECT coalesce(json_agg(json_build_object('externalId', r.external_id, 'name', r.name, 'pages', x.pages, 'interruptions', x.interruptions,
            'sleepingInterruptions', x.sleeping, 'disruptedHours', x.hours, 'disruptedNights', x.nights)), '[]')
     FROM people x JOIN responders r ON r.id = x.responder_id) AS responders`;

/**
 * The noise report's aggregates in one statement over the facts. $1–$5 as {@link criteriaParams}, $6
 * transientMinutes, $7 the org time zone. Escalation depth: an incident's first page at level ≥ 2 is the
 * earliest of its alerts', ties to the first alert in (source, rule, firedAt, id) order.
 */
export const NOISE_AGGREGATES_SQL = `
  WITH ${OPENINGS}, ${PEOPLE},
  rule_interruptions AS (
    SELECT source, rule,
           count(*) FILTER (WHERE bucket = 'working') AS working, count(*) FILTER (WHERE bucket = 'late') AS late,
           count(*) FILTER (WHERE bucket = 'sleeping') AS sleeping,
           count(*) FILTER (WHERE noisy) AS noisy, count(*) FILTER (WHERE noisy AND bucket = 'sleeping') AS noisy_sleeping
      FROM openings
     GROUP BY source, rule
  ),
  -- Each grouping of the selected alerts is its own (parallel, hashed) aggregate: no materialised alert
  -- rows read again, and no sort of every alert.
  rule_counts AS (
    SELECT source, rule, count(*)::int AS fired, count(cls)::int AS escalated, ${CLASS_COUNTS} AS classes,
           count(*) FILTER (WHERE flap)::int AS flaps, (extract(epoch FROM max(fired_at)) * 1000)::float8 AS last_fired_ms
      FROM (${classedAlerts('f.fired_at, f.flap')}) c
     GROUP BY source, rule
  ),
  weeks AS (
    SELECT to_char(week, 'YYYY-MM-DD') AS week, escalated, actionable
      FROM (SELECT date_trunc('week', fired_at AT TIME ZONE $7::text) AS week,
                   count(cls)::int AS escalated, (count(*) FILTER (WHERE cls = 'actionable'))::int AS actionable
              FROM (${classedAlerts('f.fired_at', 'f.base_class IS NOT NULL')}) c GROUP BY 1) x
  ),
  reasons AS (
    SELECT escalated_reason AS reason, count(cls)::int AS escalated
      FROM (${classedAlerts('f.escalated_reason', 'f.escalated_reason IS NOT NULL')}) c
     GROUP BY escalated_reason
  ),
  -- The median sorts only the escalated, acknowledged alerts (an ordered-set aggregate over all of
  -- them would sort every alert of the range by rule).
  rule_tta AS (
    SELECT source, rule, percentile_cont(0.5) WITHIN GROUP (ORDER BY tta_minutes) AS tta_median
      FROM (${classedAlerts('f.tta_minutes', 'f.tta_minutes IS NOT NULL')}) c
     WHERE cls IS NOT NULL
     GROUP BY source, rule
  ),
  rules AS (
    SELECT c.source, c.rule, c.fired, c.escalated, c.classes, c.flaps, c.last_fired_ms, t.tta_median
      FROM rule_counts c LEFT JOIN rule_tta t ON t.source = c.source AND t.rule = c.rule
  ),
  incident_escalation AS (
    SELECT DISTINCT ON (incident_id) incident_id, escalated_reason AS reason
      FROM (${classedAlerts('f.fired_at, f.alert_id, f.incident_id, f.escalated_at, f.escalated_level, f.escalated_reason', 'f.incident_id IS NOT NULL AND f.incident_counts')}) c
     WHERE cls IS NOT NULL
     ORDER BY incident_id, escalated_at NULLS LAST, escalated_level, source COLLATE "C", rule COLLATE "C", fired_at, alert_id
  )
  SELECT
    (SELECT coalesce(json_agg(json_build_object(
              'source', r.source, 'rule', r.rule, 'fired', r.fired, 'escalated', r.escalated, 'classes', r.classes,
              'ttaMedianMinutes', r.tta_median, 'flaps', r.flaps, 'lastFiredAtMs', r.last_fired_ms,
              'interruptions', json_build_object(
                'byBucket', json_build_object('working', coalesce(i.working, 0), 'late', coalesce(i.late, 0), 'sleeping', coalesce(i.sleeping, 0)),
                'noisy', coalesce(i.noisy, 0), 'noisySleeping', coalesce(i.noisy_sleeping, 0)))), '[]')
       FROM rules r LEFT JOIN rule_interruptions i ON i.source = r.source AND i.rule = r.rule) AS rules,
    (SELECT coalesce(json_agg(w ORDER BY w.week), '[]') FROM weeks w) AS weeks,
    json_build_object(
      'escalatedAlerts', (SELECT coalesce(sum(escalated), 0)::int FROM rule_counts),
      'alertsByReason', (SELECT coalesce(json_object_agg(reason, escalated), '{}') FROM reasons WHERE escalated > 0),
      'incidents', (SELECT count(*) FROM incident_escalation),
      'incidentsByReason', (SELECT coalesce(json_object_agg(reason, n), '{}') FROM (SELECT reason, count(*) AS n FROM incident_escalation WHERE reason IS NOT NULL GROUP BY reason) x)
    ) AS escalation,
    ${RESPONDERS_JSON}`;

/** The alert counts of the report's totals. */
export interface NoiseAlertTotals {
  fired: number;
  escalated: number;
  classes: AlertClassCounts;
}

/** What the totals alone need: no rules, weeks or escalation depth. */
export interface NoiseTotalsAggregates {
  alerts: NoiseAlertTotals;
  pages: number;
  interruptions: number;
  sleepingInterruptions: number;
}

/**
 * The totals of the noise report (the overview's figures): one aggregate pass over the selected alert
 * facts and one over the selected page facts (no materialised rows: the totals need none).
 * $1–$6 as {@link NOISE_AGGREGATES_SQL}.
 */
export const NOISE_TOTALS_SQL = `
  SELECT
    (SELECT json_build_object('fired', count(*), 'escalated', count(cls), 'classes', ${CLASS_COUNTS})
       FROM (SELECT ${ALERT_CLASS} AS cls FROM alert_facts f WHERE ${SELECTS('f')}) c) AS alerts,
    p.pages, p.interruptions, p."sleepingInterruptions"
    FROM (SELECT count(*)::int AS pages, (count(*) FILTER (WHERE p.opens))::int AS interruptions,
                 (count(*) FILTER (WHERE p.opens AND p.bucket = 'sleeping'))::int AS "sleepingInterruptions"
            FROM page_facts p WHERE ${SELECTS('p')}) p`;

/** $1–$5 of the statements. */
export function criteriaParams(c: NoiseCriteria): unknown[] {
  return [c.from.toISOString(), c.to.toISOString(), c.team ?? null, [...c.services], c.maxSeverity ?? null];
}

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** Reads the report's aggregates ({@link NOISE_AGGREGATES_SQL}). */
export async function queryNoiseAggregates(db: Queryable, criteria: NoiseCriteria, settings: { transientMinutes: number; timezone: string }): Promise<NoiseAggregates> {
  const [row]: NoiseAggregates[] = await db.query(NOISE_AGGREGATES_SQL, [...criteriaParams(criteria), settings.transientMinutes, settings.timezone]);
  return row!;
}

/** Reads the totals' aggregates ({@link NOISE_TOTALS_SQL}). */
export async function queryNoiseTotals(db: Queryable, criteria: NoiseCriteria, settings: { transientMinutes: number }): Promise<NoiseTotalsAggregates> {
  const [row]: NoiseTotalsAggregates[] = await db.query(NOISE_TOTALS_SQL, [...criteriaParams(criteria), settings.transientMinutes]);
  return row!;
}
