import { createElement, lazy, useState, type ComponentType } from 'react';

/**
 * The dashboard's pages: one code-split chunk each (recharts alone is several hundred kB, so the
 * first load carries none of them). A page's chunk is imported from here both by its lazy route and
 * by `prefetchPage` (prefetch-page.ts), which starts it together with the page's data; the browser
 * loads a module once, so whichever asks first wins and the other waits for the same load.
 */
type PageModule = Promise<{ default: ComponentType }>;

export const pageModules = {
  overview: (): PageModule => import('../features/overview/overview-page'),
  review: (): PageModule => import('../features/review/review-page'),
  workload: (): PageModule => import('../features/workload/workload-page'),
  seasonality: (): PageModule => import('../features/seasonality/seasonality-page'),
  services: (): PageModule => import('../features/services/services-page'),
  noise: (): PageModule => import('../features/noise/noise-page'),
  oncall: (): PageModule => import('../features/oncall/oncall-page'),
  readiness: (): PageModule => import('../features/readiness/readiness-page'),
  responder: (): PageModule => import('../features/responders/responder-page'),
  incidents: (): PageModule => import('../features/incidents/incidents-page'),
  incidentDetail: (): PageModule => import('../features/incidents/incident-detail-page'),
  settings: (): PageModule => import('../features/settings/settings-page'),
  definitions: (): PageModule => import('../features/definitions/definitions-page'),
  notFound: (): PageModule => import('../features/not-found/not-found-page'),
} as const;

export type PageName = keyof typeof pageModules;

/** Pages whose chunk has loaded, by name: what `routePage` can draw at once. */
const loadedPages = new Map<PageName, ComponentType>();

/** Loads a page's chunk (once: the browser caches the module) and records the page as loaded. */
export function loadPage(page: PageName): Promise<ComponentType> {
  return pageModules[page]().then(({ default: component }) => {
    loadedPages.set(page, component);
    return component;
  });
}

/**
 * A page's route element: the page itself when its chunk has already loaded (started with its data
 * by `prefetchPage`, on start-up or when a link was pointed at), else a lazy component that shows
 * the shell's loading state until it has. React would otherwise suspend even on a loaded chunk
 * (a lazy component reads its module one microtask late) and then delay the reveal to throttle
 * fallbacks, about 300 ms in which the page's data may already be waiting.
 */
export function routePage(page: PageName): ComponentType {
  const Lazy = lazy(() => loadPage(page).then((component) => ({ default: component })));
  function RoutePage() {
    // Chosen once per mount: switching between the two would mount the page again.
    const [Loaded] = useState(() => loadedPages.get(page));
    return createElement(Loaded ?? Lazy);
  }
  RoutePage.displayName = `RoutePage(${page})`;
  return RoutePage;
}

/** A path's page and its route parameter, as App.tsx routes it. */
export interface PageMatch {
  page: PageName;
  /** `externalId` of `/responders/:externalId` and `/incidents/:externalId`. */
  externalId?: string;
}

const fixedPaths: Record<string, PageName> = {
  '/': 'overview',
  '/review': 'review',
  '/workload': 'workload',
  '/seasonality': 'seasonality',
  '/services': 'services',
  '/noise': 'noise',
  '/oncall': 'oncall',
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
