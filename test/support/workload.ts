import pg from 'pg';
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

/**
 * Waits until a server started with the demo has turned the demo's activity into workload (its
 * background queue works after the server listens), reading the database at `url` directly.
 */
export async function demoWorkloadComputed(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const deadline = Date.now() + 100_000; Date.now() < deadline; ) {
      const [row] = (await client.query(`SELECT (SELECT count(*) FROM workload_queue)::int AS queued, (SELECT count(*) FROM work_segments)::int AS segments`)).rows;
      if (row.queued === 0 && row.segments > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('the demo workload was not computed within 100 s');
  } finally {
    await client.end();
  }
}
