import type { OncallQuery } from '@firewatch/shared';

/** Query keys of the on-call health report: every filter (and the drill-down responder) is in the key. */
export const oncallKeys = {
  all: ['oncall'] as const,
  reports: () => [...oncallKeys.all, 'report'] as const,
  report: (query: OncallQuery) => [...oncallKeys.reports(), query] as const,
};
