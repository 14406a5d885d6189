import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import type { Settings } from '@firewatch/shared';
import { affectedRegion } from './affected-region.js';
import { computeResponderWorkload } from './compute-workload.js';
import { responderCalendar } from './workload-calendar.js';
import { WorkloadRepository } from './workload.repository.js';

const HOUR_MS = 3_600_000;
const POLL_MS = 1_000;
const CLAIM_LIMIT = 500;
// Beyond this margin a window's region is recomputed from the responder's whole history.
const MAX_MARGIN_MS = 400 * 24 * HOUR_MS;

/**
 * Keeps the stored workload up to date: drains the durable `workload_queue` (filled by triggers when
 * activity, an incident's kind or a calendar changes) and recomputes only the affected responders'
 * affected clusters of activity, each claim in one transaction (a crash re-queues it).
 */
@Injectable()
export class WorkloadQueueService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly repository: WorkloadRepository,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.draining?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.drain()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'workload queue: recompute failed; will retry'))
        .finally(() => this.schedule(POLL_MS));
    }, delayMs);
    this.timer.unref();
  }

  /** Processes everything queued; resolves with the number of queued windows handled. */
  drain(): Promise<number> {
    this.draining ??= this.drainAll().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drainAll(): Promise<number> {
    let handled = 0;
    let settings: Settings | undefined;
    for (;;) {
      const n = await this.repository.transaction(async (manager) => {
        const claimed = await this.repository.claimQueue(manager, CLAIM_LIMIT);
        if (claimed.length === 0) return 0;
        settings ??= await this.repository.settings();
        // One hull per responder: windows of one claim merged.
        const hulls = new Map<number, { fromMs: number; toMs: number }>();
        for (const c of claimed) {
          const h = hulls.get(c.responderId);
          hulls.set(c.responderId, h ? { fromMs: Math.min(h.fromMs, c.fromMs), toMs: Math.max(h.toMs, c.toMs) } : { fromMs: c.fromMs, toMs: c.toMs });
        }
        for (const [responderId, window] of hulls) await this.recompute(manager, responderId, window, settings);
        return claimed.length;
      });
      if (n === 0) return handled;
      handled += n;
    }
  }

  /** Recomputes one responder's workload around a window, or the whole history for an infinite one. */
  async recompute(manager: EntityManager, responderId: number, window: { fromMs: number; toMs: number }, settings: Settings): Promise<void> {
    await this.repository.lockResponder(manager, responderId);
    const responder = await this.repository.responder(manager, responderId);
    if (!responder) return; // deleted meanwhile
    const calendar = responderCalendar(responder, settings);
    for (let margin = 6 * HOUR_MS; Number.isFinite(window.fromMs) && Number.isFinite(window.toMs) && margin <= MAX_MARGIN_MS; margin *= 4) {
      const loaded = { fromMs: window.fromMs - margin, toMs: window.toMs + margin };
      const events = await this.repository.activityOverlapping(manager, responderId, loaded.fromMs, loaded.toMs);
      const region = affectedRegion(events, window, loaded);
      if (region.needsMore) continue;
      const inRegion = events.filter((e) => e.atMs >= region.fromMs && e.atMs < region.toMs);
      await this.repository.replaceSegmentsIn(manager, responderId, region.fromMs, region.toMs, computeResponderWorkload(inRegion, calendar));
      return;
    }
    // The whole history.
    await this.repository.replaceSegments(manager, responderId, computeResponderWorkload(await this.repository.activityOf(responderId, manager), calendar));
  }
}
