import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@firewatch/api/database/embedded-postgres.js';
import type { Cleanup } from './cleanup.js';

/** The production build of the API, exactly what `npm start` runs. */
export const API_MAIN_JS = fileURLToPath(import.meta.resolve('@firewatch/api/main.js'));

const READY_POLL_MS = 10;
const STOP_TIMEOUT_MS = 30_000;

export interface ApiProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 of `GET /api/health/ready`. */
  readyMs: number;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM and wait for the exit; resolves with the milliseconds it took. Throws on a non-zero exit. */
  stop(): Promise<number>;
}

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  // Variables of the shell running the bench must not change what is measured.
  const { DATABASE_URL: _d, FIREWATCH_DATA_DIR: _f, PORT: _p, HOST: _h, FIREWATCH_AUTH: _a, NODE_OPTIONS: _n, ...rest } = process.env;
  return { ...rest, FIREWATCH_DEMO: 'off', LOG_LEVEL: 'warn', FIREWATCH_RATE_LIMIT: '1000000', ...env };
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Spawns the built API (`node apps/api/dist/main.js`) and waits until it is ready. The process is
 * registered with `cleanup`, so it is stopped even if the benchmark fails.
 */
export async function startApi(
  env: Record<string, string>,
  options: { cleanup: Cleanup; nodeFlags?: string[]; timeoutMs?: number },
): Promise<ApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), API_MAIN_JS], {
    env: childEnv({ PORT: String(port), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = waitForExit(child);

  const stopEarly = options.cleanup.defer(`stop the API (pid ${child.pid})`, async () => {
    const running = child.exitCode === null && child.signalCode === null;
    if (running) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const code = await exited.finally(() => clearTimeout(timer));
    if (code !== 0) {
      const how = running ? 'on SIGTERM' : 'before it was asked to stop';
      throw new Error(`the API (pid ${child.pid}) exited with ${code ?? child.signalCode} ${how}:\n${output}`);
    }
  });

  const deadline = started + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stopEarly().catch(() => undefined);
      throw new Error(`the API exited with ${child.exitCode} before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health/ready`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      await stopEarly().catch(() => undefined);
      throw new Error(`the API was not ready within ${options.timeoutMs ?? 120_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, READY_POLL_MS));
  }
  const readyMs = performance.now() - started;

  let stopping: Promise<number> | undefined;
  return {
    url,
    pid: child.pid!,
    readyMs,
    output: () => output,
    stop: () => {
      stopping ??= (async () => {
        const t0 = performance.now();
        await stopEarly();
        return performance.now() - t0;
      })();
      return stopping;
    },
  };
}
