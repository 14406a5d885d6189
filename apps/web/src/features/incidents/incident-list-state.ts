import {
  incidentListQuerySchema,
  type IncidentListKind,
  type IncidentListQuery,
  type IncidentSortField,
  type SortOrder,
} from '@firewatch/shared';
import { analyticsQuery, filterSearch, type DateRange, type FilterState } from '../filters/filter-state';

/**
 * The Incidents page's own URL parameters, beside the shared filter parameters (filter-state.ts):
 *
 * | parameter | meaning                                                           |
 * |-----------|-------------------------------------------------------------------|
 * | `kind`    | `incident` (default, omitted), `game_day`, `test` or `all`        |
 * | `q`       | text the title contains                                           |
 * | `sort`    | `declaredAt` (default), `severity`, `ttrMinutes` or `title`       |
 * | `order`   | `asc` or `desc` (default)                                         |
 * | `page`    | page number from 1 (default)                                      |
 * | `weekday` | ISO weekday of declaredAt, 1 = Monday … 7 (org time zone)         |
 * | `hour`    | local hour of declaredAt, 0–23 (org time zone)                    |
 * | `cause`   | a cause tag the incident has                                      |
 * | `escalationReason` | reason of the incident's first level ≥ 2 page            |
 * | `responder` | external id of a responder: the incidents they worked on in the range |
 *
 * `weekday`, `hour`, `cause`, `escalationReason` and `responder` are where the charts drill down to
 * (the heatmap, the weekday profile, the causes Pareto, the escalation depth, a responder's
 * workload); the page shows them as removable chips.
 *
 * Values are read with the API's own schema; an invalid one is ignored (the default), never an error.
 */
export interface IncidentListView {
  kind: IncidentListKind;
  q: string;
  sort: IncidentSortField;
  order: SortOrder;
  page: number;
  weekday: number | null;
  hour: number | null;
  cause: string | null;
  /** Reason of the incident's first level ≥ 2 page (the noise page's escalation depth). */
  escalationReason: NonNullable<IncidentListQuery['escalationReason']> | null;
  responder: string | null;
}

/** The view's drill-down filters: what a chart's bar or cell narrows the list to. */
export type IncidentDrill = Partial<Pick<IncidentListView, 'weekday' | 'hour' | 'cause' | 'escalationReason' | 'responder'>>;
export const drillParamNames = ['weekday', 'hour', 'cause', 'escalationReason', 'responder'] as const;
/** The view with no drill-down filter. */
export const noDrill = { weekday: null, hour: null, cause: null, escalationReason: null, responder: null } as const;

export const viewParamNames = ['kind', 'q', 'sort', 'order', 'page', ...drillParamNames] as const;

/** Rows per page on the dashboard. */
export const PAGE_SIZE = 50;

const fields = incidentListQuerySchema.shape;

/** The schema's value for a URL parameter, or its default when absent or invalid. */
function read<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, value: string | null, fallback: T): T {
  const parsed = schema.safeParse(value ?? undefined);
  return parsed.success ? parsed.data : fallback;
}

export const defaultView: IncidentListView = { kind: 'incident', q: '', sort: 'declaredAt', order: 'desc', page: 1, ...noDrill };

export function parseView(params: URLSearchParams): IncidentListView {
  return {
    kind: read(fields.kind, params.get('kind'), defaultView.kind),
    q: read(fields.q, params.get('q'), undefined) ?? '',
    sort: read(fields.sort, params.get('sort'), defaultView.sort),
    order: read(fields.order, params.get('order'), defaultView.order),
    page: read(fields.page, params.get('page'), defaultView.page),
    weekday: read(fields.weekday, params.get('weekday'), undefined) ?? null,
    hour: read(fields.hour, params.get('hour'), undefined) ?? null,
    cause: read(fields.cause, params.get('cause'), undefined) ?? null,
    escalationReason: read(fields.escalationReason, params.get('escalationReason'), undefined) ?? null,
    responder: read(fields.responder, params.get('responder'), undefined) ?? null,
  };
}

/**
 * `params` with the page's parameters replaced by `view`; the filters are kept. Defaults are left out
 * to keep links short, except that `sort` and `order` go together: `sort=severity&order=desc` reads
 * plainly where a bare `sort=severity` would leave the direction to be guessed.
 */
export function withView(params: URLSearchParams, view: IncidentListView): URLSearchParams {
  const next = new URLSearchParams();
  for (const [name, value] of params) {
    if (!(viewParamNames as readonly string[]).includes(name)) next.append(name, value);
  }
  const sorted = view.sort !== defaultView.sort || view.order !== defaultView.order;
  for (const name of viewParamNames) {
    const value = view[name];
    const paired = sorted && (name === 'sort' || name === 'order');
    if (paired || (value !== defaultView[name] && value !== '' && value !== null)) next.set(name, String(value));
  }
  return next;
}

/** The direction a column sorts in when first chosen: newest, most severe, longest, A→Z. */
export const firstOrder: Record<IncidentSortField, SortOrder> = {
  declaredAt: 'desc',
  severity: 'asc', // SEV1 first
  ttrMinutes: 'desc',
  title: 'asc',
};

/** Choosing a column: the same one again flips its direction; another starts in its first direction. Back to page 1. */
export function sortBy(view: IncidentListView, sort: IncidentSortField): IncidentListView {
  const order = view.sort === sort ? (view.order === 'asc' ? 'desc' : 'asc') : firstOrder[sort];
  return { ...view, sort, order, page: 1 };
}

/** The API query for the filters, their resolved range and the page's own state. */
export function listQuery(filters: FilterState, range: DateRange, view: IncidentListView): IncidentListQuery {
  return {
    ...analyticsQuery(filters, range),
    kind: view.kind,
    q: view.q || undefined,
    sort: view.sort,
    order: view.order,
    page: view.page,
    pageSize: PAGE_SIZE,
    weekday: view.weekday ?? undefined,
    hour: view.hour ?? undefined,
    cause: view.cause ?? undefined,
    escalationReason: view.escalationReason ?? undefined,
    responder: view.responder ?? undefined,
  };
}

/**
 * The incident list of `filters` (a chart's page filters, kept as they are) narrowed to a chart's
 * bar or cell: `/incidents?…&weekday=2&hour=14`.
 */
export function incidentsPagePath(filters: FilterState, drill: IncidentDrill = {}): string {
  const params = new URLSearchParams(filterSearch(filters));
  for (const name of drillParamNames) {
    const value = drill[name];
    if (value !== undefined && value !== null) params.set(name, String(value));
  }
  const query = params.toString();
  return `/incidents${query ? `?${query}` : ''}`;
}

/** True when a chart's drill-down filter narrows the view. */
export function isDrilled(view: IncidentListView): boolean {
  return drillParamNames.some((name) => view[name] !== null);
}

/** Number of the last page (1 for an empty list). */
export function lastPage(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
