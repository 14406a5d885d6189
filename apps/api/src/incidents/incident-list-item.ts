import type { IncidentListItem, IncidentStatus } from '@firewatch/shared';
import type { IncidentListRow } from './incidents.repository.js';

/** The latest milestone an incident reached. */
export function incidentStatus(row: Pick<IncidentListRow, 'mitigatedAt' | 'resolvedAt'>): IncidentStatus {
  if (row.resolvedAt !== null) return 'resolved';
  return row.mitigatedAt !== null ? 'mitigated' : 'open';
}

export const iso = (instant: Date | null): string | null => instant?.toISOString() ?? null;

/** An incident row as the list (and the head of the detail) answers it. */
export function toIncidentListItem(row: IncidentListRow): IncidentListItem {
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
