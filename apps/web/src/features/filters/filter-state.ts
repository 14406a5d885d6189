import { DateTime } from 'luxon';
import type { AnalyticsFilters } from '@firewatch/shared';

/**
 * The shared filter bar keeps its whole state in the URL search parameters, so every view can be
 * bookmarked and shared. This module is the only place that reads or writes those parameters.
 *
 * | parameter  | meaning                                                                             |
 * |------------|-------------------------------------------------------------------------------------|
 * | `preset`   | `last30` (default, omitted), `last90`, `quarter`, `year` or `custom`                |
 * | `from`     | first day included, `YYYY-MM-DD` (only with `custom`)                               |
 * | `to`       | first day NOT included, `YYYY-MM-DD` (only with `custom`; exclusive, as the API takes it) |
 * | `team`     | one team external id                                                                |
 * | `service`  | a service external id; repeat the parameter for several (`service=a&service=b`)     |
 * | `severity` | the largest severity number included, 1–5 (1 = most severe; 2 means SEV1 and SEV2)   |
 *
 * Invalid values are ignored (treated as absent), never an error: a hand-edited link still opens.
 */
export const filterParamNames = ['preset', 'from', 'to', 'team', 'service', 'severity'] as const;

export const relativePresets = ['last30', 'last90', 'quarter', 'year'] as const;
export type RelativePreset = (typeof relativePresets)[number];
export type DatePreset = RelativePreset | 'custom';
export const defaultPreset: RelativePreset = 'last30';

export const presetLabels: Record<DatePreset, string> = {
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  quarter: 'This quarter',
  year: 'Last 365 days',
  custom: 'Custom range',
};

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Half-open range of calendar days `[from, to)`: `to` is the first day not included. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export type DateSelection = { preset: RelativePreset } | ({ preset: 'custom' } & DateRange);

export const severities = [1, 2, 3, 4, 5] as const;
export type Severity = (typeof severities)[number];

/** "SEV1 only", "SEV1–3": a severity filter in words. */
export function severityLabel(severity: Severity): string {
  return severity === 1 ? 'SEV1 only' : `SEV1–${severity}`;
}

export interface FilterState {
  date: DateSelection;
  /** Team external id; null = all teams. */
  team: string | null;
  /** Service external ids, in the order chosen; empty = all services. */
  services: string[];
  /** Include incidents with severity ≤ this (1 = most severe); null = all severities. */
  maxSeverity: Severity | null;
}

export const defaultFilters: FilterState = {
  date: { preset: defaultPreset },
  team: null,
  services: [],
  maxSeverity: null,
};

// Calendar days carry no time of day, so all arithmetic happens in UTC where every day is 24 hours.
function day(value: IsoDate): DateTime {
  return DateTime.fromISO(value, { zone: 'utc' });
}

function isoDay(value: DateTime): IsoDate {
  return value.toISODate() ?? '';
}

/** `value` if it is a real calendar day written `YYYY-MM-DD`, otherwise null. */
export function parseIsoDate(value: string | null | undefined): IsoDate | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return day(value).isValid ? value : null;
}

function addDays(value: IsoDate, days: number): IsoDate {
  return isoDay(day(value).plus({ days }));
}

function isRelativePreset(value: string | null): value is RelativePreset {
  return (relativePresets as readonly string[]).includes(value ?? '');
}

function parseDateSelection(params: URLSearchParams): DateSelection {
  const preset = params.get('preset');
  if (isRelativePreset(preset)) return { preset };
  // `preset=custom`, or a bare `from`/`to` pair in a hand-written link.
  const from = parseIsoDate(params.get('from'));
  const to = parseIsoDate(params.get('to'));
  if ((preset === 'custom' || preset === null) && from && to && from < to) {
    return { preset: 'custom', from, to };
  }
  return { preset: defaultPreset };
}

function parseSeverity(value: string | null): Severity | null {
  return value !== null && /^[1-5]$/.test(value) ? (Number(value) as Severity) : null;
}

