import { formatEpochDay, MS_PER_DAY, minutesOfDay, zoneClock, type ResponderInterruptions, type ZoneClock } from '@firewatch/shared';
import { TimeClassifier, type ResponderCalendar } from '../workload/classify-time.js';
import type { TimeBucket } from '../workload/workload-rules.js';

/** Channels that interrupt a person (SPEC §2.5); email and chat never do. */
export const INTERRUPTING_CHANNELS: ReadonlySet<string> = new Set(['phone', 'sms', 'push']);
/** Pages to one responder at most this long after the page that opened an interruption join it. */
export const INTERRUPTION_MERGE_MS = 60_000;

/**
 * Interruptions of SPEC §2.5 over interrupting pages given as columns sorted by (responder, at): a page
 * opens a new interruption unless it comes at most 60 s after the page that opened the responder's
 * current one; the window is anchored at that opening page, not chained from page to page, so a pager
 * that rings every 30 s for 10 minutes is 10 interruptions, not one. Returns the index of each
 * interruption's opening page and how many pages it merges.
 */
export function openInterruptions(responderId: readonly number[], atMs: readonly number[]): Array<{ opening: number; pages: number }> {
  const out: Array<{ opening: number; pages: number }> = [];
  let current: { opening: number; pages: number } | undefined;
  for (let i = 0; i < atMs.length; i++) {
    if (current && responderId[current.opening] === responderId[i] && atMs[i]! - atMs[current.opening]! <= INTERRUPTION_MERGE_MS) {
      current.pages++;
      continue;
    }
    current = { opening: i, pages: 1 };
    out.push(current);
  }
  return out;
}

/** Where an interruption fell on the paged responder's own clock. */
export interface LocalInterruption {
  bucket: TimeBucket;
  /** Local clock hour `YYYY-MM-DDTHH` in the responder's zone (a repeated autumn hour is one hour). */
  hour: string;
  /** Local date its sleeping hours started on, for a sleeping interruption; null otherwise. */
  night: string | null;
}

const MS_PER_HOUR = 3_600_000;

/**
 * Places instants on one responder's calendar: the SPEC §2.1 rule 4 bucket (the workload's
 * `TimeClassifier`, so both metrics share one set of time-of-day rules), the local clock hour, and the
 * night. A night is named by the local date the sleeping hours start on: with 23:00–08:00, 23:30 on
 * the 3rd and 02:00 on the 4th are both the night of the 3rd.
 */
export class ResponderClock {
  private readonly classifier: TimeClassifier;
  private readonly clock: ZoneClock;
  private readonly sleepStartMinute: number;

  constructor(calendar: ResponderCalendar) {
    this.classifier = new TimeClassifier(calendar);
    this.clock = zoneClock(calendar.timeZone);
    this.sleepStartMinute = minutesOfDay(calendar.sleepingHours.start);
  }

  place(atMs: number): LocalInterruption {
    const [piece] = this.classifier.classify({ incidentId: 0, startMs: atMs, endMs: atMs + 1, share: 1 });
    const wallMs = this.clock.toWallMs(atMs);
    const epochDay = Math.floor(wallMs / MS_PER_DAY);
    const hourOfDay = Math.floor((wallMs - epochDay * MS_PER_DAY) / MS_PER_HOUR);
    const hour = `${formatEpochDay(epochDay)}T${String(hourOfDay).padStart(2, '0')}`;
    if (piece!.bucket !== 'sleeping') return { bucket: piece!.bucket, hour, night: null };
    // Before the start minute (after midnight of a window that wraps it): the night began the day before.
    const minute = Math.floor((wallMs - epochDay * MS_PER_DAY) / 60_000);
    return { bucket: 'sleeping', hour, night: formatEpochDay(minute >= this.sleepStartMinute ? epochDay : epochDay - 1) };
  }
}

/**
 * One responder's interruption figures (SPEC §2.5) as interruptions placed on their calendar are
 * added: disrupted hours are distinct local clock hours, disrupted nights distinct nights with a
 * sleeping interruption. The noise report's responder rows and the responder page both count so.
 */
export class InterruptionTally {
  /** Pages on any channel (set by the caller: not every page interrupts). */
  pages = 0;
  interruptions = 0;
  sleeping = 0;
  private readonly hours = new Set<string>();
  private readonly nights = new Set<string>();

  add(local: LocalInterruption): void {
    this.interruptions++;
    this.hours.add(local.hour);
    if (local.bucket !== 'sleeping') return;
    this.sleeping++;
    this.nights.add(local.night!);
  }

  figures(): ResponderInterruptions {
    return {
      pages: this.pages,
      interruptions: this.interruptions,
      sleepingInterruptions: this.sleeping,
      disruptedHours: this.hours.size,
      disruptedNights: this.nights.size,
    };
  }
}
