import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../apps/api/src/database/embedded-postgres.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { postgresProcessesIn, runToExit, startServer } from '../support/server.js';

describe('the built API process (node apps/api/dist/main.js, as npm start runs it)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'firewatch-e2e-data-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts the embedded PostgreSQL, is ready, and leaves no postgres process after SIGTERM', async () => {
    const server = await startServer({ FIREWATCH_DATA_DIR: dataDir });
    expect(postgresProcessesIn(dataDir).length).toBeGreaterThan(0);
    const ready = await fetch(`${server.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'up', pendingMigrations: [] });
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', auth: 'off' });
    expect(server.output()).toContain('creating the embedded PostgreSQL cluster');
    expect(server.output()).toMatch(/authentication is OFF/);

    const teams = await fetch(`${server.url}/api/v1/teams`);
    expect(teams.status).toBe(200);

    expect(await server.stop('SIGTERM')).toBe(0);
    expect(postgresProcessesIn(dataDir)).toEqual([]);
  });

  it('reuses the data directory on the next start (no new cluster, data kept)', async () => {
    const first = await startServer({ FIREWATCH_DATA_DIR: dataDir });
    // Write through SQL to the embedded database, using the credentials the data directory keeps.
    const creds = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8'));
    const client = new pg.Client({ host: '127.0.0.1', port: embeddedPort(dataDir), user: creds.user, password: creds.password, database: 'firewatch' });
    await client.connect();
    await client.query(`INSERT INTO teams (source, external_id, name) VALUES ('api', 'kept', 'Kept team')`);
    await client.end();
    expect(first.output()).not.toContain('creating the embedded PostgreSQL cluster');
    expect(await first.stop('SIGINT')).toBe(0);
    expect(postgresProcessesIn(dataDir)).toEqual([]);

    const second = await startServer({ FIREWATCH_DATA_DIR: dataDir });
    expect(second.output()).not.toContain('creating the embedded PostgreSQL cluster');
    const body = await (await fetch(`${second.url}/api/v1/teams`)).json();
    expect(body).toEqual({ items: [{ externalId: 'kept', name: 'Kept team' }] });
    expect(await second.stop()).toBe(0);
    expect(postgresProcessesIn(dataDir)).toEqual([]);
  });

  it('recovers the data directory after the API was killed with SIGKILL (orphaned postgres is stopped)', async () => {
    const first = await startServer({ FIREWATCH_DATA_DIR: dataDir });
    await first.stop('SIGKILL');
    const second = await startServer({ FIREWATCH_DATA_DIR: dataDir });
    expect(second.output()).toContain('left running by a previous process');
    expect((await fetch(`${second.url}/api/health/ready`)).status).toBe(200);
    expect(await second.stop()).toBe(0);
    expect(postgresProcessesIn(dataDir)).toEqual([]);
  });

  describe('with DATABASE_URL', () => {
    let db: TestDatabase;
    let emptyDir: string;
    beforeAll(async () => {
      db = await createTestDatabase(inject('pgAdminUrl'));
      emptyDir = await mkdtemp(join(tmpdir(), 'firewatch-e2e-unused-'));
    });
    afterAll(async () => {
      await db.drop();
      await rm(emptyDir, { recursive: true, force: true });
    });

    it('uses that PostgreSQL, starts no embedded server, and turns auth on by default', async () => {
      const server = await startServer({ DATABASE_URL: db.url, FIREWATCH_DATA_DIR: emptyDir });
      expect(postgresProcessesIn(emptyDir)).toEqual([]);
      expect(server.output()).toContain('using the PostgreSQL of DATABASE_URL');
      expect(server.output()).not.toContain(db.url.split('@')[0]); // the password is never logged
      expect(await (await fetch(`${server.url}/api/health`)).json()).toMatchObject({ auth: 'on' });
      expect(await server.stop()).toBe(0);
    });
  });

  describe('refuses bad configuration with one clear line and a non-zero exit', () => {
    it.each([
      [{ PORT: 'abc' }, /^firewatch: Invalid configuration: PORT must be an integer port number 1–65535 \(got "abc"\)\n$/],
      [{ PORT: '70000' }, /^firewatch: Invalid configuration: PORT must be 1–65535 \(got "70000"\)\n$/],
      [{ DATABASE_URL: 'mysql://x' }, /^firewatch: Invalid configuration: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
      [{ FIREWATCH_DEMO: 'maybe' }, /^firewatch: Invalid configuration: FIREWATCH_DEMO must be "on" or "off" \(got "maybe"\)\n$/],
      [{ FIREWATCH_AUTH: 'yes' }, /^firewatch: Invalid configuration: FIREWATCH_AUTH must be "on" or "off"/],
    ])('%o', async (env, message) => {
      const result = await runToExit(env);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    });

    it('an occupied port', async () => {
      const port = await freePort();
      const blocker: Server = createServer();
      await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
      try {
        const result = await runToExit({ PORT: String(port), FIREWATCH_DATA_DIR: dataDir });
        expect(result.code).toBe(1);
        expect(result.stderr).toBe(`firewatch: port ${port} on 127.0.0.1 is already in use; stop the other process or set PORT to a free port\n`);
        expect(postgresProcessesIn(dataDir)).toEqual([]);
      } finally {
        blocker.close();
      }
    });
  });
});

/** The port of the embedded postgres serving `dataDir`, read from its command line. */
function embeddedPort(dataDir: string): number {
  const [pid] = postgresProcessesIn(dataDir);
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  return Number(args[args.indexOf('-p') + 1]);
}
