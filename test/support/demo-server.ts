import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { embeddedDatabaseUrl, startServer } from './server.js';

export interface DemoServer {
  url: string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/**
 * The built app as `npm start` serves it, on the demo organisation: the embedded database in a
 * temporary data directory (auth off, which loopback and the embedded database allow), the demo
 * loaded before the server listens, and its workload computed (the background queue works after
 * the server listens, so this waits for it).
 */
export async function startDemoServer(name: string): Promise<DemoServer> {
  const dataDir = await mkdtemp(join(tmpdir(), `firewatch-${name}-`));
  const remove = () => rm(dataDir, { recursive: true, force: true });
  try {
    const server = await startServer({ FIREWATCH_AUTH: 'off', FIREWATCH_DEMO: 'on', FIREWATCH_DATA_DIR: dataDir }, 110_000);
    try {
      await demoWorkloadComputed(embeddedDatabaseUrl(dataDir));
    } catch (error) {
      await server.stop();
      throw error;
    }
    return {
      url: server.url,
      async stop() {
        await server.stop();
        await remove();
      },
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Waits until the queue of workload recomputes is empty and segments exist, reading the database at `url`. */
async function demoWorkloadComputed(url: string): Promise<void> {
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
