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

const byTime = (a: ActivityEvent, b: ActivityEvent) => a.atMs - b.atMs || (a.endMs ?? a.atMs) - (b.endMs ?? b.atMs);

/**
 * SPEC §2.1 rules 1–2 for one responder: each activity credits `[t, t + 10 min)` (a call its real
 * interval), and when the next activity on the same incident starts within 20 minutes of the end of
 * the previous one, the gap counts too. Returns, per incident, disjoint intervals in time order.
 * Events may come in any order. O(n log n).
 */
export function creditIntervals(events: readonly ActivityEvent[]): WorkInterval[] {
  const byIncident = new Map<number, ActivityEvent[]>();
  for (const e of events) {
    const list = byIncident.get(e.incidentId);
    if (list) list.push(e);
    else byIncident.set(e.incidentId, [e]);
  }
  const out: WorkInterval[] = [];
  for (const [incidentId, list] of byIncident) {
    list.sort(byTime);
    let start = NaN;
    let end = NaN;
    // The latest moment an activity so far happened at (an instant, or a call's end).
    let lastMoment = NaN;
    for (const e of list) {
      const eventEnd = e.endMs ?? e.atMs;
      const creditEnd = e.endMs ?? e.atMs + ACTIVITY_CREDIT_MS;
      if (Number.isNaN(start) || (e.atMs - lastMoment > CONTINUITY_GAP_MS && e.atMs > end)) {
        if (!Number.isNaN(start)) out.push({ incidentId, startMs: start, endMs: end });
        start = e.atMs;
        end = creditEnd;
        lastMoment = eventEnd;
      } else {
        end = Math.max(end, creditEnd);
        lastMoment = Math.max(lastMoment, eventEnd);
      }
    }
    if (!Number.isNaN(start)) out.push({ incidentId, startMs: start, endMs: end });
  }
  return out;
}
