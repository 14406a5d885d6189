import { DateTime } from 'luxon';
import { formatDateRange, parseIsoDate, type DateRange, type IsoDate } from '../filters/filter-state.js';

/**
 * The period of the Operational review, kept in the URL so a review has a stable address to share:
 *
 * | parameter     | meaning                                                                 |
 * |---------------|-------------------------------------------------------------------------|
 * | `quarter`     | a calendar quarter, `2026-Q3` (organisation calendar days, as the API counts them) |
 * | `from`, `to`  | a custom range instead: first day included, first day NOT included (as the API takes it) |
 *
 * Without either (or with an invalid one) the review shows the last COMPLETE quarter before the
 * viewer's today: a review meeting looks back on a finished quarter, and a quarter still under way
 * would be compared with a whole one. The team, service and severity filters of the URL apply too;
 * the parameters of filter-state.ts other than these dates (`preset`) are ignored here.
 */
export type ReviewPeriod = { kind: 'quarter'; quarter: string; range: DateRange } | { kind: 'custom'; range: DateRange };

/** Quarters offered by the picker: the current one (under way) and this many complete ones before it. */
export const PICKER_QUARTERS = 8;

const QUARTER = /^(\d{4})-Q([1-4])$/;

// Calendar days carry no time of day: all arithmetic happens in UTC where every day is 24 hours.
const utcDay = (value: IsoDate) => DateTime.fromISO(value, { zone: 'utc' });
const isoDay = (value: DateTime): IsoDate => value.toISODate() ?? '';
const quarterName = (value: DateTime): string => `${value.year}-Q${value.quarter}`;

/** `value` when it names a quarter (`2026-Q3`), otherwise null. */
export function parseQuarter(value: string | null | undefined): string | null {
  return value && QUARTER.test(value) ? value : null;
}

/** The days of a quarter, `[first day, first day of the next quarter)`. */
export function quarterRange(quarter: string): DateRange {
  const [, year, number] = QUARTER.exec(quarter) ?? [];
  const start = DateTime.utc(Number(year), (Number(number) - 1) * 3 + 1, 1);
  return { from: isoDay(start), to: isoDay(start.plus({ months: 3 })) };
}

/** The quarter that `today` is in. */
export function quarterOf(today: IsoDate): string {
  return quarterName(utcDay(today));
}

/** The last quarter that ended before `today` (the day a quarter starts, the one before it). */
export function lastCompleteQuarter(today: IsoDate): string {
  return quarterName(utcDay(today).startOf('quarter').minus({ days: 1 }));
}

/** The picker's quarters, newest first: the current one, then `PICKER_QUARTERS` complete ones. */
export function pickerQuarters(today: IsoDate): string[] {
  const current = utcDay(today).startOf('quarter');
  return Array.from({ length: PICKER_QUARTERS + 1 }, (_, back) => quarterName(current.minus({ quarters: back })));
}

/** "Q3 2026" */
export function quarterLabel(quarter: string): string {
  const [, year, number] = QUARTER.exec(quarter) ?? [];
  return `Q${number} ${year}`;
}

/** The review's period from the URL (see above); `today` is the viewer's calendar day. */
export function parseReviewPeriod(params: URLSearchParams, today: IsoDate): ReviewPeriod {
  const quarter = parseQuarter(params.get('quarter'));
  if (quarter) return { kind: 'quarter', quarter, range: quarterRange(quarter) };
  const from = parseIsoDate(params.get('from'));
  const to = parseIsoDate(params.get('to'));
  if (from && to && from < to) return { kind: 'custom', range: { from, to } };
  const last = lastCompleteQuarter(today);
  return { kind: 'quarter', quarter: last, range: quarterRange(last) };
}

/** `params` with the period written into it (the other parameters, e.g. the filters, are kept). */
export function withReviewPeriod(params: URLSearchParams, period: ReviewPeriod): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of ['quarter', 'from', 'to', 'preset']) next.delete(name);
  if (period.kind === 'quarter') next.set('quarter', period.quarter);
  else {
    next.set('from', period.range.from);
    next.set('to', period.range.to);
  }
  return next;
}

/** "Q3 2026 (1 Jul – 30 Sep 2026)" or "3 Aug – 2 Nov 2026": the period as the review's title says it. */
export function describeReviewPeriod(period: ReviewPeriod): string {
  const days = formatDateRange(period.range);
  return period.kind === 'quarter' ? `${quarterLabel(period.quarter)} (${days})` : days;
}
