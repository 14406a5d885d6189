import type { WorkInterval } from './credit-intervals.js';

/** A stretch of time credited to one incident with the share it gets (1/k when k incidents overlap). */
export interface SharedSegment {
  incidentId: number;
  startMs: number;
  endMs: number;
  share: number;
}

/**
 * SPEC §2.1 rule 3 for one responder: where intervals of k > 1 incidents overlap, each incident gets
 * 1/k of that time, so the responder's total never exceeds wall-clock time. A sweep over the interval
 * boundaries: O(n log n) for n intervals (each incident's intervals are disjoint).
 */
export function shareConcurrent(intervals: readonly WorkInterval[]): SharedSegment[] {
  if (intervals.length === 0) return [];
  // Boundary events: +1 at a start, −1 at an end; ends sort before starts at the same instant
  // because intervals are half-open.
  const points: Array<{ t: number; delta: 1 | -1; incidentId: number }> = [];
  for (const iv of intervals) {
    if (iv.endMs <= iv.startMs) continue;
    points.push({ t: iv.startMs, delta: 1, incidentId: iv.incidentId }, { t: iv.endMs, delta: -1, incidentId: iv.incidentId });
  }
  points.sort((a, b) => a.t - b.t || a.delta - b.delta);
  const open = new Map<number, number>(); // incident → open count (1: its intervals are disjoint)
  const out: SharedSegment[] = [];
  let prev = NaN;
  for (let i = 0; i < points.length; ) {
    const t = points[i]!.t;
    if (!Number.isNaN(prev) && t > prev && open.size > 0) {
      const share = 1 / open.size;
      for (const incidentId of open.keys()) appendSegment(out, incidentId, prev, t, share);
    }
    // Apply every boundary at this instant before emitting the next stretch.
    for (; i < points.length && points[i]!.t === t; i++) {
      const p = points[i]!;
      const n = (open.get(p.incidentId) ?? 0) + p.delta;
      if (n <= 0) open.delete(p.incidentId);
      else open.set(p.incidentId, n);
    }
    prev = t;
  }
  return out;
}

/** Appends a segment, merging it into the previous one of the same incident and share when contiguous. */
function appendSegment(out: SharedSegment[], incidentId: number, startMs: number, endMs: number, share: number): void {
  for (let j = out.length - 1; j >= 0; j--) {
    const s = out[j]!;
    if (s.endMs < startMs) break;
    if (s.incidentId === incidentId && s.endMs === startMs && s.share === share) {
      s.endMs = endMs;
      return;
    }
  }
  out.push({ incidentId, startMs, endMs, share });
}
