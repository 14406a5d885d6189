import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { PinoLogger } from 'nestjs-pino';
import type { Settings } from '@firewatch/shared';
import type { DerivedDataQueue, DerivedDataWorker } from './freshness.js';

const POLL_MS = 1_000;

/**
 * A worker that keeps derived data current by draining a durable queue filled by triggers: from
 * start-up it polls every second; one drain runs at a time in a process (callers of `drain` share it);
 * a drain takes claim after claim, each in its own transaction (`step`), until the queue is empty. On
 * shutdown it stops between claims and waits for the one in progress: what is left stays queued.
 * Before a report is read, `catchUp` processes what is queued when that is little.
 */
export abstract class QueueWorker implements OnApplicationBootstrap, OnModuleDestroy, DerivedDataWorker {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<number> | undefined;
  private stopped = false;

  constructor(
    protected readonly logger: PinoLogger,
    /** Names the worker in its log lines. */
    private readonly name: string,
    /** The queue table it drains. */
    readonly queue: DerivedDataQueue,
    /** At most this much pending work (see `pendingWork`) is processed by `catchUp` before a report is read. */
    private readonly catchUpLimit: number,
  ) {}

  /** Claims and processes one slice of the queue in one transaction; resolves with the queue rows handled (0: empty). */
  protected abstract step(settings: () => Promise<Settings>): Promise<number>;

  /** The organisation settings, read once per drain (a change to them queues its own recompute). */
  protected abstract readSettings(): Promise<Settings>;

  /** How much is queued, in the worker's own unit (queue rows; for the workload, responder windows). */
  abstract pendingWork(): Promise<number>;

  /**
   * Before a report is read: when only a little is queued (what one ingest batch or a settings change
   * of a small organisation queues), it is processed first, so an idle server answers with everything
   * accepted; a backlog (a bulk backfill) is left to the background worker and the report answers from
   * the derived data as it is.
   */
  async catchUp(): Promise<void> {
    const pending = await this.pendingWork();
    if (pending > 0 && pending <= this.catchUpLimit) await this.drain();
  }

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
        .catch((error: unknown) => this.logger.warn({ err: error }, `${this.name}: recompute failed; will retry`))
        .finally(() => this.schedule(POLL_MS));
    }, delayMs);
    this.timer.unref();
  }

  /** Processes everything queued; resolves with the number of queue rows handled. */
  drain(): Promise<number> {
    this.draining ??= this.drainAll().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drainAll(): Promise<number> {
    let handled = 0;
    let settings: Promise<Settings> | undefined;
    const readOnce = () => (settings ??= this.readSettings());
    while (!this.stopped) {
      const n = await this.step(readOnce);
      if (n === 0) return handled;
      handled += n;
    }
    return handled;
  }
}
