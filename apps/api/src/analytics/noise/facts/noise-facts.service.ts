import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import type { EntityManager } from 'typeorm';
import type { Settings } from '@firewatch/shared';
import { QueueWorker } from '../../queue-worker.js';
import { mergeRegions } from '../../workload/affected-region.js';
import { responderCalendar } from '../../workload/workload-calendar.js';
import { WorkloadRepository } from '../../workload/workload.repository.js';
import { ResponderClock } from '../interruptions.js';
import { mergeRegion, openingPages, type MergedPage } from './merge-region.js';
import { NoiseFactsRepository, type PagePlacement, type ResponderWindow } from './noise-facts.repository.js';

/** Queue rows per transaction: an alert row carries up to one ingest statement's ids. */
const CLAIM_LIMIT = 20;
const HOUR_MS = 3_600_000;
/** Responders whose whole history a full rebuild merges and places per statement. */
const REBUILD_RESPONDERS = 100;
/** At most this many queue rows are processed before a report is read (see `catchUp`). */
const CATCH_UP_ROWS = 40;
/** Pages loaded around a changed window first; 4× more each time the merge's ends are not in it. */
const FIRST_MARGIN_MS = HOUR_MS;
const MAX_MARGIN_MS = 64 * HOUR_MS;
/** More changed windows of one responder in a claim than this redo their whole history at once. */
const MANY_WINDOWS = 50;

/**
 * Keeps the noise facts (`alert_facts`, `page_facts`) current: drains the durable `noise_queue`
 * (filled by triggers on alerts, pages, incidents' kind, services' team and the calendars), each claim
 * in one transaction under one advisory lock shared by every API process, so two processes never
 * write the same facts at once and a process killed mid-claim leaves its claim queued for the other.
 */
@Injectable()
export class NoiseFactsService extends QueueWorker {
  constructor(
    private readonly repository: NoiseFactsRepository,
    private readonly workload: WorkloadRepository,
    logger: PinoLogger,
  ) {
    super(logger, 'noise facts', 'noise_queue', CATCH_UP_ROWS);
  }

  /** Without Nest (tests, CLIs, the benchmark); the logger defaults to a silent one. */
  static standalone(repository: NoiseFactsRepository, workload: WorkloadRepository, logger?: PinoLogger): NoiseFactsService {
    return new NoiseFactsService(repository, workload, logger ?? new PinoLogger({ pinoHttp: { logger: pino({ level: 'silent' }) } }));
  }

  protected readSettings(): Promise<Settings> {
    return this.workload.settings();
  }

  protected step(settings: () => Promise<Settings>): Promise<number> {
    return this.repository.transaction(async (manager) => {
      await this.repository.lock(manager);
      const claim = await this.repository.claim(manager, CLAIM_LIMIT);
      if (claim.rows === 0) return 0;
      const windows = [...claim.windows, ...(await this.repository.recomputeAlerts(manager, claim.alertIds))];
      await this.remerge(manager, windows, await settings());
      return claim.rows;
    });
  }

  pendingWork(): Promise<number> {
    return this.repository.queueLength();
  }

  /**
   * Recomputes every noise fact from the raw rows in one transaction: reports keep answering from the
   * previous facts until it commits. What was queued before is covered and dropped. The facts are
   * written set-wise (a statement each for alerts, flaps and pages), then every paged responder's
   * history is merged and placed, a hundred responders at a time.
   */
  async rebuildAll(): Promise<{ alerts: number; responders: number; seconds: number }> {
    const started = performance.now();
    return this.repository.transaction(async (manager) => {
      await this.repository.lock(manager);
      await this.repository.clear(manager);
      const alerts = await this.repository.rebuildAlertsAndPages(manager);
      const responders = await this.repository.pagedResponders(manager);
      const settings = await this.workload.settings();
      for (let i = 0; i < responders.length; i += REBUILD_RESPONDERS) {
        const batch = responders.slice(i, i + REBUILD_RESPONDERS);
        await this.remerge(manager, batch.map((responderId) => ({ responderId, fromMs: -Infinity, toMs: Infinity })), settings);
      }
      return { alerts, responders: responders.length, seconds: (performance.now() - started) / 1000 };
    });
  }

  /** Redoes the interruption merge and the calendar placement of the responders' pages around `windows`. */
  private async remerge(manager: EntityManager, windows: readonly ResponderWindow[], settings: Settings): Promise<void> {
    if (windows.length === 0) return;
    const byResponder = new Map<number, ResponderWindow[]>();
    for (const w of windows) byResponder.set(w.responderId, [...(byResponder.get(w.responderId) ?? []), w]);
    const calendars = new Map((await this.workload.respondersByIds(manager, [...byResponder.keys()])).map((r) => [r.id, r]));
    const placements: PagePlacement[] = [];
    for (const [responderId, list] of byResponder) {
      const calendar = calendars.get(responderId);
      if (!calendar) continue; // the responder is gone, and their pages with them
      const clock = new ResponderClock(responderCalendar(calendar, settings));
      // Many scattered windows (a backfill): one read of the whole history is cheaper than many.
      const windows = list.length > MANY_WINDOWS ? [{ fromMs: -Infinity, toMs: Infinity }] : mergeRegions(list, 2 * FIRST_MARGIN_MS);
      for (const window of windows) placements.push(...(await this.remergeWindow(manager, responderId, window, clock)));
    }
    await this.repository.writePlacements(manager, placements);
  }

  private async remergeWindow(manager: EntityManager, responderId: number, window: { fromMs: number; toMs: number }, clock: ResponderClock): Promise<PagePlacement[]> {
    const finite = Number.isFinite(window.fromMs) && Number.isFinite(window.toMs);
    for (let margin = FIRST_MARGIN_MS; finite && margin <= MAX_MARGIN_MS; margin *= 4) {
      const from = window.fromMs - margin;
      const to = window.toMs + margin;
      const pages = await this.repository.mergedPages(manager, responderId, from, to);
      const region = mergeRegion(pages, window.fromMs, window.toMs, from, to);
      if (region) return place(pages.slice(region.start, region.end), clock);
    }
    return place(await this.repository.mergedPages(manager, responderId, -Infinity, Infinity), clock);
  }
}

/** The merge of `pages` (the first opens) with each opening page placed on the responder's calendar. */
function place(pages: readonly MergedPage[], clock: ResponderClock): PagePlacement[] {
  const opens = openingPages(pages);
  return pages.map((p, i) => {
    if (!opens[i]) return { pageId: p.pageId, opens: false, bucket: null, localHour: null, night: null };
    const local = clock.place(p.atMs);
    return { pageId: p.pageId, opens: true, bucket: local.bucket, localHour: local.hour, night: local.night };
  });
}
