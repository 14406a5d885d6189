import { Injectable } from '@nestjs/common';
import { INCIDENT_KINDS, type IncidentListItem, type IncidentListQuery, type IncidentListResponse, type IncidentStatus } from '@firewatch/shared';
import { resolveQueryRange } from '../common/parse-query.js';
import { IncidentsRepository, type IncidentListRow } from './incidents.repository.js';



/** The latest milestone an incident reached. */
export function incidentStatus(row: Pick<IncidentListRow, 'mitigatedAt' | 'resolvedAt'>): IncidentStatus {
  if (row.resolvedAt !== null) return 'resolved';
  return row.mitigatedAt !== null ? 'mitigated' : 'open';
}

const iso = (instant: Date | null): string | null => instant?.toISOString() ?? null;

function toItem(row: IncidentListRow): IncidentListItem {
  return {
    externalId: row.externalId,
    source: row.source,
    title: row.title,
    kind: row.kind as IncidentListItem['kind'],
    severity: row.severity,
    status: incidentStatus(row),
    team: row.team,
    services: row.services,
    causes: row.causes,
    declaredAt: row.declaredAt.toISOString(),
    startedAt: row.startedAt.toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
    mitigatedAt: iso(row.mitigatedAt),
    resolvedAt: iso(row.resolvedAt),
    ttaMinutes: row.ttaMinutes,
    ttrMinutes: row.ttrMinutes,
  };
}

@Injectable()
export class IncidentsService {
  constructor(private readonly repository: IncidentsRepository) {}

  /** One page of the incidents declared in the range that match the query (SPEC §3 `/api/v1/incidents`). */
  async list(query: IncidentListQuery, now = new Date()): Promise<IncidentListResponse> {
    const timeZone = await this.repository.orgTimeZone();
    const range = resolveQueryRange(query, timeZone, now);
    const { total, rows } = await this.repository.list({
      kinds: query.kind === 'all' ? INCIDENT_KINDS : [query.kind],
      from: range.from,
      to: range.to,
      team: query.team,
      services: query.service,
      maxSeverity: query.severity,
      titleContains: query.q,
      sort: query.sort,
      order: query.order,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return {
      items: rows.map(toItem),
      total,
      page: query.page,
      pageSize: query.pageSize,
      range: { from: range.fromDate, to: range.toDate, timeZone },
    };
  }
}
