import { ACTIVITY_CREDIT_MS, CONTINUITY_GAP_MS } from './workload-rules.js';

/** One activity of a responder: an instant, or for calls a real interval `[atMs, endMs)`. */
export interface ActivityEvent {
  incidentId: number;
  atMs: number;
  /** Set for interval kinds (`call`). */
  endMs?: number;
}

/** Time a responder is credited with on one incident, half-open `[startMs, endMs)`. */
export interface WorkInterval {
  incidentId: number;
  startMs: number;
  endMs: number;
}

/**
 * One responder's activity as columns (no object per event), in time order: what a full rebuild
 * fills straight from its stream and reuses from one responder to the next.
 */
export class ActivityColumns {
  incidentIds = new Int32Array(1024);
  atMs = new Float64Array(1024);
  /** A call's end; NaN for an instant activity. */
  endMs = new Float64Array(1024);
  length = 0;

  push(incidentId: number, atMs: number, endMs: number): void {
    if (this.length === this.atMs.length) this.grow();
    this.incidentIds[this.length] = incidentId;
    this.atMs[this.length] = atMs;
    this.endMs[this.length] = endMs;
    this.length++;
  }

  clear(): void {
    this.length = 0;
  }

  /** The events in time order (ties by end), as columns. */
  static of(events: readonly ActivityEvent[]): ActivityColumns {
    const columns = new ActivityColumns();
    for (const e of [...events].sort(byTime)) columns.push(e.incidentId, e.atMs, e.endMs ?? Number.NaN);
    return columns;
  }

  private grow(): void {
    const size = this.atMs.length * 2;
    const incidentIds = new Int32Array(size);
    const atMs = new Float64Array(size);
    const endMs = new Float64Array(size);
    incidentIds.set(this.incidentIds);
    atMs.set(this.atMs);
    endMs.set(this.endMs);
    Object.assign(this, { incidentIds, atMs, endMs });
  }
}

const byTime = (a: ActivityEvent, b: ActivityEvent) => a.atMs - b.atMs || (a.endMs ?? a.atMs) - (b.endMs ?? b.atMs);

/** The stretch of work an incident has open while the sweep goes on. */
interface OpenStretch {
  startMs: number;
  endMs: number;
  /** The latest moment an activity so far happened at (an instant, or a call's end). */
  lastMoment: number;
}

/**
 * SPEC §2.1 rules 1–2 for one responder: each activity credits `[t, t + 10 min)` (a call its real
 * interval), and when the next activity on the same incident starts within 20 minutes of the end of
 * the previous one, the gap counts too. Returns, per incident, disjoint intervals.
 * Events may come in any order (they are sorted first). O(n log n).
 */
export function creditIntervals(events: readonly ActivityEvent[] | ActivityColumns): WorkInterval[] {
  return creditIntervalsInOrder(events instanceof ActivityColumns ? events : ActivityColumns.of(events));
}

/**
 * The same for columns already in time order, in one pass: O(n). Events at the same instant may
 * come in any order among themselves (the result does not depend on it).
 */
function creditIntervalsInOrder(c: ActivityColumns): WorkInterval[] {
  const open = new Map<number, OpenStretch>();
  const out: WorkInterval[] = [];
  for (let i = 0; i < c.length; i++) {
    const incidentId = c.incidentIds[i]!;
    const atMs = c.atMs[i]!;
    const callEnd = c.endMs[i]!;
    const eventEnd = Number.isNaN(callEnd) ? atMs : callEnd;
    const creditEnd = Number.isNaN(callEnd) ? atMs + ACTIVITY_CREDIT_MS : callEnd;
    const stretch = open.get(incidentId);
    if (stretch === undefined) {
      open.set(incidentId, { startMs: atMs, endMs: creditEnd, lastMoment: eventEnd });
    } else if (atMs - stretch.lastMoment > CONTINUITY_GAP_MS && atMs > stretch.endMs) {
      out.push({ incidentId, startMs: stretch.startMs, endMs: stretch.endMs });
      stretch.startMs = atMs;
      stretch.endMs = creditEnd;
      stretch.lastMoment = eventEnd;
    } else {
      if (creditEnd > stretch.endMs) stretch.endMs = creditEnd;
      if (eventEnd > stretch.lastMoment) stretch.lastMoment = eventEnd;
    }
  }
  for (const [incidentId, stretch] of open) out.push({ incidentId, startMs: stretch.startMs, endMs: stretch.endMs });
  return out;
}
