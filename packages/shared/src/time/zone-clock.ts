import { IANAZone } from 'luxon';
import { MS_PER_DAY } from './calendar-date.js';
import { isValidTimeZone } from './time-zone.js';

/**
 * UTC instant ↔ local wall clock in one IANA zone. Offsets come from the time zone database
 * (luxon over Intl), never from a fixed offset; this layer only memoises them.
 *
 * "Wall time" below is a local date-time encoded as milliseconds since 1970-01-01T00:00 *on that
 * wall clock*, so calendar arithmetic on it is plain integer arithmetic.
 */
export interface ZoneClock {
  readonly timeZone: string;
  /** Milliseconds to add to a UTC instant to read the local wall clock at that instant. */
  offsetMs(instantMs: number): number;
  /** Local wall time of a UTC instant. */
  toWallMs(instantMs: number): number;
  /**
   * The first instant at which the local wall clock reads `wallMs` or later. For a time that occurs
   * twice (autumn overlap) that is its first occurrence; for one skipped by a spring-forward gap it is
   * the instant of the transition, so the start of a local day is always the first instant of that day.
   */
  toInstantMs(wallMs: number): number;
}

const MS_PER_MINUTE = 60_000;
// Bound on the memo of one zone: ~55 years of distinct UTC days.
const MAX_MEMOISED_DAYS = 20_000;

/** The offsets in force during one UTC day: `before` until `changeMs`, `after` from it on. */
interface DayOffsets {
  before: number;
  after: number;
  /** First instant of the day with the `after` offset; Infinity when the offset does not change that day. */
  changeMs: number;
}

class MemoisedZoneClock implements ZoneClock {
  private readonly zone: IANAZone;
  // UTC day index → the offsets of that day.
  private readonly dayOffsets = new Map<number, DayOffsets>();

  constructor(readonly timeZone: string) {
    this.zone = IANAZone.create(timeZone);
  }

  private zoneOffsetMs(instantMs: number): number {
    return this.zone.offset(instantMs) * MS_PER_MINUTE;
  }

  /**
   * A UTC day whose first and last millisecond agree has one offset (zones change offset at most once
   * in two days); otherwise the transition instant is found by bisection, once. This turns millions
   * of Intl calls into two per distinct day.
   */
  private offsetsOfDay(day: number): DayOffsets {
    const first = day * MS_PER_DAY;
    const last = first + MS_PER_DAY - 1;
    const before = this.zoneOffsetMs(first);
    const after = this.zoneOffsetMs(last);
    if (before === after) return { before, after, changeMs: Number.POSITIVE_INFINITY };
    let lo = first; // offset(lo) = before
    let hi = last; // offset(hi) = after
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.zoneOffsetMs(mid) === before) lo = mid;
      else hi = mid;
    }
    return { before, after, changeMs: hi };
  }

  offsetMs(instantMs: number): number {
    if (!Number.isFinite(instantMs)) throw new RangeError('Invalid Date');
    const day = Math.floor(instantMs / MS_PER_DAY);
    let offsets = this.dayOffsets.get(day);
    if (offsets === undefined) {
      offsets = this.offsetsOfDay(day);
      if (this.dayOffsets.size >= MAX_MEMOISED_DAYS) this.dayOffsets.clear();
      this.dayOffsets.set(day, offsets);
    }
    return instantMs < offsets.changeMs ? offsets.before : offsets.after;
  }

  toWallMs(instantMs: number): number {
    return instantMs + this.offsetMs(instantMs);
  }

  toInstantMs(wallMs: number): number {
    if (!Number.isFinite(wallMs)) throw new RangeError('Invalid Date');
    // The instant lies within ±18 h of `wallMs`; the offsets a day either side are the ones in force
    // before and after any transition near it (zones change offset at most once in two days).
    const offsetBefore = this.offsetMs(wallMs - MS_PER_DAY);
    const offsetAfter = this.offsetMs(wallMs + MS_PER_DAY);
    const viaBefore = wallMs - offsetBefore;
    const viaAfter = wallMs - offsetAfter;
    const beforeFits = this.offsetMs(viaBefore) === offsetBefore;
    const afterFits = this.offsetMs(viaAfter) === offsetAfter;
    if (beforeFits && afterFits) return Math.min(viaBefore, viaAfter); // overlap: first occurrence
    if (beforeFits) return viaBefore;
    if (afterFits) return viaAfter;
    // Gap: the wall clock jumps from before `wallMs` to after it at the transition instant, which lies
    // in (viaAfter, viaBefore]. Find the first instant whose wall time has reached `wallMs`.
    let lo = Math.min(viaAfter, viaBefore); // wall time < wallMs
    let hi = Math.max(viaAfter, viaBefore); // wall time ≥ wallMs
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.toWallMs(mid) >= wallMs) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}

const clocks = new Map<string, ZoneClock>();

/** The (cached) clock of an IANA zone. Throws `RangeError` for an unknown zone: validate input with `timeZoneSchema`. */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone ${JSON.stringify(timeZone)}`);
    clock = new MemoisedZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}
