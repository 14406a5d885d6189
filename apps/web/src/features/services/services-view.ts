import { DateTime } from 'luxon';
import {
  BEFORE_AFTER_WEEKS_DEFAULT,
  BEFORE_AFTER_WEEKS_MAX,
  type AnnotationListItem,
  type BeforeAfterQuery,
  type BeforeAfterResponse,
  type CauseBreakdownItem,
  type ServiceBreakdownItem,
} from '@firewatch/shared';
import { headingSlug } from '../../components/charts/definition-link.js';
import { formatCount, formatHours, formatRatio } from '../../components/charts/format.js';
import type { DateRange, FilterState, IsoDate } from '../filters/filter-state.js';

/**
 * The Services & causes page's view model: API rows → what the charts and tables show and where a
 * click leads. The metrics (shares, changes, ratios) come computed from the API (SPEC §2.4).
 * Relative imports carry `.js`: the browser tests import this module under Node's resolution.
 */

/** The METRICS.md section every chart of the page links to. */
export const SERVICES_DEFINITION = headingSlug('Services and causes');

export const breakdowns = ['services', 'causes'] as const;
export type Breakdown = (typeof breakdowns)[number];

/** Weeks on each side the before/after picker offers (the API takes 1–52). */
export const beforeAfterWeekChoices = [4, 8, 12, 26, 52] as const satisfies readonly number[];

/**
 * The page's own URL parameters beside the shared filters: `by` (services (default) / causes),
 * `annotation` (external id compared around; default: the latest annotation with services) and
 * `weeks` on each side (default 8). Invalid values are the default, never an error.
 */
export interface ServicesView {
  by: Breakdown;
  annotation: string | null;
  weeks: number;
}

export const defaultServicesView: ServicesView = { by: 'services', annotation: null, weeks: BEFORE_AFTER_WEEKS_DEFAULT };

export function parseServicesView(params: URLSearchParams): ServicesView {
  const by = params.get('by');
  const weeks = Number(params.get('weeks'));
  const annotation = params.get('annotation')?.trim();
  return {
    by: by === 'causes' ? 'causes' : 'services',
    annotation: annotation ? annotation : null,
    weeks: Number.isInteger(weeks) && weeks >= 1 && weeks <= BEFORE_AFTER_WEEKS_MAX ? weeks : BEFORE_AFTER_WEEKS_DEFAULT,
  };
}

/** `params` with the view written in (defaults left out), every other parameter kept. */
export function withServicesView(params: URLSearchParams, view: ServicesView): URLSearchParams {
  const next = new URLSearchParams(params);
  if (view.by === defaultServicesView.by) next.delete('by');
  else next.set('by', view.by);
  if (view.annotation === null) next.delete('annotation');
  else next.set('annotation', view.annotation);
  if (view.weeks === defaultServicesView.weeks) next.delete('weeks');
  else next.set('weeks', String(view.weeks));
  return next;
}

/** A row of either breakdown, with its key (service external id or cause tag). */
export type BreakdownRow = (ServiceBreakdownItem | CauseBreakdownItem) & { key: string };

export function breakdownRows(items: readonly (ServiceBreakdownItem | CauseBreakdownItem)[]): BreakdownRow[] {
  return items.map((item) => ({ ...item, key: 'externalId' in item ? item.externalId : item.cause }));
}

/** A change ratio (0.4 = up 40%) as `+40%` / `−25%`; `new` when the previous period had none but this one has some. */
export function formatChange(change: number | null, current: number): string {
  if (change === null) return current > 0 ? 'new' : '—';
  if (Math.abs(change) < 0.0005) return '0%';
  return `${change > 0 ? '+' : '−'}${formatRatio(Math.abs(change))}`;
}

/** The annotation compared by default: the latest one that names services (a launch, a migration…), else none. */
export function defaultAnnotation(annotations: readonly AnnotationListItem[]): AnnotationListItem | null {
  return annotations.filter((a) => a.services.length > 0).at(-1) ?? null;
}

