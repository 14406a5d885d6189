import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { embeddedDatabaseUrl, startServer, type RunningServer } from './server.js';

/**
 * The built app serving the demo organisation exactly as `npm start` with FIREWATCH_DEMO=on serves
 * it: loopback and the embedded database in its own data directory, so auth can be off.
 */
export interface DemoServer {
  url: string;
  /** The embedded database, to add a token or inspect data from a test. */
  databaseUrl: string;
  stop(): Promise<void>;
}

/** The demo's activity is turned into workload by the background queue after the server listens: wait for it. */
async function workloadComputed(url: string): Promise<void> {
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

/** Starts the demo server on a fresh embedded database and returns once its workload is computed. */
export async function startDemoServer(name: string): Promise<DemoServer> {
  const dataDir = await mkdtemp(join(tmpdir(), `firewatch-${name}-`));
  let server: RunningServer | undefined;
  let databaseUrl = '';
  const stop = async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    server = await startServer({ FIREWATCH_AUTH: 'off', FIREWATCH_DEMO: 'on', FIREWATCH_DATA_DIR: dataDir }, 110_000);
    databaseUrl = embeddedDatabaseUrl(dataDir);
    await workloadComputed(databaseUrl);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: server.url, databaseUrl, stop };
}
