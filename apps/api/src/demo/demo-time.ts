import { IANAZone } from 'luxon';

/**
 * Time arithmetic of the demo generator: UTC calendar days, and local wall clocks through the IANA
 * zone database (luxon), memoised per UTC hour because the simulation asks millions of times.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** A UTC calendar day of the generated range. */
export interface DemoDay {
  /** Index from the first day of the range. */
  index: number;
  /** Days since 1970-01-01. */
  epochDay: number;
  /** `YYYY-MM-DD` */
  iso: string;
  /** 1..12 */
  month: number;
  dayOfMonth: number;
  /** 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
}

export function demoDay(index: number, epochDay: number): DemoDay {
  const date = new Date(epochDay * DAY_MS);
  return {
    index,
    epochDay,
    iso: date.toISOString().slice(0, 10),
    month: date.getUTCMonth() + 1,
    dayOfMonth: date.getUTCDate(),
    isoWeekday: ((date.getUTCDay() + 6) % 7) + 1,
  };
}

/** The end-of-year window of SPEC §2.3 (Dec 20 – Jan 3, both inclusive). */
export function isYearEnd(month: number, dayOfMonth: number): boolean {
  return (month === 12 && dayOfMonth >= 20) || (month === 1 && dayOfMonth <= 3);
}

/** Epoch ms of `YYYY-MM-DD` at 00:00 UTC. */
export function utcDateMs(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== iso) {
    throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(iso)}`);
  }
  return ms;
}

export function isoDateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const zones = new Map<string, IANAZone>();
const hourOffsets = new Map<string, Map<number, number>>();

function zone(name: string): IANAZone {
  let z = zones.get(name);
  if (!z) {
    z = IANAZone.create(name);
    if (!z.isValid) throw new RangeError(`unknown time zone ${name}`);
    zones.set(name, z);
  }
  return z;
}

/** UTC offset of `zoneName` at an instant, in ms (memoised per UTC hour; transition hours exact). */
export function offsetMs(zoneName: string, instantMs: number): number {
  let memo = hourOffsets.get(zoneName);
  if (!memo) hourOffsets.set(zoneName, (memo = new Map()));
  const hour = Math.floor(instantMs / HOUR_MS);
  let offset = memo.get(hour);
  if (offset === undefined) {
    const z = zone(zoneName);
    const start = z.offset(hour * HOUR_MS);
    // NaN marks an hour containing a transition: those are looked up per instant.
    offset = start === z.offset(hour * HOUR_MS + HOUR_MS - 1) ? start * MINUTE_MS : Number.NaN;
    memo.set(hour, offset);
  }
  return Number.isNaN(offset) ? zone(zoneName).offset(instantMs) * MINUTE_MS : offset;
}

/** The instant a wall clock in `zoneName` reads `secondsOfDay` on local calendar day `epochDay`. */
export function localToUtcMs(epochDay: number, secondsOfDay: number, zoneName: string): number {
  const wall = epochDay * DAY_MS + secondsOfDay * 1000;
  const guess = wall - offsetMs(zoneName, wall);
  // A second pass corrects days whose offset changes between midnight and the wanted time.
  return wall - offsetMs(zoneName, guess);
}

/** Local hour (0–23) and ISO weekday (1 = Monday) of an instant in `zoneName`. */
export function localClock(instantMs: number, zoneName: string): { hour: number; isoWeekday: number; minuteOfDay: number } {
  const wall = instantMs + offsetMs(zoneName, instantMs);
  const epochDay = Math.floor(wall / DAY_MS);
  const minuteOfDay = Math.floor((wall - epochDay * DAY_MS) / MINUTE_MS);
  // 1970-01-01 was a Thursday (ISO 4).
  const isoWeekday = ((((epochDay + 3) % 7) + 7) % 7) + 1;
  return { hour: Math.floor(minuteOfDay / 60), isoWeekday, minuteOfDay };
}

/** SPEC §2.1 default sleeping hours, 23:00–08:00 local. */
export function isSleepingHour(hour: number): boolean {
  return hour >= 23 || hour < 8;
}

/** SPEC §1 default working hours, Mon–Fri 08:00–19:00 local. */
export function isWorkingHour(hour: number, isoWeekday: number): boolean {
  return isoWeekday <= 5 && hour >= 8 && hour < 19;
}

/** An instant where `zoneName` changes its UTC offset. */
export interface OffsetTransition {
  atMs: number;
  offsetBeforeMinutes: number;
  offsetAfterMinutes: number;
}

/** Every offset change of `zoneName` in `[fromMs, toMs)`, found by a daily scan and a bisection to the second. */
export function offsetTransitions(zoneName: string, fromMs: number, toMs: number): OffsetTransition[] {
  const z = zone(zoneName);
  const found: OffsetTransition[] = [];
  for (let t = fromMs; t < toMs; t += DAY_MS) {
    const end = Math.min(t + DAY_MS, toMs);
    const before = z.offset(t);
    const after = z.offset(end);
    if (before === after) continue;
    let lo = t;
    let hi = end;
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2000) * 1000;
      if (mid <= lo) break;
      if (z.offset(mid) === before) lo = mid;
      else hi = mid;
    }
    found.push({ atMs: hi, offsetBeforeMinutes: before, offsetAfterMinutes: after });
  }
  return found;
}
