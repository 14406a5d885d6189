import type { ResponderQuery } from '@firewatch/shared';

/** Query keys of responders: the id and every query parameter are in a detail's key. */
export const responderKeys = {
  all: ['responders'] as const,
  details: () => [...responderKeys.all, 'detail'] as const,
  detail: (externalId: string, query: ResponderQuery) => [...responderKeys.details(), externalId, query] as const,
};
