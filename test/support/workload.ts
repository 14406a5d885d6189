import type { DataSource } from 'typeorm';

/**
 * The app's workload worker recomputes queued windows in the background (polling every second);
 * this waits until it has nothing left, so stored workload reflects everything ingested so far and a
 * test's own rebuild never writes the same responder's segments at the same time.
 */
export async function workloadQueueSettled(ds: DataSource): Promise<void> {
  const [{ queued }] = await ds.query(`SELECT to_regclass('workload_queue') IS NOT NULL AS queued`);
  if (!queued) return;
  for (let i = 0; i < 600; i++) {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM workload_queue`);
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('workload queue did not drain within 60 s');
}
