import { execFile, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { noiseResponseSchema } from '@firewatch/shared';
// The compiled API, like the app under test.
import { IngestService } from '@firewatch/api/ingest/ingest.service.js';
import { PagerDutyImportRepository } from '@firewatch/api/pagerduty-import/pagerduty-import.repository.js';
import { PagerDutyImportService, type PagerDutyImportOptions } from '@firewatch/api/pagerduty-import/pagerduty-import.service.js';
import { createTestApp, createToken, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { PROJECT_ROOT } from '../support/server.js';
import { BAD_TOKEN, GOOD_TOKEN, NO_INCIDENTS_TOKEN, startFakePagerDuty, type FakePagerDuty } from '../support/fake-pagerduty.js';

/**
 * `npm run import:pagerduty` and its dashboard API against a local HTTP server that answers like
 * PagerDuty's REST API v2 (test/support/fake-pagerduty.ts), from test/fixtures/pagerduty-rest/history.json
 * (built from the documented examples of PagerDuty's OpenAPI: team PQ9K7I8, service PIJ90N7, user
 * PXPGF42, incident PT4KHLK, log entries, on-calls). The server pages by 2 items, answers one 429 with
 * Retry-After, one 500, and cuts one page off half-way; its `until` is inclusive, so the incident
 * created exactly on a window bound is listed twice.
 */

const run = promisify(execFile);
const fixture = (name: string) => JSON.parse(readFileSync(join(PROJECT_ROOT, 'test/fixtures/pagerduty', name), 'utf8'));

const WEBHOOK_SECRET = 'pd-import-test-secret';
const SINCE = '2025-01-01';
const UNTIL = '2025-01-22'; // three 7-day windows: 01-01, 01-08, 01-15

/** Runs the built CLI against a database; never throws. */
async function cli(databaseUrl: string, env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(PROJECT_ROOT, 'apps/api/dist/cli/import-pagerduty.js'), ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Foreign keys of each imported table, dumped as the external id they point at. */
const DUMPED_TABLES: Array<[table: string, references: Record<string, string>]> = [
  ['teams', {}],
  ['services', { team_id: 'teams' }],
  ['responders', { team_id: 'teams' }],
  ['incidents', { team_id: 'teams' }],
  ['incident_services', { incident_id: 'incidents', service_id: 'services' }],
  ['incident_roles', { incident_id: 'incidents', responder_id: 'responders' }],
  ['alerts', { service_id: 'services', acknowledged_by_id: 'responders', incident_id: 'incidents' }],
  ['pages', { alert_id: 'alerts', responder_id: 'responders' }],
  ['shifts', { responder_id: 'responders' }],
  ['activity', { responder_id: 'responders', incident_id: 'incidents' }],
  ['import_cursors', {}],
  ['webhook_deliveries', {}],
];

/** Every row of the imported tables, without generated ids and timestamps, references as external ids. */
async function dump(ds: DataSource): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [table, references] of DUMPED_TABLES) {
    const columns = Object.keys(references);
    const refs = columns.map((c) => `'${c}', (SELECT r.external_id FROM ${references[c]} r WHERE r.id = t.${c})`);
    const rows: Array<{ row: unknown }> = await ds.query(
      `SELECT (to_jsonb(t) - ARRAY['id', 'updated_at', 'received_at', ${columns.map((c) => `'${c}'`).join(', ') || `''`}]::text[])
              ${refs.length ? `|| jsonb_build_object(${refs.join(', ')})` : ''} AS row
         FROM ${table} t`,
    );
    out[table] = rows.map((r) => JSON.stringify(r.row)).sort();
  }
  return out;
}

/** Deliveries of the PagerDuty webhook for PT4KHLK before any import: triggered (paging Earline), acknowledged by Ana. */
function webhookDeliveries(): Buffer[] {
  const service = { id: 'PIJ90N7', type: 'service_reference', summary: 'My Application Service' };
  const teams = [{ id: 'PQ9K7I8', type: 'team_reference', summary: 'Engineering' }];
  const earline = { id: 'PXPGF42', type: 'user_reference', summary: 'Earline Greenholt' };
  const ana = { id: 'PANARAM', type: 'user_reference', summary: 'Ana Ramos' };
  const asIncident = (name: string, occurredAt: string, agent: object, assignees: object[]) => {
    const body = fixture(name);
    body.event.occurred_at = occurredAt;
    body.event.agent = agent;
    Object.assign(body.event.data, { id: 'PT4KHLK', title: 'The server is on fire.', created_at: '2025-01-02T10:00:00Z', service, teams, assignees, priority: null, urgency: 'high' });
    return Buffer.from(JSON.stringify(body));
  };
  return [
    asIncident('incident-triggered.json', '2025-01-02T10:00:02Z', service, [earline]),
    asIncident('incident-acknowledged.json', '2025-01-02T10:07:01Z', ana, [ana]),
  ];
}

async function deliverWebhooks(t: TestApp): Promise<void> {
  for (const body of webhookDeliveries()) {
    await request(t.app.getHttpServer())
      .post('/api/v1/webhooks/pagerduty')
      .set('Content-Type', 'application/json')
      .set('X-PagerDuty-Signature', `v1=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`)
      // As a string, so supertest sends exactly the signed bytes.
      .send(body.toString('utf8'))
      .expect(200);
  }
}

describe('PagerDuty history import', () => {
  let pd: FakePagerDuty;
  let a: TestApp; // in-process: stopped after one window, resumed, then run again
  let b: TestApp; // the CLI process, uninterrupted
  let dsA: DataSource;
  const delays: number[] = [];

  const importer = (t: TestApp) => new PagerDutyImportService(t.app.get(IngestService), new PagerDutyImportRepository(t.app.get(DataSource)));
  const options = (more: Partial<PagerDutyImportOptions> = {}): PagerDutyImportOptions => ({
    since: new Date(`${SINCE}T00:00:00Z`),
    until: new Date(`${UNTIL}T00:00:00Z`),
    windowDays: 7,
    client: {
      baseUrl: pd.url,
      token: GOOD_TOKEN,
      // Record the waits instead of waiting.
      sleep: async (ms) => {
        delays.push(ms);
      },
    },
    ...more,
  });

  beforeAll(async () => {
    pd = await startFakePagerDuty();
    a = await createTestApp(inject('pgAdminUrl'), { PAGERDUTY_WEBHOOK_SECRET: WEBHOOK_SECRET });
    b = await createTestApp(inject('pgAdminUrl'), { PAGERDUTY_WEBHOOK_SECRET: WEBHOOK_SECRET });
    dsA = a.app.get(DataSource);
    await deliverWebhooks(a);
    await deliverWebhooks(b);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await pd?.close();
  });

  it('stops after a committed window and resumes there from the cursor, retrying the 429, the 500 and the cut-off page', async () => {
    const stop = new AbortController();
    const first = await importer(a).run(options({ signal: stop.signal, onProgress: (p) => p.windowsDone === 1 && stop.abort() }));
    expect(first).toMatchObject({ stopped: true, windowsDone: 1, windowsTotal: 3, incidents: 1 }); // PT4KHLK only; PBOUND1 (01-08 00:00) is the next window's
    expect(first.doneUntil).toBe('2025-01-08T00:00:00.000Z');
    const [cursor] = await dsA.query(`SELECT range_start, range_end, done_until FROM import_cursors WHERE source = 'pagerduty'`);
    expect(cursor).toEqual({ range_start: new Date('2025-01-01T00:00:00Z'), range_end: new Date('2025-01-22T00:00:00Z'), done_until: new Date('2025-01-08T00:00:00Z') });
    expect(await dsA.query(`SELECT external_id FROM incidents ORDER BY 1`)).toEqual([{ external_id: 'PT4KHLK' }]);

    const resumed = await importer(a).run(options());
    expect(resumed.resumedFrom).toBe('2025-01-08T00:00:00.000Z');
    expect(resumed).toMatchObject({ stopped: false, windowsDone: 2, windowsTotal: 2, incidents: 4 }); // PBOUND1, PQ2XPXU | PWZ8K3A, PCERT07
    expect(resumed.doneUntil).toBe('2025-01-22T00:00:00.000Z');

    // The 429's Retry-After (1 s), then the first backoff step (1 s) for the 500 and for the cut-off page.
    expect(delays).toEqual([1000, 1000, 1000]);
    expect(pd.requests.filter((r) => r.startsWith('/users?'))).toHaveLength(1 + 2 + 2); // the 429, 2 pages of 3 users, then the 2 pages again on resuming
    expect(pd.requests.filter((r) => r.startsWith('/incidents/PQ2XPXU/log_entries?') && r.includes('offset=0'))).toHaveLength(2); // the 500, then the answer
    expect(pd.requests.filter((r) => r.startsWith('/incidents/PWZ8K3A/log_entries?') && r.includes('offset=2'))).toHaveLength(2); // cut off, then whole
    expect(pd.requests.every((r) => !r.startsWith('/incidents?') || r.includes('time_zone=UTC'))).toBe(true);
  });

  it('stores each notification as a page with its channel, escalation level and reason, replacing the webhook-synthesised pages', async () => {
    const pages = await dsA.query(
      `SELECT a.external_id AS alert, r.external_id AS responder, to_char(p.at AT TIME ZONE 'UTC', 'MM-DD"T"HH24:MI:SS') AS at, p.channel, p.level, p.reason
         FROM pages p JOIN alerts a ON a.id = p.alert_id JOIN responders r ON r.id = p.responder_id
        ORDER BY p.at, r.external_id, p.channel`,
    );
    expect(pages).toEqual([
      // PT4KHLK: Earline on push and sms, escalated by timeout at 10:05 to Ana (level 2) on phone and email.
      { alert: 'PT4KHLK', responder: 'PXPGF42', at: '01-02T10:00:05', channel: 'push', level: 1, reason: 'initial' },
      { alert: 'PT4KHLK', responder: 'PXPGF42', at: '01-02T10:00:30', channel: 'sms', level: 1, reason: 'initial' },
      { alert: 'PT4KHLK', responder: 'PANARAM', at: '01-02T10:05:10', channel: 'email', level: 2, reason: 'timeout' },
      { alert: 'PT4KHLK', responder: 'PANARAM', at: '01-02T10:05:10', channel: 'phone', level: 2, reason: 'timeout' },
      { alert: 'PBOUND1', responder: 'PBENOKA', at: '01-08T00:00:10', channel: 'push', level: 1, reason: 'initial' },
      // PQ2XPXU: Ben called twice 80 s apart; Earline escalated it by hand to Ana.
      { alert: 'PQ2XPXU', responder: 'PBENOKA', at: '01-09T02:00:10', channel: 'phone', level: 1, reason: 'initial' },
      { alert: 'PQ2XPXU', responder: 'PBENOKA', at: '01-09T02:01:30', channel: 'phone', level: 1, reason: 'initial' },
      { alert: 'PQ2XPXU', responder: 'PANARAM', at: '01-09T02:10:05', channel: 'push', level: 2, reason: 'manual' },
      // PWZ8K3A: Earline reassigned it to Ben (level 1), Ben delegated it to another policy (its level 1: Ana), which escalated by timeout to Ben (level 2).
      { alert: 'PWZ8K3A', responder: 'PXPGF42', at: '01-16T14:00:05', channel: 'push', level: 1, reason: 'initial' },
      { alert: 'PWZ8K3A', responder: 'PBENOKA', at: '01-16T14:03:05', channel: 'sms', level: 1, reason: 'reassigned' },
      { alert: 'PWZ8K3A', responder: 'PANARAM', at: '01-16T14:10:10', channel: 'push', level: 1, reason: 'reassigned' },
      { alert: 'PWZ8K3A', responder: 'PBENOKA', at: '01-16T14:20:05', channel: 'push', level: 2, reason: 'timeout' },
      { alert: 'PCERT07', responder: 'PXPGF42', at: '01-17T09:00:05', channel: 'email', level: 1, reason: 'initial' },
    ]);
    // The webhook's page (`<eventId>:page:PXPGF42`, push at 10:00:02) and its page_ack activity are gone.
    expect(await dsA.query(`SELECT count(*)::int AS n FROM pages WHERE external_id LIKE '%:page:%'`)).toEqual([{ n: 0 }]);
    expect(await dsA.query(`SELECT count(*)::int AS n FROM activity WHERE external_id LIKE '%:activity'`)).toEqual([{ n: 0 }]);
  });

  it('sets acknowledgement and resolution from the log and records hand-done entries as activity', async () => {
    const alerts = await dsA.query(
      `SELECT a.external_id, a.acknowledged_at, r.external_id AS acknowledged_by, a.resolved_at, a.resolved_by, a.severity
         FROM alerts a LEFT JOIN responders r ON r.id = a.acknowledged_by_id ORDER BY a.fired_at`,
    );
    expect(alerts).toEqual([
      // The log's first acknowledgement (10:07:00) replaced the webhook's (10:07:01).
      { external_id: 'PT4KHLK', acknowledged_at: new Date('2025-01-02T10:07:00Z'), acknowledged_by: 'PANARAM', resolved_at: new Date('2025-01-02T10:45:00Z'), resolved_by: 'human', severity: 'high' },
      { external_id: 'PBOUND1', acknowledged_at: null, acknowledged_by: null, resolved_at: new Date('2025-01-08T00:04:00Z'), resolved_by: 'auto', severity: 'high' },
      { external_id: 'PQ2XPXU', acknowledged_at: null, acknowledged_by: null, resolved_at: new Date('2025-01-09T02:30:00Z'), resolved_by: 'auto', severity: 'low' },
      { external_id: 'PWZ8K3A', acknowledged_at: new Date('2025-01-16T14:22:00Z'), acknowledged_by: 'PBENOKA', resolved_at: new Date('2025-01-16T14:40:00Z'), resolved_by: 'human', severity: 'high' },
      { external_id: 'PCERT07', acknowledged_at: null, acknowledged_by: null, resolved_at: null, resolved_by: null, severity: 'low' }, // still triggered
    ]);
    const incidents = await dsA.query(`SELECT external_id, severity, acknowledged_at, resolved_at FROM incidents ORDER BY declared_at`);
    expect(incidents.map((i: { external_id: string; severity: number }) => [i.external_id, i.severity])).toEqual([
      ['PT4KHLK', 2], // priority P2
      ['PBOUND1', 2], // no priority, urgency high
      ['PQ2XPXU', 4], // no priority, urgency low
      ['PWZ8K3A', 3], // priority P3
      ['PCERT07', 4], // no priority, urgency low
    ]);
    const activity = await dsA.query(
      `SELECT i.external_id AS incident, r.external_id AS responder, to_char(x.at AT TIME ZONE 'UTC', 'MM-DD"T"HH24:MI') AS at, x.kind
         FROM activity x JOIN incidents i ON i.id = x.incident_id JOIN responders r ON r.id = x.responder_id ORDER BY x.at`,
    );
    expect(activity).toEqual([
      { incident: 'PT4KHLK', responder: 'PANARAM', at: '01-02T10:07', kind: 'page_ack' },
      { incident: 'PT4KHLK', responder: 'PANARAM', at: '01-02T10:20', kind: 'message' }, // the note
      { incident: 'PT4KHLK', responder: 'PANARAM', at: '01-02T10:45', kind: 'action' }, // resolved
      { incident: 'PQ2XPXU', responder: 'PXPGF42', at: '01-09T02:10', kind: 'action' }, // escalated by hand
      { incident: 'PWZ8K3A', responder: 'PXPGF42', at: '01-16T14:03', kind: 'action' }, // reassigned to Ben
      { incident: 'PWZ8K3A', responder: 'PBENOKA', at: '01-16T14:10', kind: 'action' }, // delegated
      { incident: 'PWZ8K3A', responder: 'PBENOKA', at: '01-16T14:22', kind: 'page_ack' },
      { incident: 'PWZ8K3A', responder: 'PBENOKA', at: '01-16T14:40', kind: 'action' }, // resolved
    ]);
    const shifts = await dsA.query(
      `SELECT r.external_id AS responder, s.rotation, s.level, s.start_at, s.end_at FROM shifts s JOIN responders r ON r.id = s.responder_id ORDER BY s.start_at, s.level`,
    );
    // The permanent on-call (Earline named directly in the database policy) has no period and is no shift.
    expect(shifts).toEqual([
      { responder: 'PXPGF42', rotation: 'Daily Engineering Rotation', level: 1, start_at: new Date('2024-12-30T09:00:00Z'), end_at: new Date('2025-01-06T09:00:00Z') },
      { responder: 'PANARAM', rotation: 'Daily Engineering Rotation', level: 2, start_at: new Date('2024-12-30T09:00:00Z'), end_at: new Date('2025-01-06T09:00:00Z') },
      { responder: 'PBENOKA', rotation: 'Database Rotation', level: 1, start_at: new Date('2025-01-06T09:00:00Z'), end_at: new Date('2025-01-13T09:00:00Z') },
      { responder: 'PXPGF42', rotation: 'Daily Engineering Rotation', level: 1, start_at: new Date('2025-01-13T09:00:00Z'), end_at: new Date('2025-01-20T09:00:00Z') },
    ]);
    expect(await dsA.query(`SELECT external_id, email, timezone FROM responders ORDER BY external_id`)).toEqual([
      { external_id: 'PANARAM', email: 'ana.ramos@example.com', timezone: 'Europe/Berlin' },
      { external_id: 'PBENOKA', email: 'ben.okafor@example.com', timezone: 'Etc/UTC' },
      { external_id: 'PXPGF42', email: '125.greenholt.earline@graham.name', timezone: 'America/Lima' },
    ]);
  });

  it('answers interruptions and escalation depth over the import as computed by hand', async () => {
    const readToken = await createToken(a, ['read']);
    const res = await request(a.app.getHttpServer())
      .get(`/api/v1/analytics/noise?from=${SINCE}&to=${UNTIL}`)
      .set('Authorization', `Bearer ${readToken}`)
      .expect(200);
    const noise = noiseResponseSchema.parse(res.body);
    expect(noise.totals).toMatchObject({
      fired: 5,
      escalated: 5, // every incident paged someone (PCERT07 by email only)
      pages: 13,
      // Phone/sms/push only, one per responder within 60 s of the opening page:
      // PT4KHLK: Earline push 10:00:05 + sms 10:00:30 (25 s) → 1, Ana phone → 1 (email never) = 2;
      // PBOUND1: Ben → 1; PQ2XPXU: Ben 02:00:10, Ben 02:01:30 (80 s: a second one), Ana → 3;
      // PWZ8K3A: Earline, Ben sms, Ana, Ben push 14:20 → 4; PCERT07: email → 0. 2 + 1 + 3 + 4 = 10.
      interruptions: 10,
      // Sleeping 23:00–08:00 on each one's clock: Earline 10:00:05Z = 05:00 in Lima; Ben (UTC) 00:00:10,
      // 02:00:10, 02:01:30; Ana 02:10:05Z = 03:10 in Berlin. 1 + 3 + 1 = 5.
      sleepingInterruptions: 5,
    });
    const byResponder = Object.fromEntries(noise.responders.map((r) => [r.externalId, [r.interruptions, r.sleepingInterruptions]]));
    expect(byResponder).toEqual({
      PXPGF42: [2, 1], // PT4KHLK (05:00 Lima, asleep), PWZ8K3A (09:00 Lima)
      PANARAM: [3, 1], // PT4KHLK, PQ2XPXU (03:10 Berlin, asleep), PWZ8K3A
      PBENOKA: [5, 3], // PBOUND1, PQ2XPXU ×2 (all at night UTC), PWZ8K3A ×2
    });
    expect(noise.escalation).toMatchObject({
      escalatedAlerts: 5,
      alertsReachingLevel2: 3, // PT4KHLK (timeout), PQ2XPXU (manual), PWZ8K3A (timeout at 14:20, after the delegation)
      alertsReachingLevel2Ratio: 0.6, // 3 ÷ 5
      incidents: 5,
      incidentsReachingLevel2: 3,
      incidentsReachingLevel2Ratio: 0.6,
    });
    expect(noise.escalation.byReason.timeout).toMatchObject({ alerts: 2, incidents: 2 }); // PT4KHLK, PWZ8K3A
    expect(noise.escalation.byReason.manual).toMatchObject({ alerts: 1, incidents: 1 }); // PQ2XPXU
    expect(noise.escalation.byReason.reassigned).toMatchObject({ alerts: 0, incidents: 0 }); // PWZ8K3A's reassignments stayed at level 1
  });

  it('the CLI, run once without interruption, ends with exactly the same rows as the stopped and resumed run', async () => {
    const pdForCli = await startFakePagerDuty(); // faults of its own: the CLI waits the real 1 s three times
    try {
      const result = await cli(b.db.url, { PAGERDUTY_API_TOKEN: GOOD_TOKEN, PAGERDUTY_API_URL: pdForCli.url }, '--since', SINCE, '--until', UNTIL);
      expect(result.stderr).toMatch(/^pagerduty: 3\/3 windows, up to 2025-01-22 · 5 incidents, 32 log entries, 13 pages, 6 shifts · [\d.]+ incidents\/s · \d+ requests, 3 retries$/m);
      expect(result.stderr).toContain('GET /users: 429 Too Many Requests; attempt 2 in 1.0 s');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^pagerduty: imported up to 2025-01-22T00:00:00\.000Z: 5 incidents, 13 pages, 8 activity, 6 shifts; .* 2 webhook rows replaced\.\n$/);
    } finally {
      await pdForCli.close();
    }
    const [dumpA, dumpB] = [await dump(dsA), await dump(b.app.get(DataSource))];
    expect(dumpA.pages).toHaveLength(13);
    expect(dumpB).toEqual(dumpA);
  });

  it('a CLI process killed in the middle of a window, then run again, ends with the same rows as one uninterrupted run', async () => {
    const c = await createTestApp(inject('pgAdminUrl'), { PAGERDUTY_WEBHOOK_SECRET: WEBHOOK_SECRET });
    // Never answers the second window's incidents: the first window is committed, the second in flight.
    const hanging = await startFakePagerDuty('/incidents?since=2025-01-08');
    try {
      await deliverWebhooks(c);
      const child = spawn(process.execPath, [join(PROJECT_ROOT, 'apps/api/dist/cli/import-pagerduty.js'), '--since', SINCE, '--until', UNTIL], {
        env: { ...process.env, DATABASE_URL: c.db.url, LOG_LEVEL: 'warn', PAGERDUTY_API_TOKEN: GOOD_TOKEN, PAGERDUTY_API_URL: hanging.url },
        stdio: 'ignore',
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await hanging.hung;
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const ds = c.app.get(DataSource);
      const [cursor] = await ds.query(`SELECT done_until FROM import_cursors`);
      expect(cursor.done_until).toEqual(new Date('2025-01-08T00:00:00Z'));

      const again = await cli(c.db.url, { PAGERDUTY_API_TOKEN: GOOD_TOKEN, PAGERDUTY_API_URL: pd.url }, '--since', SINCE, '--until', UNTIL);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/^pagerduty: imported up to 2025-01-22T00:00:00\.000Z \(resumed from 2025-01-08T00:00:00\.000Z\): 4 incidents,/);
      expect(await dump(ds)).toEqual(await dump(dsA));
    } finally {
      await hanging.close();
      await c.close();
    }
  });

  it('a second full run changes nothing and reports every record unchanged', async () => {
    const before = await dump(dsA);
    const again = await importer(a).run(options());
    expect(again.resumedFrom).toBeUndefined();
    expect(again).toMatchObject({ stopped: false, windowsDone: 3, incidents: 5, created: 0, updated: 0, replacedWebhookRows: 0 });
    expect(again.unchanged).toBeGreaterThan(0);
    expect(await dump(dsA)).toEqual(before);
  });

  it.each([
    [BAD_TOKEN, /^import:pagerduty: PagerDuty refused the API token \(401 Unauthorized on GET \/teams\) \(PagerDuty: "Unauthorized"\): check PAGERDUTY_API_TOKEN\.\n$/],
    [NO_INCIDENTS_TOKEN, /^import:pagerduty: The API token may not read GET \/incidents \(403 Forbidden\) \(PagerDuty: "Access Denied; The access level does not allow this action for this user\."\): use a read-only .*\n$/],
  ])('token %s: one clear line, exit 1, nothing written', async (token, message) => {
    const db = await createTestDatabase(inject('pgAdminUrl'));
    try {
      const result = await cli(db.url, { PAGERDUTY_API_TOKEN: token, PAGERDUTY_API_URL: pd.url }, '--since', SINCE, '--until', UNTIL);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query(
          `SELECT (SELECT count(*) FROM teams) + (SELECT count(*) FROM responders) + (SELECT count(*) FROM incidents) + (SELECT count(*) FROM import_cursors) AS n`,
        );
        expect(rows).toEqual([{ n: '0' }]);
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });

  it('refuses a missing --since or token with the usage (exit 2)', async () => {
    const noSince = await cli(b.db.url, { PAGERDUTY_API_TOKEN: GOOD_TOKEN, PAGERDUTY_API_URL: pd.url });
    expect(noSince.code).toBe(2);
    expect(noSince.stderr).toMatch(/^import:pagerduty: --since is required\nusage: npm run import:pagerduty/);
    const badDate = await cli(b.db.url, { PAGERDUTY_API_TOKEN: GOOD_TOKEN }, '--since', '2025-13-01');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/^import:pagerduty: --since must be a date \(2025-01-01\) or an ISO 8601 date-time with an offset \(got "2025-13-01"\)/);
    const noToken = await cli(b.db.url, { PAGERDUTY_API_TOKEN: '' }, '--since', SINCE);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/^import:pagerduty: PAGERDUTY_API_TOKEN is not set/);
  });
});

