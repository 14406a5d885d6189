import type { DemoPlan, DemoService } from './demo-plan.js';
import { DAY_MS, WEEK_MS, isYearEnd, type DemoDay } from './demo-time.js';

/**
 * How often things happen: the seasonal and weekly rhythm every planted time pattern is made of.
 * Each factor is a multiplier on a base rate; the manifest quotes them.
 */

/** Month-of-year factors, January first: a summer lull and a November peak (Black Friday). */
export const MONTH_FACTORS = [0.95, 1.0, 1.05, 1.0, 1.0, 0.95, 0.9, 0.75, 1.05, 1.1, 1.3, 1.0];
/** Dec 20 – Jan 3: most people are off and a change freeze holds. */
export const YEAR_END_FACTOR = 0.35;
/** ISO weekday factors (Monday first) on the owning team's local calendar: fewer changes on Friday, few at weekends. */
export const WEEKDAY_FACTORS = [1.05, 1.1, 1.1, 1.05, 0.8, 0.3, 0.25];
/** Local-hour weights of incident declaration on weekdays: changes ship in business hours. */
export const WEEKDAY_HOUR_WEIGHTS = [0.1, 0.08, 0.08, 0.08, 0.08, 0.1, 0.2, 0.45, 0.9, 1.5, 1.7, 1.6, 1.1, 1.5, 1.6, 1.5, 1.3, 0.9, 0.6, 0.4, 0.3, 0.25, 0.2, 0.15];
/** … and at weekends, flatter. */
export const WEEKEND_HOUR_WEIGHTS = [0.3, 0.25, 0.2, 0.2, 0.2, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.55, 0.5, 0.5, 0.45, 0.4, 0.4, 0.35, 0.3];
/** The organisation grows: rates rise linearly from ×0.9 at the start of the range to ×1.1 at its end. */
export const GROWTH_START = 0.9;
export const GROWTH_END = 1.1;

/** Regular (non-batch, non-planted) incidents of one division over an 18-month range. */
export const REGULAR_INCIDENTS = 1_440;

export function growth(plan: DemoPlan, day: DemoDay): number {
  return GROWTH_START + ((GROWTH_END - GROWTH_START) * (day.index + 0.5)) / plan.days.length;
}

/** Calendar factor of a day for incidents: month × end-of-year × growth (weekday apart). */
export function calendarFactor(plan: DemoPlan, day: DemoDay): number {
  return MONTH_FACTORS[day.month - 1]! * (isYearEnd(day.month, day.dayOfMonth) ? YEAR_END_FACTOR : 1) * growth(plan, day);
}

/** The launch multiplies the launched service's incident rate for `boostedWeeks` after it. */
export function launchFactor(plan: DemoPlan, service: DemoService, day: DemoDay): number {
  const launch = plan.planted.launch;
  if (service.id !== launch.serviceId) return 1;
  const dayMs = day.epochDay * DAY_MS;
  const launchDayMs = Math.floor(launch.atMs / DAY_MS) * DAY_MS;
  return dayMs >= launchDayMs && dayMs < launchDayMs + launch.boostedWeeks * WEEK_MS ? launch.multiplier : 1;
}

/**
 * Incidents per weight unit and day, chosen so one division's regular incidents add up to
 * `REGULAR_INCIDENTS` per 18 months in expectation.
 */
export function incidentRatePerWeight(plan: DemoPlan): number {
  const services = plan.services.filter((s) => s.division === 0);
  let weightTotal = 0;
  for (const s of services) weightTotal += s.spec.weight;
  let dayTotal = 0;
  for (const day of plan.days) dayTotal += calendarFactor(plan, day) * WEEKDAY_FACTORS[day.isoWeekday - 1]!;
  return (REGULAR_INCIDENTS * (plan.days.length / 547.5)) / (weightTotal * dayTotal);
}

/** Expected incidents of `service` on `day` (one division). */
export function expectedIncidents(plan: DemoPlan, ratePerWeight: number, service: DemoService, day: DemoDay): number {
  return ratePerWeight * service.spec.weight * calendarFactor(plan, day) * WEEKDAY_FACTORS[day.isoWeekday - 1]! * launchFactor(plan, service, day);
}