const dayLabel = (date: IsoDate) => DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLL yyyy');

/** "Checkout v2 launch · launch, 17 Mar 2026 · Checkout". */
export function annotationOptionLabel(annotation: AnnotationListItem): string {
  const services = annotation.services.length > 0 ? annotation.services.map((s) => s.name).join(', ') : 'no services';
  return `${annotation.title} · ${annotation.kind}, ${dayLabel(annotation.date)} · ${services}`;
}

/**
 * The services to compare around an annotation: its own; when it names none, the services chosen
 * in the filter bar (the API then requires them); null when there are neither.
 */
export function comparedServices(annotation: AnnotationListItem, filterServices: readonly string[]): string[] | null {
  if (annotation.services.length > 0) return [];
  return filterServices.length > 0 ? [...filterServices] : null;
}

/** The annotation the before/after chart compares around: the one in the URL if it exists, else the default. */
export function chosenAnnotation(annotations: readonly AnnotationListItem[], view: ServicesView): AnnotationListItem | null {
  return (view.annotation ? annotations.find((a) => a.externalId === view.annotation) : undefined) ?? defaultAnnotation(annotations);
}

/** The before/after request for an annotation, the view and the filter bar; null when there is nothing to compare. */
export function beforeAfterQueryFor(annotation: AnnotationListItem | null, view: ServicesView, filters: FilterState): BeforeAfterQuery | null {
  const services = annotation ? comparedServices(annotation, filters.services) : null;
  if (!annotation || !services) return null;
  return { annotation: annotation.externalId, weeks: view.weeks, team: filters.team ?? undefined, service: services, severity: filters.maxSeverity ?? undefined };
}

type BeforeAfterWeek = BeforeAfterResponse['weekly'][number];

/** A seven-day window's days: `[from, from + 7)`. */
export function beforeAfterWeekRange(week: BeforeAfterWeek): DateRange {
  return { from: week.from, to: DateTime.fromISO(week.from, { zone: 'utc' }).plus({ days: 7 }).toISODate() ?? week.from };
}

/** Axis tick of a window: weeks counted from the annotation, `−8` … `−1`, `+1` … `+8` (the first week after is +1). */
export function beforeAfterWeekTick(week: number): string {
  return week < 0 ? `−${-week}` : `+${week + 1}`;
}

/** A window in the table and CSV: `8 before` … `1 before`, `1 after` … `8 after`. */
export function beforeAfterWeekName(week: number): string {
  return week < 0 ? `${-week} before` : `${week + 1} after`;
}

/** Tooltip heading: "3rd week after (from 31 Mar 2026)". */
export function beforeAfterWeekLabel(week: number, from: IsoDate): string {
  const n = week < 0 ? -week : week + 1;
  const ordinal = n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
  return `${ordinal} week ${week < 0 ? 'before' : 'after'} (from ${dayLabel(from)})`;
}

/** The before/after finding in a sentence, with the numbers behind each ratio. */
export function beforeAfterSentence(report: BeforeAfterResponse): string {
  const { before, after, weeks } = report;
  const services = report.services.map((s) => s.name).join(', ');
  const perWeek = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const ratio = (value: number | null) => (value === null ? 'no ratio (none before)' : `×${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}`);
  return (
    `In the ${weeks} weeks after ${report.annotation.title} (${dayLabel(report.annotation.date)}), ${services} had ` +
    `${perWeek(after.incidentsPerWeek)} incidents per week (${formatCount(after.incidents)}) against ${perWeek(before.incidentsPerWeek)} ` +
    `(${formatCount(before.incidents)}) in the ${weeks} weeks before: ${ratio(report.incidentsRatio)}. Workload: ` +
    `${formatHours(after.workloadHoursPerWeek)} per week (${formatHours(after.workloadHours)}) against ${formatHours(before.workloadHoursPerWeek)} ` +
    `(${formatHours(before.workloadHours)}): ${ratio(report.workloadHoursRatio)}.`
  );
}
