import type { ActivityEvent } from './credit-intervals.js';
import { ACTIVITY_CREDIT_MS, CONTINUITY_GAP_MS } from './workload-rules.js';

/** A responder's activity splits into clusters that cannot influence each other's workload. */
export interface Region {
  fromMs: number;
  toMs: number;
}

/**
 * The part of a responder's timeline whose workload a change inside `[fromMs, toMs)` can affect:
 * the window widened to the whole clusters of activity within reach of it. Two activities can interact (continuity bridge,
 * overlap for the 1/k split) only if the later one starts at most 20 minutes after the latest moment
 * (instant or call end) of the earlier ones; so a gap larger than that separates independent clusters.
 * `events` must be sorted by time and cover the window with a margin; the result tells whether the
 * region reaches the margin's edge (then load more and ask again).
 */
export function affectedRegion(events: readonly ActivityEvent[], window: Region, loaded: Region): Region & { needsMore: boolean } {
  let fromMs = window.fromMs;
  let toMs = window.toMs;
  let clusterStart = NaN;
  let clusterEnd = NaN; // latest credit end in the cluster
  let lastMoment = -Infinity;
  // Activity in the window may have been removed or moved away: a cluster it used to bridge to lies
  // within reach of the window without touching it, and must be recomputed too.
  const reach = CONTINUITY_GAP_MS + ACTIVITY_CREDIT_MS;
  const closeCluster = () => {
    if (Number.isNaN(clusterStart)) return;
    // The cluster's work lies in [clusterStart, clusterEnd); within reach of the window, it is affected.
    if (clusterStart < window.toMs + reach && clusterEnd + reach > window.fromMs) {
      fromMs = Math.min(fromMs, clusterStart);
      toMs = Math.max(toMs, clusterEnd);
    }
  };
  for (const e of events) {
    if (!Number.isNaN(clusterStart) && e.atMs - lastMoment > CONTINUITY_GAP_MS) {
      closeCluster();
      clusterStart = NaN;
    }
    if (Number.isNaN(clusterStart)) {
      clusterStart = e.atMs;
      clusterEnd = -Infinity;
      lastMoment = -Infinity;
    }
    clusterEnd = Math.max(clusterEnd, e.endMs ?? e.atMs + ACTIVITY_CREDIT_MS);
    lastMoment = Math.max(lastMoment, e.endMs ?? e.atMs);
  }
  closeCluster();
  // Activity just outside what was loaded could still join the region's edge clusters.
  const needsMore = fromMs - loaded.fromMs <= reach || loaded.toMs - toMs <= reach;
  return { fromMs, toMs, needsMore };
}

/**
 * Regions overlapping, touching or less than `joinWithinMs` apart merged into one, in time order (for
 * the workload each merged region is whole clusters; the noise facts join nearby windows to read their
 * pages once).
 */
export function mergeRegions(regions: ReadonlyArray<Region>, joinWithinMs = 0): Region[] {
  const sorted = [...regions].sort((a, b) => a.fromMs - b.fromMs);
  const merged: Region[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.fromMs <= last.toMs + joinWithinMs) last.toMs = Math.max(last.toMs, r.toMs);
    else merged.push({ fromMs: r.fromMs, toMs: r.toMs });
  }
  return merged;
}
