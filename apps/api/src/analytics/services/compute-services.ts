import { addCalendarDays, calendarDaysBetween, resolveDateRange, type BreakdownFigures, type ResolvedDateRange, type ServiceBreakdownItem } from '@firewatch/shared';
import type { BreakdownRows } from './services.query.js';
import { roundRatio } from '../workload/compute-workload-report.js';

/** Hours to 0.01; ratios to 0.001. */
const roundCents = (value: number): number => Math.round(value * 100) / 100;

/** One row of a report before the key is named (`externalId` for services, `cause` for causes). */
export type BreakdownItem = Omit<ServiceBreakdownItem, 'externalId'> & { key: string };

/** The period of the same number of local days immediately before `range` (SPEC §2.4 "previous period"). */
export function previousRange(range: ResolvedDateRange, timeZone: string): ResolvedDateRange {
  const days = calendarDaysBetween(range.fromDate, range.toDate);
  return resolveDateRange({ from: addCalendarDays(range.fromDate, -days), to: range.fromDate }, timeZone, range.fromDate);
}

export interface BreakdownInput {
  range: ResolvedDateRange;
  previousRange: ResolvedDateRange;
  timeZone: string;
  current: BreakdownRows;
  previous: BreakdownRows;
}

export interface Breakdown {
  range: { from: string; to: string; timeZone: string };
  previousRange: { from: string; to: string; timeZone: string };
  timezone: string;
  incidentCountsAdditive: false;
  totals: { incidents: number; workloadHours: number; outOfHoursHours: number };
  unassigned: { incidents: number; workloadHours: number; outOfHoursHours: number };
  items: BreakdownItem[];
}

/** Full-precision figures of one row in one period (minutes, not yet hours). */
interface Figures {
  name: string;
  incidents: number;
  majorIncidents: number;
  minutes: number;
  outOfHoursMinutes: number;
  pages: number;
  ttrMedianMinutes: number | null;
  ttrExcluded: number;
}

const empty = (name: string): Figures => ({ name, incidents: 0, majorIncidents: 0, minutes: 0, outOfHoursMinutes: 0, pages: 0, ttrMedianMinutes: null, ttrExcluded: 0 });

/** The rows of one period by key. */
function figuresByKey(rows: BreakdownRows): Map<string, Figures> {
  const byKey = new Map<string, Figures>();
  const of = (key: string, name: string) => {
    let f = byKey.get(key);
    if (!f) byKey.set(key, (f = empty(name)));
    return f;
  };
  for (const r of rows.incidents) Object.assign(of(r.key, r.name), { incidents: r.incidents, majorIncidents: r.majorIncidents, ttrMedianMinutes: r.ttrMedianMinutes, ttrExcluded: r.ttrExcluded });
  for (const r of rows.workload) Object.assign(of(r.key, r.name), { minutes: r.minutes, outOfHoursMinutes: r.outOfHoursMinutes });
  for (const r of rows.pages) of(r.key, r.name).pages = r.pages;
  return byKey;
}

function answered(f: Figures): BreakdownFigures {
  return {
    incidents: f.incidents,
    majorIncidents: f.majorIncidents,
    workloadHours: roundCents(f.minutes / 60),
    outOfHoursHours: roundCents(f.outOfHoursMinutes / 60),
    pages: f.pages,
  };
}

/** current ÷ previous − 1 at full precision, rounded; null when there was nothing before. */
const change = (current: number, previous: number): number | null => (previous > 0 ? roundRatio(current / previous - 1) : null);

/**
 * The services or causes report (SPEC §2.4, §3) from the rows of both periods. Rows with anything in
 * either period are listed, most workload first (ties: most incidents, then key), with each row's
 * share of the rows' hours and the Pareto cumulative share (full precision, then rounded).
 */
export function computeBreakdown(input: BreakdownInput): Breakdown {
  const current = figuresByKey(input.current);
  const previous = figuresByKey(input.previous);
  for (const [key, f] of previous) if (!current.has(key)) current.set(key, empty(f.name));
  const ranked = [...current].sort(([ka, a], [kb, b]) => b.minutes - a.minutes || b.incidents - a.incidents || ka.localeCompare(kb, 'en'));
  const totalMinutes = ranked.reduce((n, [, f]) => n + f.minutes, 0);

  let cumulative = 0;
  const items = ranked.map(([key, f]): BreakdownItem => {
    cumulative += f.minutes;
    const before = previous.get(key) ?? empty(f.name);
    return {
      key,
      name: f.name,
      ...answered(f),
      ttrMedianMinutes: f.ttrMedianMinutes === null ? null : Math.round(f.ttrMedianMinutes * 10) / 10,
      ttrExcluded: f.ttrExcluded,
      previous: answered(before),
      workloadHoursChange: change(f.minutes, before.minutes),
      incidentsChange: change(f.incidents, before.incidents),
      share: totalMinutes > 0 ? roundRatio(f.minutes / totalMinutes) : null,
      cumulativeShare: totalMinutes > 0 ? roundRatio(Math.min(1, cumulative / totalMinutes)) : null,
    };
  });

  const t = input.current.totals;
  const resolved = (r: ResolvedDateRange) => ({ from: r.fromDate, to: r.toDate, timeZone: input.timeZone });
  return {
    range: resolved(input.range),
    previousRange: resolved(input.previousRange),
    timezone: input.timeZone,
    incidentCountsAdditive: false,
    totals: { incidents: t.incidents, workloadHours: roundCents(t.minutes / 60), outOfHoursHours: roundCents(t.outOfHoursMinutes / 60) },
    unassigned: {
      incidents: t.unassignedIncidents,
      workloadHours: roundCents(t.unassignedMinutes / 60),
      outOfHoursHours: roundCents(t.unassignedOutOfHoursMinutes / 60),
    },
    items,
  };
}