describe('PagerDuty history import from the dashboard (GET/POST /api/v1/pagerduty/import)', () => {
  let pd: FakePagerDuty;
  let t: TestApp;
  let ingestToken: string;
  let readToken: string;
  const http = () => request(t.app.getHttpServer());
  const status = async () => (await http().get('/api/v1/pagerduty/import').set('Authorization', `Bearer ${readToken}`).expect(200)).body;
  const start = (body: object) => http().post('/api/v1/pagerduty/import').set('Authorization', `Bearer ${ingestToken}`).send(body);

  /** The status once the run is no longer running (it waits the real 1 s of each retry). */
  async function finished(): Promise<any> {
    for (let i = 0; i < 300; i++) {
      const body = await status();
      if (body.state !== 'running') return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the import did not finish in 30 s');
  }

  beforeAll(async () => {
    pd = await startFakePagerDuty();
    t = await createTestApp(inject('pgAdminUrl'), { PAGERDUTY_API_TOKEN: GOOD_TOKEN, PAGERDUTY_API_URL: pd.url });
    ingestToken = await createToken(t, ['ingest']);
    readToken = await createToken(t, ['read']);
  });
  afterAll(async () => {
    await t?.close();
    await pd?.close();
  });

  it('starts a run in the background, refuses a second one while it runs, and reports its progress and end', async () => {
    expect(await status()).toMatchObject({ configured: true, state: 'idle', progress: null, error: null });

    const started = await start({ since: SINCE, until: UNTIL }).expect(200);
    expect(started.body).toMatchObject({ state: 'running', since: SINCE, until: UNTIL, error: null });
    const second = await start({ since: SINCE }).expect(409);
    expect(second.body.message).toBe(`A PagerDuty import is already running (since ${SINCE}); wait for it to finish.`);

    const done = await finished();
    expect(done).toMatchObject({
      state: 'done',
      error: null,
      progress: { windowsDone: 3, windowsTotal: 3, doneUntil: '2025-01-22T00:00:00.000Z', incidents: 5, pages: 13, activity: 8, retries: 3 },
    });
    expect(await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM pages`)).toEqual([{ n: 13 }]);
  });

  it('answers 400 naming each bad field, and writes nothing', async () => {
    const res = await start({ since: '2025-1-1', until: SINCE, token: 'x' }).expect(400);
    // A malformed since, an unknown field, and an until that is not after since ("2025-1-1" > "2025-01-01").
    expect(res.body.details.map((p: { path: string }) => p.path).sort()).toEqual(['since', 'token', 'until']);
    const reversed = await start({ since: UNTIL, until: SINCE }).expect(400);
    expect(reversed.body.details).toEqual([expect.objectContaining({ path: 'until', message: 'must be after since' })]);
    expect(await status()).toMatchObject({ state: 'done', since: SINCE }); // no run was started
  });

  it('reports a refused token as the run’s error', async () => {
    const refused = await createTestApp(inject('pgAdminUrl'), { PAGERDUTY_API_TOKEN: BAD_TOKEN, PAGERDUTY_API_URL: pd.url });
    try {
      const token = await createToken(refused, ['ingest', 'read']);
      const api = () => request(refused.app.getHttpServer());
      await api().post('/api/v1/pagerduty/import').set('Authorization', `Bearer ${token}`).send({ since: SINCE }).expect(200);
      let body: any;
      for (let i = 0; i < 100 && (body = (await api().get('/api/v1/pagerduty/import').set('Authorization', `Bearer ${token}`)).body).state === 'running'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(body).toMatchObject({ state: 'failed', error: expect.stringMatching(/^PagerDuty refused the API token \(401 Unauthorized on GET \/teams\)/) });
    } finally {
      await refused.close();
    }
  });

  it('a server shutting down cancels a run waiting on PagerDuty at once', async () => {
    const hanging = await startFakePagerDuty('/teams');
    const closing = await createTestApp(inject('pgAdminUrl'), { PAGERDUTY_API_TOKEN: GOOD_TOKEN, PAGERDUTY_API_URL: hanging.url });
    try {
      const token = await createToken(closing, ['ingest']);
      await request(closing.app.getHttpServer()).post('/api/v1/pagerduty/import').set('Authorization', `Bearer ${token}`).send({ since: SINCE }).expect(200);
      await hanging.hung;
      const started = Date.now();
      await closing.close(); // without the cancellation it would wait for the request's 60 s limit
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await hanging.close();
    }
  });

  it('answers 503 naming the variable when the server has no PagerDuty token', async () => {
    const unconfigured = await createTestApp(inject('pgAdminUrl'));
    try {
      const token = await createToken(unconfigured, ['ingest', 'read']);
      const api = () => request(unconfigured.app.getHttpServer());
      expect((await api().get('/api/v1/pagerduty/import').set('Authorization', `Bearer ${token}`).expect(200)).body).toMatchObject({ configured: false, state: 'idle' });
      const res = await api().post('/api/v1/pagerduty/import').set('Authorization', `Bearer ${token}`).send({ since: SINCE }).expect(503);
      expect(res.body.message).toBe('The PagerDuty import is not configured: set PAGERDUTY_API_TOKEN on the server to a read-only REST API key.');
    } finally {
      await unconfigured.close();
    }
  });
});
