import { toCsv, type IncidentListItem, type IncidentListResponse } from '@firewatch/shared';

/**
 * Columns of the incident list as CSV: the JSON item flattened. `team` and `services` hold external
 * ids (services joined by `;`, as the import reads them), with the names beside them.
 */
const COLUMNS = [
  'externalId',
  'source',
  'title',
  'kind',
  'severity',
  'status',
  'team',
  'teamName',
  'services',
  'serviceNames',
  'causes',
  'declaredAt',
  'startedAt',
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
  'ttaMinutes',
  'ttrMinutes',
] as const;

function flatten(item: IncidentListItem): Record<(typeof COLUMNS)[number], unknown> {
  return {
    ...item,
    team: item.team?.externalId ?? null,
    teamName: item.team?.name ?? null,
    services: item.services.map((s) => s.externalId),
    serviceNames: item.services.map((s) => s.name),
  };
}

/** The rows of one page of the list (the page asked for, not every page) as a CSV document. */
export function incidentListCsv(list: IncidentListResponse): string {
  return toCsv(list.items.map(flatten), COLUMNS);
}

/** `incidents_2026-01-01_2026-04-01_page-1.csv`: the days `[from, to)` and the page. */
export function incidentListCsvFilename(list: IncidentListResponse): string {
  return `incidents_${list.range.from}_${list.range.to}_page-${list.page}.csv`;
}
