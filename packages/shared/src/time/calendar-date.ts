import { z } from 'zod';

/**
 * Calendar dates (`YYYY-MM-DD`, proleptic Gregorian, no time zone) and their arithmetic.
 *
 * Internally a date is its "epoch day": whole days since 1970-01-01. Converting with integer
 * arithmetic (H. Hinnant's days-from-civil) instead of `Date` keeps bucketing loops free of Date objects
 * and avoids `Date.UTC` mapping years 0–99 to 1900–1999.
 */

/** Milliseconds in a 24-hour wall-clock day; a *local* day can be 23 or 25 hours long. */
export const MS_PER_DAY = 86_400_000;

/** Why a text is not a calendar date; shared by the schema and `resolveDateRange` errors. */
export const ISO_DATE_MESSAGE = 'must be a calendar date YYYY-MM-DD that exists';

/** A calendar date `YYYY-MM-DD` that exists (2024-02-29 yes, 2026-02-30 no). */
export const isoDateSchema = z.iso
  .date({ error: ISO_DATE_MESSAGE })
  .describe('Calendar date YYYY-MM-DD.');

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1; // March-based
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Inverse of {@link epochDayOf}. */
export function civilOfEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Epoch day of `YYYY-MM-DD`, or `undefined` when the text is not a date that exists. */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const epochDay = epochDayOf(year, month, day);
  // Day overflow (02-30 → 03-02) shows up as a different month after the round trip.
  return civilOfEpochDay(epochDay).month === month ? epochDay : undefined;
}

/** Like {@link parseIsoDate}, for dates the caller vouches for: throws `RangeError` otherwise. */
export function requireIsoDate(text: string, what = 'date'): number {
  const epochDay = parseIsoDate(text);
  if (epochDay === undefined) throw new RangeError(`${what} ${ISO_DATE_MESSAGE}, got ${JSON.stringify(text)}`);
  return epochDay;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** `YYYY-MM-DD` of a year/month/day (years 0–9999). */
function formatCivilDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** `YYYY-MM-DD` of an epoch day. */
export function formatEpochDay(epochDay: number): string {
  const { year, month, day } = civilOfEpochDay(epochDay);
  return formatCivilDate(year, month, day);
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOfEpochDay(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** `date` plus `days` calendar days (negative to go back): `addCalendarDays('2026-12-31', 1)` → `'2027-01-01'`. */
export function addCalendarDays(date: string, days: number): string {
  return formatEpochDay(requireIsoDate(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return requireIsoDate(to) - requireIsoDate(from);
}
