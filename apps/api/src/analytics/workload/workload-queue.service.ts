import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import type { Settings } from '@firewatch/shared';
import { QueueWorker } from '../queue-worker.js';
import { affectedRegion, mergeRegions, type Region } from './affected-region.js';
import { computeResponderWorkload, type ActivityEvent, type ClassifiedSegment, type ResponderCalendar } from './compute-workload.js';
import { responderCalendar } from './workload-calendar.js';
import { WorkloadRebuildService } from './workload-rebuild.service.js';
import { WorkloadRepository } from './workload.repository.js';

const HOUR_MS = 3_600_000;
// Small claims keep each transaction short, so shutdown waits at most for one of them.
const CLAIM_LIMIT = 100;
// Activity loaded around a window first; a region reaching further loads 4× more, and so on.
const FIRST_MARGIN_MS = 6 * HOUR_MS;
// Beyond this margin a window's region is recomputed from the responder's whole history.
const MAX_MARGIN_MS = 400 * 24 * HOUR_MS;
/**
 * At most this many queue rows are processed before a report is read: an ingest batch queues a window
 * per responder and day, a change of the org's calendar one per responder with activity (a few
 * seconds of recompute for an organisation of a hundred people).
 */
const CATCH_UP_WINDOWS = 200;

/**
 * Keeps the stored workload up to date: drains the durable `workload_queue` (filled by triggers when
 * activity, an incident's kind or a calendar changes) and recomputes only the affected responders'
 * affected clusters of activity, each claim in one transaction (a crash re-queues it).
 */
@Injectable()
export class WorkloadQueueService extends QueueWorker {
  constructor(
    private readonly repository: WorkloadRepository,
    logger: PinoLogger,
  ) {
    super(logger, 'workload queue', 'workload_queue', CATCH_UP_WINDOWS);
  }

  /** A full rebuild asked for counts as a window per responder: a small organisation's is caught up at once, a large one's left to the worker. */
  pendingWork(): Promise<number> {
    return this.repository.queuedWindows();
  }

  protected readSettings(): Promise<Settings> {
    return this.repository.settings();
  }

  protected async step(settings: () => Promise<Settings>): Promise<number> {
    // The organisation's calendar changed: everyone's workload is rebuilt into a fresh table swapped in
    // at once (reports answer from the previous one until then), and what was queued before is covered.
    if (await this.repository.rebuildRequested()) {
      await new WorkloadRebuildService(this.repository).rebuildAll(undefined, { ifRequested: true });
      return 1;
    }
    return this.repository.transaction(async (manager) => {
      // Before claiming: a rebuild that is running deletes the queue rows it covers.
      await this.repository.lockAgainstRebuild(manager);
      const claimed = await this.repository.claimQueue(manager, CLAIM_LIMIT);
      if (claimed.length === 0) return 0;
      const byResponder = new Map<number, Array<{ fromMs: number; toMs: number }>>();
      for (const c of claimed) {
        const windows = byResponder.get(c.responderId) ?? [];
        windows.push({ fromMs: c.fromMs, toMs: c.toMs });
        byResponder.set(c.responderId, windows);
      }
      await this.recomputeMany(manager, byResponder, await settings());
      return claimed.length;
    });
  }

  /**
   * Recomputes the workload around changed windows of several responders with a handful of
   * statements for all of them: their locks, calendars and the activity around every window are read
   * at once, and the affected regions replaced with one DELETE and one INSERT. A responder whose
   * region reaches beyond the first margin, or whose calendar changed (an infinite window), takes the
   * one-by-one path of {@link recompute}.
   */
  async recomputeMany(manager: EntityManager, byResponder: ReadonlyMap<number, ReadonlyArray<Region>>, settings: Settings): Promise<void> {
    const ids = [...byResponder.keys()];
    await this.repository.lockResponders(manager, ids);
    const responders = await this.repository.respondersByIds(manager, ids);
    const loads: ResponderLoad[] = [];
    const oneByOne: ResponderLoad[] = [];
    for (const responder of responders) {
      const windows = byResponder.get(responder.id)!;
      const hull = hullOf(windows);
      const load = { responderId: responder.id, windows, calendar: responderCalendar(responder, settings), fromMs: hull.fromMs - FIRST_MARGIN_MS, toMs: hull.toMs + FIRST_MARGIN_MS };
      if (windows.every((w) => Number.isFinite(w.fromMs) && Number.isFinite(w.toMs))) loads.push(load);
      else oneByOne.push(load);
    }
    const activity = await this.repository.activityOverlappingMany(manager, loads);
    const replacements: SegmentReplacement[] = [];
    for (const load of loads) {
      const computed = recomputedRegions(load, activity.get(load.responderId) ?? [], load);
      if (computed) replacements.push(...computed);
      else oneByOne.push(load);
    }
    await this.repository.replaceSegmentsInMany(manager, replacements);
    for (const load of oneByOne) await this.recomputeOne(manager, load);
  }

  /**
   * Recomputes one responder's workload around changed windows: the activity around all of them is
   * read once, each window is widened to the clusters it can affect, and only those regions are
   * replaced, with wider and wider margins. An infinite window (calendar change) recomputes the whole
   * history. The caller holds the responder's lock.
   */
  private async recomputeOne(manager: EntityManager, load: ResponderLoad): Promise<void> {
    const { responderId, windows, calendar } = load;
    const finite = windows.every((w) => Number.isFinite(w.fromMs) && Number.isFinite(w.toMs));
    const hull = hullOf(windows);
    for (let margin = FIRST_MARGIN_MS; finite && margin <= MAX_MARGIN_MS; margin *= 4) {
      const loaded = { fromMs: hull.fromMs - margin, toMs: hull.toMs + margin };
      const computed = recomputedRegions(load, await this.repository.activityOverlapping(manager, responderId, loaded.fromMs, loaded.toMs), loaded);
      if (!computed) continue;
      await this.repository.replaceSegmentsInMany(manager, computed);
      return;
    }
    // The whole history.
    await this.repository.replaceSegments(manager, responderId, computeResponderWorkload(await this.repository.activityOf(responderId, manager), calendar));
  }
}

/** A responder's changed windows, their calendar, and the activity range read around them first. */
interface ResponderLoad extends Region {
  responderId: number;
  windows: ReadonlyArray<Region>;
  calendar: ResponderCalendar;
}

type SegmentReplacement = Region & { responderId: number; segments: ClassifiedSegment[] };

/**
 * The regions a responder's changed windows affect, each with its segments recomputed from the
 * `events` loaded over `loaded`; undefined when a region may reach beyond what was loaded.
 */
function recomputedRegions({ responderId, windows, calendar }: ResponderLoad, events: readonly ActivityEvent[], loaded: Region): SegmentReplacement[] | undefined {
  const regions = windows.map((w) => affectedRegion(events, w, loaded));
  if (regions.some((r) => r.needsMore)) return undefined;
  return mergeRegions(regions).map((region) => {
    const inRegion = events.filter((e) => e.atMs >= region.fromMs && e.atMs < region.toMs);
    return { responderId, ...region, segments: computeResponderWorkload(inRegion, calendar) };
  });
}

/** The smallest region covering all windows. */
function hullOf(windows: ReadonlyArray<Region>): Region {
  return { fromMs: Math.min(...windows.map((w) => w.fromMs)), toMs: Math.max(...windows.map((w) => w.toMs)) };
}
