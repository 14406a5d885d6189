import { ISO_DATE_MESSAGE, formatEpochDay, parseIsoDate, requireIsoDate } from './calendar-date.js';
import { bucketKeysInRange } from './buckets.js';
import { startOfLocalEpochDayMs } from './local-time.js';
import { zoneClock } from './zone-clock.js';

/** A half-open interval of UTC instants [from, to): `to` itself is outside. */
export type DateRange = { from: Date; to: Date };

/** A range resolved from the `from`/`to` query parameters, with the local dates it was built from. */
export interface ResolvedDateRange extends DateRange {
  /** Local date whose midnight is `from` (inclusive). */
  fromDate: string;
  /** Local date whose midnight is `to` (exclusive: the day after the last day shown). */
  toDate: string;
}

export type DateRangeParam = 'from' | 'to';

/** A bad `from` / `to` query parameter; the API answers 400 naming `param`. */
export class DateRangeError extends Error {
  override readonly name = 'DateRangeError';

  constructor(
    readonly param: DateRangeParam,
    message: string,
  ) {
    super(message);
  }
}

export interface DateRangeParams {
  /** First local day, `YYYY-MM-DD` (inclusive). */
  from?: string;
  /** Local day after the last one, `YYYY-MM-DD` (exclusive). */
  to?: string;
}

function parseParam(params: DateRangeParams, param: DateRangeParam): number | undefined {
  const text = params[param];
  if (text === undefined) return undefined;
  const epochDay = parseIsoDate(text);
  if (epochDay === undefined) throw new DateRangeError(param, `${param} ${ISO_DATE_MESSAGE}, got ${JSON.stringify(text)}`);
  return epochDay;
}

/**
 * Resolve the analytics `from` / `to` parameters (SPEC §3) into UTC instants. Both are local dates in
 * `timeZone` meaning local midnight; `to` is exclusive. Missing `to` → the day after `today` (so today
 * is included); missing `from` → `defaultDays` calendar days before `to`.
 *
 * @param today the current local date in `timeZone`, `YYYY-MM-DD` (passed in so callers and tests control "now").
 * @throws DateRangeError naming the parameter when one is not a date or `from` is not before `to`.
 * @throws RangeError for programmer errors: unknown `timeZone`, bad `today` or `defaultDays`.
 */
export function resolveDateRange(
  params: DateRangeParams,
  timeZone: string,
  today: string,
  defaultDays = 90,
): ResolvedDateRange {
  zoneClock(timeZone); // fail on an unknown zone before blaming a parameter
  const todayEpochDay = requireIsoDate(today, 'today');
  if (!Number.isInteger(defaultDays) || defaultDays < 1) throw new RangeError(`defaultDays must be a positive integer, got ${defaultDays}`);

  const fromParam = parseParam(params, 'from');
  const toParam = parseParam(params, 'to');
  const toEpochDay = toParam ?? todayEpochDay + 1;
  const fromEpochDay = fromParam ?? toEpochDay - defaultDays;
  if (fromEpochDay >= toEpochDay) {
    // Blame the parameter the caller wrote: `to` when given, else `from` (against the default `to`).
    throw toParam !== undefined
      ? new DateRangeError(
          'to',
          `to must be after from (to is exclusive: for the single day ${formatEpochDay(fromEpochDay)} use to=${formatEpochDay(fromEpochDay + 1)})`,
        )
      : new DateRangeError('from', `from must be on or before today, ${formatEpochDay(todayEpochDay)} (to defaults to tomorrow)`);
  }
  return {
    from: new Date(startOfLocalEpochDayMs(fromEpochDay, timeZone)),
    to: new Date(startOfLocalEpochDayMs(toEpochDay, timeZone)),
    fromDate: formatEpochDay(fromEpochDay),
    toDate: formatEpochDay(toEpochDay),
  };
}

/**
 * The period of the same local length immediately before `range` ("vs previous period"): it ends where
 * `range` starts. Length is measured on the local wall clock, so a range of whole local days maps to
 * the same number of whole local days even when a DST change makes one of them 23 or 25 hours long.
 */
export function previousPeriod(range: DateRange, timeZone: string): DateRange {
  const fromMs = range.from.getTime();
  const toMs = range.to.getTime();
  if (!(fromMs < toMs)) throw new RangeError('previousPeriod needs a non-empty range (from < to)');
  const clock = zoneClock(timeZone);
  const fromWallMs = clock.toWallMs(fromMs);
  const lengthWallMs = clock.toWallMs(toMs) - fromWallMs;
  return { from: new Date(clock.toInstantMs(fromWallMs - lengthWallMs)), to: new Date(fromMs) };
}

/** Whether `instant` lies in the half-open `range`: from ≤ instant < to. */
export function isWithinRange(instant: Date, range: DateRange): boolean {
  const ms = instant.getTime();
  return range.from.getTime() <= ms && ms < range.to.getTime();
}

/** Local dates `YYYY-MM-DD` of every day that overlaps the half-open `range`, in order. */
export function daysInRange(range: DateRange, timeZone: string): string[] {
  return bucketKeysInRange(range, 'day', timeZone);
}
