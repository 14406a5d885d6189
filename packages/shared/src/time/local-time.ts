import { MS_PER_DAY, formatEpochDay, isoWeekdayOfEpochDay, requireIsoDate } from './calendar-date.js';
import { zoneClock } from './zone-clock.js';

/** What a local wall clock shows at an instant: for heatmaps (weekday × hour) and hour-of-day classification. */
export interface LocalParts {
  /** 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  /** 0..23 */
  hour: number;
  /** 0..59 */
  minute: number;
  /** Local calendar date `YYYY-MM-DD`. */
  date: string;
}

/** Local wall-clock reading of `instant` in `timeZone`. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const wallMs = zoneClock(timeZone).toWallMs(instant.getTime());
  const epochDay = Math.floor(wallMs / MS_PER_DAY);
  const minuteOfDay = Math.floor((wallMs - epochDay * MS_PER_DAY) / 60_000);
  return {
    isoWeekday: isoWeekdayOfEpochDay(epochDay),
    hour: Math.floor(minuteOfDay / 60),
    minute: minuteOfDay % 60,
    date: formatEpochDay(epochDay),
  };
}

/** Local calendar date `YYYY-MM-DD` of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return formatEpochDay(localEpochDay(instant.getTime(), timeZone));
}

/** Epoch day of the local date of an instant (internal to the time rules). */
export function localEpochDay(instantMs: number, timeZone: string): number {
  return Math.floor(zoneClock(timeZone).toWallMs(instantMs) / MS_PER_DAY);
}

/**
 * The UTC instant at which local calendar day `date` starts in `timeZone`: local midnight, or, where
 * a DST transition skips midnight (America/Santiago, America/Havana), the first instant of that day.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return new Date(startOfLocalEpochDayMs(requireIsoDate(date), timeZone));
}

/** {@link startOfLocalDay} on an epoch day, in ms (internal to the time rules). */
export function startOfLocalEpochDayMs(epochDay: number, timeZone: string): number {
  return zoneClock(timeZone).toInstantMs(epochDay * MS_PER_DAY);
}
