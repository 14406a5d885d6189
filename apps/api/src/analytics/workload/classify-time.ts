import { MS_PER_DAY, formatEpochDay, isoWeekdayOfEpochDay, minutesOfDay, zoneClock, type ZoneClock } from '@firewatch/shared';
import type { SharedSegment } from './share-concurrent.js';
import type { TimeBucket } from './workload-rules.js';

/** Where and when one responder works (SPEC §2.1 rule 4), with the organisation's defaults applied. */
export interface ResponderCalendar {
  timeZone: string;
  workingHours: { days: readonly number[]; start: string; end: string };
  /** May wrap midnight (23:00–08:00). */
  sleepingHours: { start: string; end: string };
  /** Whether a local date (`YYYY-MM-DD`) is a public holiday in the responder's holiday country. */
  isHoliday?: (date: string) => boolean;
}

export interface ClassifiedSegment extends SharedSegment {
  bucket: TimeBucket;
  /** Local date (responder's zone) the segment lies in. */
  localDate: string;
}

interface DayPiece {
  startMs: number;
  endMs: number;
  bucket: TimeBucket;
}

const MS_PER_MINUTE = 60_000;

/**
 * Splits segments at the responder's local day and bucket boundaries and labels each piece
 * `sleeping`, `working` or `late`. Boundaries are computed per local day in the responder's zone at
 * that instant (DST from the time zone database), memoised per day.
 */
export class TimeClassifier {
  private readonly clock: ZoneClock;
  private readonly days = new Map<number, DayPiece[]>();
  private readonly breakpoints: number[];
  private readonly sleepStart: number;
  private readonly sleepEnd: number;
  private readonly workStart: number;
  private readonly workEnd: number;
  private readonly workDays: ReadonlySet<number>;

  constructor(private readonly calendar: ResponderCalendar) {
    this.clock = zoneClock(calendar.timeZone);
    this.sleepStart = minutesOfDay(calendar.sleepingHours.start);
    this.sleepEnd = minutesOfDay(calendar.sleepingHours.end);
    this.workStart = minutesOfDay(calendar.workingHours.start);
    this.workEnd = minutesOfDay(calendar.workingHours.end);
    this.workDays = new Set(calendar.workingHours.days);
    this.breakpoints = [...new Set([0, this.sleepStart, this.sleepEnd, this.workStart, this.workEnd])].filter((m) => m < 1440).sort((a, b) => a - b);
  }

  /** The bucket of a local clock minute on a local day. */
  bucketAt(minute: number, isoWeekday: number, holiday: boolean): TimeBucket {
    const sleeping =
      this.sleepStart > this.sleepEnd
        ? minute >= this.sleepStart || minute < this.sleepEnd
        : minute >= this.sleepStart && minute < this.sleepEnd;
    if (sleeping) return 'sleeping';
    if (!holiday && this.workDays.has(isoWeekday) && minute >= this.workStart && minute < this.workEnd) return 'working';
    return 'late';
  }

  private piecesOf(epochDay: number): DayPiece[] {
    let pieces = this.days.get(epochDay);
    if (pieces) return pieces;
    const weekday = isoWeekdayOfEpochDay(epochDay);
    const holiday = this.calendar.isHoliday?.(formatEpochDay(epochDay)) ?? false;
    const dayWall = epochDay * MS_PER_DAY;
    const nextDayStart = this.clock.toInstantMs(dayWall + MS_PER_DAY);
    pieces = [];
    for (let i = 0; i < this.breakpoints.length; i++) {
      const minute = this.breakpoints[i]!;
      const start = this.clock.toInstantMs(dayWall + minute * MS_PER_MINUTE);
      const end = i + 1 < this.breakpoints.length ? this.clock.toInstantMs(dayWall + this.breakpoints[i + 1]! * MS_PER_MINUTE) : nextDayStart;
      // A clock time skipped by a DST gap maps to the transition; empty pieces are dropped.
      if (end > start) pieces.push({ startMs: start, endMs: end, bucket: this.bucketAt(minute, weekday, holiday) });
    }
    this.days.set(epochDay, pieces);
    return pieces;
  }

  classify(segment: SharedSegment, out: ClassifiedSegment[] = []): ClassifiedSegment[] {
    let t = segment.startMs;
    while (t < segment.endMs) {
      const epochDay = Math.floor(this.clock.toWallMs(t) / MS_PER_DAY);
      const pieces = this.piecesOf(epochDay);
      const piece = pieces.find((p) => t >= p.startMs && t < p.endMs);
      if (!piece) throw new Error(`no local time piece for ${new Date(t).toISOString()} in ${this.calendar.timeZone}`);
      const end = Math.min(segment.endMs, piece.endMs);
      const last = out[out.length - 1];
      const localDate = formatEpochDay(epochDay);
      if (last && last.incidentId === segment.incidentId && last.endMs === t && last.bucket === piece.bucket && last.share === segment.share && last.localDate === localDate) {
        last.endMs = end;
      } else {
        out.push({ incidentId: segment.incidentId, startMs: t, endMs: end, share: segment.share, bucket: piece.bucket, localDate });
      }
      t = end;
    }
    return out;
  }
}
