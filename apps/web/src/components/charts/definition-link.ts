/** Where the Definitions page lives (under Settings & data). */
export const DEFINITIONS_PATH = '/settings/definitions';

/**
 * The anchor of a METRICS.md heading, as the Definitions page gives it: lower case, letters and
 * digits kept, everything else collapsed to `-` ("Workload (responder hours per incident)" →
 * `workload-responder-hours-per-incident`).
 */
export function headingSlug(heading: string): string {
  return heading
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** The sections of METRICS.md that charts link to, by their heading slug. */
export const metricDefinitions = {
  workload: 'workload-responder-hours-per-incident',
  calendar: 'calendar-bucketing',
  timings: 'incident-timings',
  readiness: 'responder-readiness',
  seasonality: 'seasonality',
  services: 'services-and-causes',
  noise: 'pager-noise-and-escalations',
} as const;

export function definitionPath(anchor: string): string {
  return `${DEFINITIONS_PATH}#${anchor}`;
}
