import type { DataSource } from 'typeorm';

/**
 * The app's workers keep the derived data current in the background (polling every second): the
 * workload (`workload_queue`) and the noise facts (`noise_queue`). This waits until both have nothing
 * left, so stored workload and facts reflect everything ingested so far and a test's own rebuild never
 * writes the same rows at the same time.
 */
export async function derivedDataSettled(ds: DataSource): Promise<void> {
  const queues: Array<{ name: string }> = await ds.query(
    `SELECT q AS name FROM unnest(ARRAY['workload_queue', 'noise_queue']) AS q WHERE to_regclass(q) IS NOT NULL`,
  );
  for (let i = 0; i < 600; i++) {
    const pending = await Promise.all(queues.map(async ({ name }) => (await ds.query(`SELECT count(*)::int AS n FROM ${name}`))[0].n as number));
    if (pending.every((n) => n === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the workload and noise queues did not drain within 60 s');
}

/**
 * A report read behind a backlog its catch-up leaves to the worker: while the advisory lock `lock`
 * (the one the worker takes first) is held here, as a busy worker or a rebuild would hold it,
 * `enqueue` queues changes dated 30 s ago, and `check` is given what `read` answers then. The lock is
 * released afterwards and `read` repeated until the report says nothing is queued (20 s at most).
 */
export async function checkBehindBacklog<T extends { freshness: { queuedChanges: number } }>(
  ds: DataSource,
  lock: readonly [number, number],
  enqueue: string,
  read: () => Promise<T>,
  check: (behind: T) => void,
): Promise<void> {
  const holder = ds.createQueryRunner();
  await holder.connect();
  await holder.query(`SELECT pg_advisory_lock($1, $2)`, [...lock]);
  try {
    await ds.query(enqueue);
    check(await read());
  } finally {
    await holder.query(`SELECT pg_advisory_unlock($1, $2)`, [...lock]);
    await holder.release();
  }
  for (const deadline = Date.now() + 20_000; (await read()).freshness.queuedChanges > 0; ) {
    if (Date.now() > deadline) throw new Error('the backlog was not processed');
    await new Promise((r) => setTimeout(r, 100));
  }
}
