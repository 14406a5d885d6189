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
