import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DEFAULT_SETTINGS, type IncidentSortField, type NamedRecord, type SortOrder } from '@firewatch/shared';
import { containsPattern } from './like-pattern.js';

/** What to list: every field is already validated; `from`/`to` are the half-open UTC bounds. */
export interface IncidentListCriteria {
  kinds: readonly string[];
  from: Date;
  to: Date;
  team?: string;
  /** Incidents affecting ANY of these services; empty = no service filter. */
  services: readonly string[];
  maxSeverity?: number;
  titleContains?: string;
  sort: IncidentSortField;
  order: SortOrder;
  limit: number;
  offset: number;
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
 * WHERE of the list over `incidents i`, with its parameters. Conditions are constant SQL; every
 * value is a `$n` parameter. Kind and declared_at lead, so `ix_incidents_declared_at (kind,
 * declared_at)` bounds the scan.
 */
function where(c: IncidentListCriteria): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions = [
    `i.kind = ANY(${param(c.kinds)}::text[])`,
    // Half-open [from, to): an incident declared exactly at `to` belongs to the next range.
    `i.declared_at >= ${param(c.from.toISOString())}::timestamptz`,
    `i.declared_at < ${param(c.to.toISOString())}::timestamptz`,
  ];
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

  /**
   * One page of matching incidents and the number matching over all pages. One statement: the page
   * is chosen first (with `count(*) OVER ()` taken before LIMIT), then only its rows are joined to
   * team, services and causes. A page past the end has no row to carry the total, so it is counted apart.
   */
  async list(c: IncidentListCriteria): Promise<{ total: number; rows: IncidentListRow[] }> {
    const { sql: conditions, params } = where(c);
    const order = orderBy(c.sort, c.order);
    const limit = `$${params.length + 1}`;
    const offset = `$${params.length + 2}`;
    const rows = await this.dataSource.query<Array<IncidentListRow & { total: number }>>(
      `WITH page AS (
         SELECT i.*, count(*) OVER ()::int AS total
           FROM incidents i
          WHERE ${conditions}
          ORDER BY ${order}
          LIMIT ${limit} OFFSET ${offset}
       )
       SELECT i.total,
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
              extract(epoch FROM i.resolved_at - i.started_at)::float8 / 60 AS "ttrMinutes"
         FROM page i
         LEFT JOIN teams t ON t.id = i.team_id
        ORDER BY ${order}`,
      [...params, c.limit, c.offset],
    );
    if (rows.length > 0 || c.offset === 0) return { total: rows[0]?.total ?? 0, rows };
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM incidents i WHERE ${conditions}`,
      params,
    );
    return { total, rows };
  }
}