export function parseFilters(params: URLSearchParams): FilterState {
  const team = params.getAll('team').map((value) => value.trim()).find((value) => value !== '') ?? null;
  const services = [...new Set(params.getAll('service').map((value) => value.trim()).filter((value) => value !== ''))];
  return {
    date: parseDateSelection(params),
    team,
    services,
    maxSeverity: parseSeverity(params.get('severity')),
  };
}

/** The filter parameters only, in a stable order; defaults are left out to keep links short. */
export function serializeFilters(state: FilterState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.date.preset === 'custom') {
    params.set('preset', 'custom');
    params.set('from', state.date.from);
    params.set('to', state.date.to);
  } else if (state.date.preset !== defaultPreset) {
    params.set('preset', state.date.preset);
  }
  if (state.team) params.set('team', state.team);
  for (const service of state.services) params.append('service', service);
  if (state.maxSeverity !== null) params.set('severity', String(state.maxSeverity));
  return params;
}

/** `params` with its filter parameters replaced by `state`; other parameters (a page's own) are kept. */
export function withFilters(params: URLSearchParams, state: FilterState): URLSearchParams {
  const next = new URLSearchParams();
  for (const [name, value] of params) {
    if (!(filterParamNames as readonly string[]).includes(name)) next.append(name, value);
  }
  for (const [name, value] of serializeFilters(state)) next.append(name, value);
  return next;
}

/** `?…` carrying only the filters (for links to other pages), or '' when every filter is at its default. */
export function filterSearch(state: FilterState): string {
  const query = serializeFilters(state).toString();
  return query ? `?${query}` : '';
}

/**
 * The days a selection covers, relative to `today` (the viewer's calendar day). Relative presets
 * include today: `last30` is today and the 29 days before it.
 */
export function resolveDateRange(selection: DateSelection, today: IsoDate): DateRange {
  const to = addDays(today, 1);
  switch (selection.preset) {
    case 'custom':
      return { from: selection.from, to: selection.to };
    case 'last30':
      return { from: addDays(today, -29), to };
    case 'last90':
      return { from: addDays(today, -89), to };
    case 'quarter':
      return { from: isoDay(day(today).startOf('quarter')), to };
    case 'year':
      return { from: addDays(today, -364), to };
  }
}

/** The last day a range includes (the day before its exclusive `to`), as date inputs show it. */
export function lastIncludedDay(range: DateRange): IsoDate {
  return addDays(range.to, -1);
}

/** A custom selection from two inclusive days as a person picks them, in either order. */
export function customRange(first: IsoDate, last: IsoDate): DateSelection {
  const [from, through] = first <= last ? [first, last] : [last, first];
  return { preset: 'custom', from, to: addDays(through, 1) };
}

/** True when team, service or severity narrow the data (the date range always applies). */
export function hasNarrowingFilters(state: FilterState): boolean {
  return state.team !== null || state.services.length > 0 || state.maxSeverity !== null;
}

/** "22 Oct – 20 Nov 2025": the days included, written as a person reads them. */
export function formatDateRange(range: DateRange): string {
  const first = day(range.from).setLocale('en-GB');
  const last = day(lastIncludedDay(range)).setLocale('en-GB');
  if (first.hasSame(last, 'day')) return first.toFormat('d LLL yyyy');
  if (first.hasSame(last, 'year')) return `${first.toFormat('d LLL')} – ${last.toFormat('d LLL yyyy')}`;
  return `${first.toFormat('d LLL yyyy')} – ${last.toFormat('d LLL yyyy')}`;
}

/** The analytics query parameters (SPEC §3: `from`, `to`, `team`, `service`, `severity`) of the filters. */
export function analyticsQuery(state: FilterState, range: DateRange): AnalyticsFilters {
  return {
    from: range.from,
    to: range.to,
    team: state.team ?? undefined,
    service: state.services,
    severity: state.maxSeverity ?? undefined,
  };
}
