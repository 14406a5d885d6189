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

const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;
// Bound on the memo of one zone: ~23 years of distinct UTC hours.
const MAX_MEMOISED_HOURS = 200_000;
// Marks a UTC hour in which the offset changes: it is looked up per instant, never memoised.
const TRANSITION_HOUR = Number.NaN;

class MemoisedZoneClock implements ZoneClock {
  private readonly zone: IANAZone;
  // UTC hour index → offset in ms valid for that whole hour (or TRANSITION_HOUR).
  private readonly hourOffsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.zone = IANAZone.create(timeZone);
  }

  private zoneOffsetMs(instantMs: number): number {
    return this.zone.offset(instantMs) * MS_PER_MINUTE;
  }

  offsetMs(instantMs: number): number {
    if (!Number.isFinite(instantMs)) throw new RangeError('Invalid Date');
    // Offsets change at most once an hour, so an hour whose first and last millisecond agree has a
    // single offset. This turns hundreds of thousands of Intl calls into one pair per distinct hour.
    const hour = Math.floor(instantMs / MS_PER_HOUR);
    let offset = this.hourOffsets.get(hour);
    if (offset === undefined) {
      const hourStartMs = hour * MS_PER_HOUR;
      const atStart = this.zoneOffsetMs(hourStartMs);
      offset = atStart === this.zoneOffsetMs(hourStartMs + MS_PER_HOUR - 1) ? atStart : TRANSITION_HOUR;
      if (this.hourOffsets.size >= MAX_MEMOISED_HOURS) this.hourOffsets.clear();
      this.hourOffsets.set(hour, offset);
    }
    return Number.isNaN(offset) ? this.zoneOffsetMs(instantMs) : offset;
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
