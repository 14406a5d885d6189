import type { IncidentDetailQuery, IncidentListQuery } from '@firewatch/shared';

/** Query keys of incidents: every input of a list request is in its key. */
export const incidentKeys = {
  all: ['incidents'] as const,
  lists: () => [...incidentKeys.all, 'list'] as const,
  list: (query: IncidentListQuery) => [...incidentKeys.lists(), query] as const,
  details: () => [...incidentKeys.all, 'detail'] as const,
  detail: (externalId: string, query: IncidentDetailQuery) => [...incidentKeys.details(), externalId, query] as const,
};
