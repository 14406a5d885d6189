import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DEFAULT_SETTINGS, type IncidentSortField, type NamedRecord, type SortOrder } from '@firewatch/shared';
import { orgDay } from '../analytics/workload/workload.query.js';
import { containsPattern } from './like-pattern.js';

/** Which incidents: every field is already validated; `from`/`to` are the half-open UTC bounds. */
export interface IncidentFilterCriteria {
  kinds: readonly string[];
  from: Date;
  to: Date;
  team?: string;
  /** Incidents affecting ANY of these services; empty = no service filter. */
  services: readonly string[];
  maxSeverity?: number;
  titleContains?: string;
  /**
   * Local weekday (ISO, 1 = Monday) and/or hour (0–23) of `declaredAt` in `timeZone` (the org's, from
   * the settings row, never the request), read as the seasonality heatmap reads them.
   */
  declaredLocal?: { timeZone: string; weekday?: number; hour?: number };
  /** A cause tag the incident has, exactly. */
  cause?: string;
  /**
   * The reason of the incident's first page at level ≥ 2 over all its linked alerts (the noise
   * report's escalation depth: earliest, then lowest level; ties as {@link INCIDENT_FIRST_ESCALATION}).
   */
  escalationReason?: string;
  /**
   * A responder's external id (its first-recorded row, as the responder page reads it): the incidents
   * with a work segment of theirs overlapping `[from, to)`, whenever declared — this replaces the
   * declared-date bounds, so the total is the responder page's `workload.incidents`.
   */
  workedBy?: string;
}

/** What to list: the filter, then order and page. */
export interface IncidentListCriteria extends IncidentFilterCriteria {
  sort: IncidentSortField;
  order: SortOrder;
  limit: number;
  offset: number;
}

/** Counts and percentiles (minutes, null without a value) of the three timings. */
export interface IncidentTimingRows {
  total: number;
  ttaCount: number;
  ttaMedian: number | null;
  ttaP90: number | null;
  ttmCount: number;
  ttmMedian: number | null;
  ttmP90: number | null;
  ttrCount: number;
  ttrMedian: number | null;
  ttrP90: number | null;
}

export interface IncidentListRow {
  externalId: string;
  source: string;
  title: string;
  kind: string;
  severity: number;
  team: NamedRecord | null;
  services: NamedRecord[];
  causes: string[];
  declaredAt: Date;
  startedAt: Date;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  ttaMinutes: number | null;
  ttrMinutes: number | null;
}

/**
 * The columns of an {@link IncidentListRow} over `incidents i` with its team joined as `t`: team,
 * services and causes by name, and the SPEC §2.2 timings in minutes.
 */
const LIST_COLUMNS = `
              i.external_id AS "externalId", i.source, i.title, i.kind, i.severity,
              CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('externalId', t.external_id, 'name', t.name) END AS team,
              coalesce((SELECT json_agg(json_build_object('externalId', s.external_id, 'name', s.name) ORDER BY lower(s.name), s.external_id)
                          FROM incident_services x JOIN services s ON s.id = x.service_id
                         WHERE x.incident_id = i.id), '[]'::json) AS services,
              coalesce((SELECT array_agg(ic.cause ORDER BY ic.cause) FROM incident_causes ic WHERE ic.incident_id = i.id), '{}') AS causes,
              i.declared_at AS "declaredAt", i.started_at AS "startedAt", i.acknowledged_at AS "acknowledgedAt",
              i.mitigated_at AS "mitigatedAt", i.resolved_at AS "resolvedAt",
              -- SPEC §2.2, in minutes: TTA = acknowledgedAt − declaredAt, TTR = resolvedAt − startedAt.
              extract(epoch FROM i.acknowledged_at - i.declared_at)::float8 / 60 AS "ttaMinutes",
              extract(epoch FROM i.resolved_at - i.started_at)::float8 / 60 AS "ttrMinutes"`;

// Sort keys and directions are looked up from these constants, never taken from the request.
const SORT_KEY: Record<IncidentSortField, string> = {
  declaredAt: 'i.declared_at',
  severity: 'i.severity',
  ttrMinutes: '(i.resolved_at - i.started_at)',
  title: 'lower(i.title)',
};
const DIRECTION: Record<SortOrder, string> = { asc: 'ASC', desc: 'DESC' };

