import type { BeforeAfterQuery, CausesQuery, ServicesQuery } from '@firewatch/shared';

/** Query keys of the services & causes analytics: every input is in the key. */
export const servicesKeys = {
  all: ['services-analytics'] as const,
  reports: () => [...servicesKeys.all, 'report'] as const,
  services: (query: ServicesQuery) => [...servicesKeys.reports(), 'services', query] as const,
  causes: (query: CausesQuery) => [...servicesKeys.reports(), 'causes', query] as const,
  beforeAfters: () => [...servicesKeys.all, 'before-after'] as const,
  beforeAfter: (query: BeforeAfterQuery) => [...servicesKeys.beforeAfters(), query] as const,
};
