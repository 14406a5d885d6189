import type { DataSource, EntityManager } from 'typeorm';
import type { Freshness } from '@firewatch/shared';

/** The durable queues that feed the derived data reports read: the workload (and its day rollup) and the noise facts. */
export type DerivedDataQueue = 'workload_queue' | 'noise_queue';

/** A worker keeping derived data current from its queue (`QueueWorker`). */
export interface DerivedDataWorker {
  readonly queue: DerivedDataQueue;
  catchUp(): Promise<void>;
}

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/**
 * How fresh an answer read from the derived data of `queues` is (SPEC §3): everything accepted before
 * the oldest change still queued is in it (read before the report's own rows, so that holds for them).
 */
export async function queryFreshness(db: Queryable, queues: readonly DerivedDataQueue[]): Promise<Freshness> {
  const union = queues.map((q) => `SELECT enqueued_at FROM ${q}`).join(' UNION ALL ');
  const [row]: Array<{ queued: number; oldest: Date | null; now: Date }> = await db.query(
    `SELECT count(*)::int AS queued, min(enqueued_at) AS oldest, now() AS now FROM (${union}) q`,
  );
  const { queued, oldest, now } = row!;
  return { asOf: (oldest ?? now).toISOString(), queuedChanges: queued, lagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0 };
}

/**
 * Before a report reads the derived data of `workers`: each processes what little is queued, then the
 * freshness of their queues is read, so the two always name the same queues.
 */
export async function caughtUpFreshness(db: Queryable, workers: readonly DerivedDataWorker[]): Promise<Freshness> {
  await Promise.all(workers.map((w) => w.catchUp()));
  return queryFreshness(db, workers.map((w) => w.queue));
}