/** ORDER BY of the list; valid on `incidents i` and on the page CTE aliased `i`. Total, so pages never overlap. */
function orderBy(sort: IncidentSortField, order: SortOrder): string {
  const direction = DIRECTION[order];
  // Missing values (an unresolved incident's TTR) sort last in either direction.
  const first = `${SORT_KEY[sort]} ${direction} NULLS LAST`;
  return sort === 'declaredAt' ? `${first}, i.id ${direction}` : `${first}, i.declared_at DESC, i.id DESC`;
}

/**
 * The reason of incident `i`'s first page at level ≥ 2, from the same noise facts as
 * `NOISE_AGGREGATES_SQL`'s `incident_escalation`, but over ALL the incident's linked alerts, whenever
 * they fired (`ix_alert_facts_incident`): each alert's first such page (earliest, then lowest level,
 * then responder id, page id: `escalated_*`), then the earliest of those (then lowest level), ties to
 * the alert first in (source, rule, firedAt, id).
 */
const INCIDENT_FIRST_ESCALATION = `
  (SELECT f.escalated_reason
     FROM alert_facts f
    WHERE f.incident_id = i.id AND f.escalated_at IS NOT NULL
    ORDER BY f.escalated_at, f.escalated_level, f.source COLLATE "C", f.rule COLLATE "C", f.fired_at, f.alert_id
    LIMIT 1)`;

/**
 * WHERE of the list over `incidents i`, with its parameters. Conditions are constant SQL; every
 * value is a `$n` parameter. Kind and declared_at lead, so `ix_incidents_declared_at (kind,
 * declared_at)` bounds the scan.
 */
function where(c: IncidentFilterCriteria): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const from = param(c.from.toISOString());
  const to = param(c.to.toISOString());
  const conditions = [`i.kind = ANY(${param(c.kinds)}::text[])`];
  if (c.workedBy === undefined) {
    // Half-open [from, to): an incident declared exactly at `to` belongs to the next range.
    conditions.push(`i.declared_at >= ${from}::timestamptz`, `i.declared_at < ${to}::timestamptz`);
  } else {
    // The responder's work in [from, to): their days on the incident in the workload's rollup, as the workload report reads it.
    conditions.push(
      `EXISTS (SELECT 1 FROM work_days wd
                WHERE wd.incident_id = i.id AND wd.day >= ${orgDay(from)} AND wd.day < ${orgDay(to)}
                  AND wd.responder_id = (SELECT r.id FROM responders r WHERE r.external_id = ${param(c.workedBy)} ORDER BY r.id LIMIT 1))`,
    );
  }
  if (c.team !== undefined) {
    conditions.push(`EXISTS (SELECT 1 FROM teams t WHERE t.id = i.team_id AND t.external_id = ${param(c.team)})`);
  }
  if (c.services.length > 0) {
    conditions.push(
      `EXISTS (SELECT 1 FROM incident_services x JOIN services s ON s.id = x.service_id
                WHERE x.incident_id = i.id AND s.external_id = ANY(${param(c.services)}::text[]))`,
    );
  }
  if (c.maxSeverity !== undefined) conditions.push(`i.severity <= ${param(c.maxSeverity)}`);
  if (c.titleContains !== undefined) conditions.push(`i.title ILIKE ${param(containsPattern(c.titleContains))} ESCAPE '\\'`);
  const local = c.declaredLocal;
  if (local?.weekday !== undefined) {
    conditions.push(`extract(isodow FROM i.declared_at AT TIME ZONE ${param(local.timeZone)}::text) = ${param(local.weekday)}`);
  }
  if (local?.hour !== undefined) conditions.push(`extract(hour FROM i.declared_at AT TIME ZONE ${param(local.timeZone)}::text) = ${param(local.hour)}`);
  if (c.cause !== undefined) {
    conditions.push(`EXISTS (SELECT 1 FROM incident_causes ic WHERE ic.incident_id = i.id AND ic.cause = ${param(c.cause)})`);
  }
  if (c.escalationReason !== undefined) conditions.push(`${INCIDENT_FIRST_ESCALATION} = ${param(c.escalationReason)}`);
  return { sql: conditions.join('\n AND '), params };
}

