import type { ComponentType } from 'react';

/**
 * The dashboard's pages: one code-split chunk each (recharts alone is several hundred kB, so the
 * first load carries none of them). A page's chunk is imported from here both by its lazy route and
 * by `prefetchPage` (prefetch-page.ts), which starts it together with the page's data; the browser
 * loads a module once, so whichever asks first wins and the other waits for the same load.
 */
type PageModule = Promise<{ default: ComponentType }>;

export const pageModules = {
  overview: (): PageModule => import('../features/overview/overview-page'),
  workload: (): PageModule => import('../features/workload/workload-page'),
  seasonality: (): PageModule => import('../features/seasonality/seasonality-page'),
  services: (): PageModule => import('../features/services/services-page'),
  noise: (): PageModule => import('../features/noise/noise-page'),
  readiness: (): PageModule => import('../features/readiness/readiness-page'),
  responder: (): PageModule => import('../features/responders/responder-page'),
  incidents: (): PageModule => import('../features/incidents/incidents-page'),
  incidentDetail: (): PageModule => import('../features/incidents/incident-detail-page'),
  settings: (): PageModule => import('../features/settings/settings-page'),
  definitions: (): PageModule => import('../features/definitions/definitions-page'),
  notFound: (): PageModule => import('../features/not-found/not-found-page'),
} as const;

export type PageName = keyof typeof pageModules;

/** A path's page and its route parameter, as App.tsx routes it. */
export interface PageMatch {
  page: PageName;
  /** `externalId` of `/responders/:externalId` and `/incidents/:externalId`. */
  externalId?: string;
}

const fixedPaths: Record<string, PageName> = {
  '/': 'overview',
  '/workload': 'workload',
  '/seasonality': 'seasonality',
  '/services': 'services',
  '/noise': 'noise',
  '/readiness': 'readiness',
  '/incidents': 'incidents',
  '/settings': 'settings',
  '/settings/definitions': 'definitions',
};

/** The page `App.tsx` shows for `pathname` (a trailing slash is ignored, as the router does). */
export function matchPage(pathname: string): PageMatch {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const fixed = fixedPaths[path];
  if (fixed) return { page: fixed };
  const detail = /^\/(responders|incidents)\/([^/]+)$/.exec(path);
  if (detail) {
    let externalId: string;
    try {
      externalId = decodeURIComponent(detail[2]!);
    } catch {
      return { page: 'notFound' };
    }
    return { page: detail[1] === 'responders' ? 'responder' : 'incidentDetail', externalId };
  }
  return { page: 'notFound' };
}
