import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, startServer, type RunningServer } from '../support/server.js';

const run = promisify(execFile);
const CSV = join(PROJECT_ROOT, 'test/fixtures/csv');

let dataDir: string;
let server: RunningServer;

/** Runs a built CLI against the running server's embedded database; never throws. */
async function cli(script: 'token' | 'import', ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(PROJECT_ROOT, `apps/api/dist/cli/${script}.js`), ...args], {
      env: { ...process.env, DATABASE_URL: '', FIREWATCH_DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'firewatch-cli-'));
  server = await startServer({ FIREWATCH_DATA_DIR: dataDir });
});
afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run token (while the server runs on the same embedded database)', () => {
  it('creates a token shown once, lists it by prefix only, and revokes it', async () => {
    const created = await cli('token', 'create', '--name', 'ci-loader', '--scopes', 'ingest,read');
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^fw_[A-Za-z0-9_-]{43}$/);

    const ingest = (t: string) =>
      fetch(`${server.url}/api/v1/ingest/teams`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
        body: JSON.stringify({ items: [{ externalId: 'cli-team', name: 'CLI' }] }),
      });
    expect((await ingest(token)).status).toBe(200);

    const listed = await cli('token', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^1\tfw_\S{6}…\tci-loader\tingest,read\tactive\tlast used /m);
    expect(listed.stdout).not.toContain(token);

    expect((await cli('token', 'revoke', '1')).code).toBe(0);
    expect((await ingest(token)).status).toBe(401);
    // Revoking again, or an id that never existed, says so.
    expect((await cli('token', 'revoke', '1')).stderr).toBe('token: no active token with id 1\n');
    expect((await cli('token', 'revoke', '999')).code).toBe(2);
  });

  it('refuses unknown scopes and missing names with a usage message', async () => {
    const bad = await cli('token', 'create', '--name', 'x', '--scopes', 'admin');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('token: --scopes must list one or more of ingest, read (unknown: admin)\n');
    expect((await cli('token', 'create', '--scopes', 'read')).stderr).toContain('--name is required');
  });
});

describe('npm run import', () => {
  it('imports CSV files in reference order, and a re-import changes nothing', async () => {
    for (const [kind, n] of [['teams', 2], ['services', 3], ['responders', 3], ['incidents', 3], ['activity', 5]] as const) {
      const result = await cli('import', kind, join(CSV, `${kind}.csv`));
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`${join(CSV, `${kind}.csv`)}: ${n} created, 0 updated, 0 unchanged.\n`);
    }
    const again = await cli('import', 'incidents', join(CSV, 'incidents.csv'));
    expect(again.stdout).toContain('0 created, 0 updated, 3 unchanged');
  });

  it('reports a bad row by its line number and imports nothing', async () => {
    const result = await cli('import', 'incidents', join(CSV, 'incidents-bad-row.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('incidents-bad-row.csv:5: declaredAt must be an ISO 8601 date-time');
  });

  it('names an unreadable file and an unknown kind', async () => {
    expect((await cli('import', 'incidents', '/nonexistent.csv')).stderr).toBe('import: cannot read /nonexistent.csv: ENOENT\n');
    expect((await cli('import', 'widgets', join(CSV, 'teams.csv'))).stderr).toContain('usage: npm run import');
  });
});
