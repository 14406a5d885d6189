import { addCalendarDays, calendarDaysBetween, type BeforeAfterResponse, type NamedRecord } from '@firewatch/shared';
import type { WorkloadDayRow } from '../seasonality/seasonality.query.js';
import type { AnnotationRow } from './services.query.js';
import { roundRatio } from '../workload/compute-workload-report.js';

export interface BeforeAfterInput {
  annotation: AnnotationRow;
  /** Local date of the annotation in the org time zone: the first day of the "after" window. */
  date: string;
  services: NamedRecord[];
  timeZone: string;
  weeks: number;
  /** Incidents per local day of `[date − 7·weeks, date + 7·weeks)`. */
  incidents: ReadonlyArray<{ day: string; incidents: number }>;
  /** Weighted workload minutes per local day of the same days. */
  workload: readonly WorkloadDayRow[];
}

const roundCents = (value: number): number => Math.round(value * 100) / 100;

/**
 * SPEC §2.4 before/after: the `weeks` seven-day windows before the annotation's local day and the
 * `weeks` from it, with incidents and workload hours of the services in each, summed per side.
 */
export function computeBeforeAfter(input: BeforeAfterInput): BeforeAfterResponse {
  const { weeks, date } = input;
  const first = addCalendarDays(date, -7 * weeks);
  const weekOf = (day: string) => Math.floor(calendarDaysBetween(first, day) / 7) - weeks;
  const weekly = Array.from({ length: 2 * weeks }, (_, i) => ({ week: i - weeks, from: addCalendarDays(first, 7 * i), incidents: 0, minutes: 0 }));
  const at = (day: string) => weekly[weekOf(day) + weeks];
  for (const row of input.incidents) {
    const w = at(row.day);
    if (w) w.incidents += row.incidents;
  }
  for (const row of input.workload) {
    const w = at(row.day);
    if (w) w.minutes += row.minutes;
  }

  const side = (rows: typeof weekly, from: string, to: string) => {
    const incidents = rows.reduce((n, w) => n + w.incidents, 0);
    const minutes = rows.reduce((n, w) => n + w.minutes, 0);
    return {
      from,
      to,
      incidents,
      workloadHours: roundCents(minutes / 60),
      incidentsPerWeek: roundRatio(incidents / weeks),
      workloadHoursPerWeek: roundCents(minutes / 60 / weeks),
      minutes,
    };
  };
  const { minutes: beforeMinutes, ...before } = side(weekly.slice(0, weeks), first, date);
  const { minutes: afterMinutes, ...after } = side(weekly.slice(weeks), date, addCalendarDays(date, 7 * weeks));

  const a = input.annotation;
  return {
    annotation: { externalId: a.externalId, title: a.title, kind: a.kind, at: new Date(a.at).toISOString(), date },
    services: input.services,
    timezone: input.timeZone,
    weeks,
    before,
    after,
    incidentsRatio: before.incidents > 0 ? roundRatio(after.incidents / before.incidents) : null,
    workloadHoursRatio: beforeMinutes > 0 ? roundRatio(afterMinutes / beforeMinutes) : null,
    weekly: weekly.map((w) => ({ week: w.week, from: w.from, incidents: w.incidents, workloadHours: roundCents(w.minutes / 60) })),
  };
}