@Injectable()
export class IncidentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organisation's IANA time zone (settings row 1), in which `from`/`to` days are counted. */
  async orgTimeZone(): Promise<string> {
    const rows = await this.dataSource.query<Array<{ timezone: string }>>(`SELECT timezone FROM settings WHERE id = 1`);
    return rows[0]?.timezone ?? DEFAULT_SETTINGS.timezone;
  }

  /** One page of the incidents matching `c`: the page is chosen first, then only its rows are joined to team, services and causes. */
  async page(c: IncidentListCriteria): Promise<IncidentListRow[]> {
    const { sql: conditions, params } = where(c);
    const order = orderBy(c.sort, c.order);
    const limit = `$${params.length + 1}`;
    const offset = `$${params.length + 2}`;
    return this.dataSource.query<IncidentListRow[]>(
      `WITH page AS (
         SELECT i.*
           FROM incidents i
          WHERE ${conditions}
          ORDER BY ${order}
          LIMIT ${limit} OFFSET ${offset}
       )
       SELECT ${LIST_COLUMNS}
         FROM page i
         LEFT JOIN teams t ON t.id = i.team_id
        ORDER BY ${order}`,
      [...params, c.limit, c.offset],
    );
  }

  /**
   * The number of incidents matching `c` over all pages. Counted apart from the page: a count taken
   * beside the page (`count(*) OVER ()`) would carry every matching row, all its columns, through
   * the window before the LIMIT (100 ms instead of 17 ms over 95,000 incidents).
   */
  async count(c: IncidentFilterCriteria): Promise<number> {
    const { sql: conditions, params } = where(c);
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM incidents i WHERE ${conditions}`,
      params,
    );
    return total;
  }

  /**
   * TTA, TTM and TTR (SPEC §2.2) of the incidents matching `c` — every page, kind `incident` only —
   * as median and p90 (`percentile_cont`, linear interpolation) with the incidents left out because
   * the end timestamp is missing.
   */
  async timings(c: Omit<IncidentFilterCriteria, 'kinds'>): Promise<IncidentTimingRows> {
    const { sql: conditions, params } = where({ ...c, kinds: ['incident'] });
    const [row] = await this.dataSource.query<IncidentTimingRows[]>(
      `WITH timed AS (
         SELECT extract(epoch FROM i.acknowledged_at - i.declared_at)::float8 / 60 AS tta,
                extract(epoch FROM i.mitigated_at - i.started_at)::float8 / 60 AS ttm,
                extract(epoch FROM i.resolved_at - i.started_at)::float8 / 60 AS ttr
           FROM incidents i
          WHERE ${conditions}
       )
       SELECT count(*)::int AS total,
              count(tta)::int AS "ttaCount", percentile_cont(0.5) WITHIN GROUP (ORDER BY tta) AS "ttaMedian", percentile_cont(0.9) WITHIN GROUP (ORDER BY tta) AS "ttaP90",
              count(ttm)::int AS "ttmCount", percentile_cont(0.5) WITHIN GROUP (ORDER BY ttm) AS "ttmMedian", percentile_cont(0.9) WITHIN GROUP (ORDER BY ttm) AS "ttmP90",
              count(ttr)::int AS "ttrCount", percentile_cont(0.5) WITHIN GROUP (ORDER BY ttr) AS "ttrMedian", percentile_cont(0.9) WITHIN GROUP (ORDER BY ttr) AS "ttrP90"
         FROM timed`,
      params,
    );
    return row!;
  }

  /** Incidents with this external id, one per source that has it (at most a handful). */
  findByExternalId(externalId: string, source?: string): Promise<IncidentDetailRow[]> {
    return this.dataSource.query<IncidentDetailRow[]>(
      `SELECT i.id, ${LIST_COLUMNS},
              coalesce((SELECT json_agg(json_build_object('responder', json_build_object('externalId', r.external_id, 'name', r.name), 'role', ir.role)
                                        ORDER BY ir.role, lower(r.name), r.external_id)
                          FROM incident_roles ir JOIN responders r ON r.id = ir.responder_id
                         WHERE ir.incident_id = i.id), '[]'::json) AS roles,
              extract(epoch FROM i.mitigated_at - i.started_at)::float8 / 60 AS "ttmMinutes",
              i.chat_channel_id AS "chatChannelId",
              (SELECT hourly_cost::float8 FROM settings WHERE id = 1) AS "hourlyCost"
         FROM incidents i
         LEFT JOIN teams t ON t.id = i.team_id
        WHERE i.external_id = $1 AND ($2::text IS NULL OR i.source = $2)
        ORDER BY i.source`,
      [externalId, source ?? null],
    );
  }

  /** The incident's stored work segments (SPEC §2.1), by responder then time. */
  workSegments(incidentId: number): Promise<IncidentSegmentRow[]> {
    return this.dataSource.query<IncidentSegmentRow[]>(
      `SELECT r.external_id AS "externalId", r.name, s.start_at AS "start", s.end_at AS "end", s.share, s.bucket
         FROM work_segments s JOIN responders r ON r.id = s.responder_id
        WHERE s.incident_id = $1
        ORDER BY r.external_id, s.start_at`,
      [incidentId],
    );
  }

  /** Alerts linked to the incident and the pages sent for them, oldest first. */
  async alertsAndPages(incidentId: number): Promise<{ alerts: IncidentAlertRow[]; pages: IncidentPageRow[] }> {
    const alerts = await this.dataSource.query<IncidentAlertRow[]>(
      `SELECT a.external_id AS "externalId", a.source, a.rule, a.severity, a.resolved_by AS "resolvedBy", a.feedback,
              CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('externalId', s.external_id, 'name', s.name) END AS service,
              a.fired_at AS "firedAt", a.resolved_at AS "resolvedAt", a.acknowledged_at AS "acknowledgedAt"
         FROM alerts a LEFT JOIN services s ON s.id = a.service_id
        WHERE a.incident_id = $1
        ORDER BY a.fired_at, a.id`,
      [incidentId],
    );
    const pages = await this.dataSource.query<IncidentPageRow[]>(
      `SELECT a.external_id AS alert, json_build_object('externalId', r.external_id, 'name', r.name) AS responder,
              p.at, p.channel, p.level, p.reason
         FROM alerts a JOIN pages p ON p.alert_id = a.id JOIN responders r ON r.id = p.responder_id
        WHERE a.incident_id = $1
        ORDER BY p.at, p.id`,
      [incidentId],
    );
    return { alerts, pages };
  }

  /** The first `limit` activity events on the incident, oldest first, and how many there are. */
  async activity(incidentId: number, limit: number): Promise<{ total: number; rows: IncidentActivityRow[] }> {
    const rows = await this.dataSource.query<IncidentActivityRow[]>(
      `SELECT json_build_object('externalId', r.external_id, 'name', r.name) AS responder, a.at, a.end_at AS "endAt", a.kind
         FROM activity a JOIN responders r ON r.id = a.responder_id
        WHERE a.incident_id = $1
        ORDER BY a.at, a.id
        LIMIT $2`,
      [incidentId, limit],
    );
    if (rows.length < limit) return { total: rows.length, rows };
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM activity WHERE incident_id = $1`, [incidentId]);
    return { total, rows };
  }
}

export interface IncidentDetailRow extends IncidentListRow {
  id: number;
  roles: Array<{ responder: NamedRecord; role: string }>;
  ttmMinutes: number | null;
  chatChannelId: string | null;
  hourlyCost: number | null;
}

export interface IncidentSegmentRow {
  externalId: string;
  name: string;
  start: Date;
  end: Date;
  share: number;
  bucket: 'working' | 'late' | 'sleeping';
}

export interface IncidentAlertRow {
  externalId: string;
  source: string;
  rule: string;
  service: NamedRecord | null;
  severity: string | null;
  firedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: 'auto' | 'human' | null;
  acknowledgedAt: Date | null;
  feedback: string | null;
}

export interface IncidentPageRow {
  alert: string;
  responder: NamedRecord;
  at: Date;
  channel: string;
  level: number;
  reason: string;
}

export interface IncidentActivityRow {
  responder: NamedRecord;
  at: Date;
  endAt: Date | null;
  kind: string;
}
