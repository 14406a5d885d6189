/** Keys of data imports: mutation keys, so any component can tell whether an import is running (`useIsMutating`), and the PagerDuty import's status. */
export const importKeys = {
  all: ['imports'] as const,
  csv: () => [...importKeys.all, 'csv'] as const,
  /** The server's PagerDuty import: its status (a query) and starting one (a mutation). */
  pagerDuty: () => [...importKeys.all, 'pagerduty'] as const,
};
