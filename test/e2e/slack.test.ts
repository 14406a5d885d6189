import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chatWaitingResponseSchema, incidentDetailSchema, responderDetailSchema } from '@firewatch/shared';
import { createTestApp, createToken, type TestApp } from '../support/app.js';
import { PROJECT_ROOT } from '../support/server.js';
import { derivedDataSettled } from '../support/derived-data.js';

/**
 * Slack as responder activity, end to end: signed Events API deliveries built from Slack's documented
 * payloads (test/fixtures/slack), the mapping of channels and users through the batch API and CSV, the
 * waiting messages, workload minutes (SPEC §2.1: 10-min credit, gaps ≤ 20 min bridged) and the export
 * import CLI. The org time zone is UTC, so every instant below is also its own clock time.
 */

const SECRET = 'slack-test-signing-secret';
// A Svix secret is `whsec_` + base64 of the key bytes (incident.io signs its webhooks with Svix).
const INCIDENT_IO_KEY = Buffer.from('incident-io-test-key-0123456789ab');
const KIM = 'U0KIMAAAAA';
const LEE = 'U0LEEBBBBB';
const INC_42_CHANNEL = 'C0INC42XYZ';
const INC_43_CHANNEL = 'C0INC43XYZ';

const run = promisify(execFile);
const fixture = (name: string) => JSON.parse(readFileSync(join(PROJECT_ROOT, 'test/fixtures/slack', name), 'utf8'));
/** Seconds since the epoch as Slack's message ts. */
const tsOf = (iso: string, micros = 0) => `${Date.parse(iso) / 1000}.${String(micros).padStart(6, '0')}`;

let t: TestApp;
let ds: DataSource;
let ingestToken: string;
let readToken: string;
let eventSeq = 0;

beforeAll(async () => {
  t = await createTestApp(inject('pgAdminUrl'), { SLACK_SIGNING_SECRET: SECRET, INCIDENT_IO_WEBHOOK_SECRET: `whsec_${INCIDENT_IO_KEY.toString('base64')}` });
  ds = t.app.get(DataSource);
  ingestToken = await createToken(t, ['ingest']);
  readToken = await createToken(t, ['read']);
});
afterAll(async () => t?.close());

const http = () => request(t.app.getHttpServer());
const sign = (timestamp: string, body: string, secret = SECRET) => `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
const now = () => String(Math.floor(Date.now() / 1000));

/** Posts a body to the Slack webhook, signed now unless told otherwise. */
function deliver(body: string, { timestamp = now(), signature = sign(timestamp, body), retry }: { timestamp?: string; signature?: string; retry?: number } = {}) {
  const req = http().post('/api/v1/webhooks/slack').set('Content-Type', 'application/json').set('X-Slack-Request-Timestamp', timestamp).set('X-Slack-Signature', signature);
  if (retry !== undefined) req.set('X-Slack-Retry-Num', String(retry)).set('X-Slack-Retry-Reason', 'http_timeout');
  return req.send(body);
}

/** The documented `message.json` delivery with this channel, author, time and event id. */
function messageEvent(channel: string, user: string, at: string, extra: Record<string, unknown> = {}, eventId = `Ev0TEST${++eventSeq}`): string {
  const body = fixture('message.json');
  const ts = tsOf(at);
  Object.assign(body.event, { channel, user, ts, event_ts: ts, ...extra });
  body.event_id = eventId;
  body.event_time = Date.parse(at) / 1000;
  return JSON.stringify(body);
}

const ingest = (kind: string, items: object[]) => http().post(`/api/v1/ingest/${kind}`).set('Authorization', `Bearer ${ingestToken}`).send({ items });
const read = (path: string) => http().get(path).set('Authorization', `Bearer ${readToken}`);
const count = async (table: string): Promise<number> => (await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
const slackActivity = () => count(`activity WHERE source = 'slack'`);
const waiting = async () => chatWaitingResponseSchema.parse((await read('/api/v1/chat/waiting').expect(200)).body);

async function incidentWorkload(externalId: string) {
  await derivedDataSettled(ds);
  const detail = incidentDetailSchema.parse((await read(`/api/v1/incidents/${externalId}`).expect(200)).body);
  return { total: detail.workload.totalMinutes, byResponder: Object.fromEntries(detail.workload.responders.map((r) => [r.externalId, r.minutes])) };
}

describe('POST /api/v1/webhooks/slack', () => {
  it('answers url_verification with its challenge, once signed', async () => {
    const body = JSON.stringify(fixture('url-verification.json'));
    expect((await deliver(body).expect(200)).body).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    await deliver(body, { signature: sign(now(), body, 'not-the-secret') }).expect(401);
  });

  it('maps the incident channel and responder through the batch API and returns the new fields', async () => {
    await ingest('responders', [{ externalId: 'r-kim', name: 'Kim Park', email: 'kim@example.com', chatUserId: KIM }]).expect(200);
    await ingest('incidents', [
      { externalId: 'inc-42', title: 'Checkout down', severity: 2, declaredAt: '2026-03-02T10:00:00Z', chatChannelId: INC_42_CHANNEL },
    ]).expect(200);
    expect(incidentDetailSchema.parse((await read('/api/v1/incidents/inc-42').expect(200)).body).chatChannelId).toBe(INC_42_CHANNEL);
    expect(responderDetailSchema.parse((await read('/api/v1/responders/r-kim').expect(200)).body).chatUserId).toBe(KIM);
    // A chat id is checked like any field: 400 naming it, nothing written.
    const bad = await ingest('incidents', [{ externalId: 'inc-x', title: 'x', severity: 3, declaredAt: '2026-03-02T10:00:00Z', chatChannelId: '#incident-x' }]).expect(400);
    expect(bad.body.details).toEqual([{ index: 0, path: 'chatChannelId', message: 'must be a chat id such as C024BE91L or U024BE7LH (upper-case letters and digits)' }]);
  });

  it("turns a mapped person's messages into activity: thread replies yes, bots and joins no", async () => {
    await deliver(messageEvent(INC_42_CHANNEL, KIM, '2026-03-02T10:11:00Z')).expect(200);
    // A reply in the thread of the 10:11 message.
    await deliver(messageEvent(INC_42_CHANNEL, KIM, '2026-03-02T10:15:00Z', { thread_ts: tsOf('2026-03-02T10:11:00Z') })).expect(200);
    // A bot at 10:30 and Kim re-joining at 10:40 would bridge 10:15 → 10:50 if they counted.
    const bot = fixture('bot-message.json');
    Object.assign(bot.event, { channel: INC_42_CHANNEL, ts: tsOf('2026-03-02T10:30:00Z') });
    expect((await deliver(JSON.stringify(bot)).expect(202)).body).toEqual({ ignored: "message subtype bot_message is not a person's message" });
    const join = fixture('channel-join.json');
    Object.assign(join.event, { channel: INC_42_CHANNEL, user: KIM, ts: tsOf('2026-03-02T10:40:00Z') });
    await deliver(JSON.stringify(join)).expect(202);
    const last = await deliver(messageEvent(INC_42_CHANNEL, KIM, '2026-03-02T10:50:00Z', {}, 'Ev0KIM1050')).expect(200);
    expect(last.body).toEqual({ messages: 1, deleted: 0, activity: 1 });

    expect(await slackActivity()).toBe(3);
    const rows = await ds.query(`SELECT external_id, kind FROM activity WHERE source = 'slack' ORDER BY at`);
    expect(rows[0]).toEqual({ external_id: `${INC_42_CHANNEL}-${tsOf('2026-03-02T10:11:00Z')}`, kind: 'message' });
    expect(await incidentWorkload('inc-42')).toEqual({
      total: 24, // 10:11 and 10:15 → [10:11, 10:25) = 14; 10:50 is 35 min after 10:15, so + 10 → 24
      byResponder: { 'r-kim': 24 },
    });
  });

  it('applies a retried delivery (same event_id) once', async () => {
    const body = messageEvent(INC_42_CHANNEL, KIM, '2026-03-02T10:50:00Z', {}, 'Ev0KIM1050');
    expect((await deliver(body, { retry: 1 }).expect(200)).body).toEqual({ messages: 0, deleted: 0, activity: 0, duplicateDelivery: true });
    expect(await slackActivity()).toBe(3);
  });

  it('refuses a bad or replayed signature with 401 and writes nothing', async () => {
    const before = [await count('chat_messages'), await count('webhook_deliveries'), await count('activity')];
    const body = messageEvent(INC_42_CHANNEL, KIM, '2026-03-02T11:00:00Z');
    const tampered = body.replace(KIM, LEE);
    await deliver(tampered, { signature: sign(now(), body) }).expect(401);
    await deliver(body, { signature: sign(now(), body, 'another-secret') }).expect(401);
    // A captured delivery replayed 6 minutes later: its signature is right, its timestamp stale.
    const captured = String(Math.floor(Date.now() / 1000) - 6 * 60);
    const replay = await deliver(body, { timestamp: captured, signature: sign(captured, body) }).expect(401);
    expect(replay.body.message).toBe('Signature rejected: X-Slack-Request-Timestamp is more than 5 minutes old.');
    await http().post('/api/v1/webhooks/slack').set('Content-Type', 'application/json').send(body).expect(401);
    expect([await count('chat_messages'), await count('webhook_deliveries'), await count('activity')]).toEqual(before);
  });

  it('answers 400 naming the problems of a malformed payload, writing nothing', async () => {
    const before = await count('chat_messages');
    const res = await deliver(JSON.stringify(fixture('malformed.json'))).expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path)).toEqual(['event.channel', 'event.ts']);
    expect(await count('chat_messages')).toBe(before);
  });

  it('keeps messages of an unmapped user, shows them waiting, and attributes them when the responder arrives by CSV', async () => {
    await deliver(messageEvent(INC_42_CHANNEL, LEE, '2026-03-02T10:20:00Z')).expect(200);
    await deliver(messageEvent(INC_42_CHANNEL, LEE, '2026-03-02T10:25:00Z')).expect(200);
    const shown = await waiting();
    expect(shown).toEqual({
      messages: 2,
      users: [{ chatUserId: LEE, messages: 2, firstAt: '2026-03-02T10:20:00.000Z', lastAt: '2026-03-02T10:25:00.000Z', responder: null }],
      channels: [{ chatChannelId: INC_42_CHANNEL, messages: 2, firstAt: '2026-03-02T10:20:00.000Z', lastAt: '2026-03-02T10:25:00.000Z', incident: 'inc-42' }],
    });

    const csv = `externalId,name,email,chatUserId\nr-lee,Lee Chan,lee@example.com,${LEE}\n`;
    const imported = await http().post('/api/v1/import/responders').set('Authorization', `Bearer ${ingestToken}`).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(imported.body).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(responderDetailSchema.parse((await read('/api/v1/responders/r-lee').expect(200)).body).chatUserId).toBe(LEE);
    expect((await waiting()).messages).toBe(0);
    expect(await incidentWorkload('inc-42')).toEqual({
      total: 39, // Kim 24 (above) + Lee 15: 10:20 and 10:25 → [10:20, 10:35)
      byResponder: { 'r-kim': 24, 'r-lee': 15 },
    });
  });

  it('keeps messages of a channel no incident names, until an incident imported by CSV names it', async () => {
    await deliver(messageEvent(INC_43_CHANNEL, KIM, '2026-03-03T09:00:00Z')).expect(200);
    expect((await waiting()).channels).toEqual([
      { chatChannelId: INC_43_CHANNEL, messages: 1, firstAt: '2026-03-03T09:00:00.000Z', lastAt: '2026-03-03T09:00:00.000Z', incident: null },
    ]);
    // This time the mapping comes by CSV import: the column is the field's name.
    const csv = `externalId,title,severity,declaredAt,chatChannelId\ninc-43,Search slow,3,2026-03-03T08:55:00Z,${INC_43_CHANNEL}\n`;
    await http().post('/api/v1/import/incidents').set('Authorization', `Bearer ${ingestToken}`).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(incidentDetailSchema.parse((await read('/api/v1/incidents/inc-43').expect(200)).body).chatChannelId).toBe(INC_43_CHANNEL);
    expect((await waiting()).messages).toBe(0);
    expect(await incidentWorkload('inc-43')).toEqual({ total: 10, byResponder: { 'r-kim': 10 } }); // one message: [09:00, 09:10)
  });

  it('a channel several incidents name: a message belongs to the latest declared at or before it, else the earliest', async () => {
    await ingest('incidents', [
      { externalId: 'inc-50', title: 'Queue backlog', severity: 3, declaredAt: '2026-03-05T09:00:00Z', chatChannelId: 'C0REUSED01' },
      { externalId: 'inc-51', title: 'Queue backlog again', severity: 3, declaredAt: '2026-03-05T12:00:00Z', chatChannelId: 'C0REUSED01' },
    ]).expect(200);
    for (const at of ['2026-03-05T08:50:00Z', '2026-03-05T10:00:00Z', '2026-03-05T12:30:00Z']) await deliver(messageEvent('C0REUSED01', KIM, at)).expect(200);
    const rows = await ds.query(
      `SELECT i.external_id AS incident, to_char(a.at AT TIME ZONE 'UTC', 'HH24:MI') AS at
         FROM activity a JOIN incidents i ON i.id = a.incident_id WHERE i.chat_channel_id = 'C0REUSED01' ORDER BY a.at`,
    );
    expect(rows).toEqual([
      { incident: 'inc-50', at: '08:50' }, // before both: the earliest declared
      { incident: 'inc-50', at: '10:00' }, // after inc-50 (09:00), before inc-51 (12:00)
      { incident: 'inc-51', at: '12:30' }, // after both: the latest declared before it
    ]);
  });

  it('attributes messages across sources: an incident and its lead from incident.io, the message from Slack', async () => {
    // incident.io's documented incident (test/fixtures/incident-io): channel C02AW36C1M5, lead Lisa = Slack U02AYNF2XJM.
    const body = readFileSync(join(PROJECT_ROOT, 'test/fixtures/incident-io/incident-created.json'), 'utf8');
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v1,${createHmac('sha256', INCIDENT_IO_KEY).update(`msg_slack_1.${timestamp}.${body}`).digest('base64')}`;
    await http()
      .post('/api/v1/webhooks/incident-io')
      .set('Content-Type', 'application/json')
      .set('webhook-id', 'msg_slack_1')
      .set('webhook-timestamp', String(timestamp))
      .set('webhook-signature', signature)
      .send(body)
      .expect(200);
    await deliver(messageEvent('C02AW36C1M5', 'U02AYNF2XJM', '2021-08-17T13:40:00Z')).expect(200);
    const [row] = await ds.query(
      `SELECT i.source AS incident_source, i.external_id AS incident, r.source AS responder_source, r.external_id AS responder
         FROM activity a JOIN incidents i ON i.id = a.incident_id JOIN responders r ON r.id = a.responder_id
        WHERE a.source = 'slack' AND a.external_id = $1`,
      [`C02AW36C1M5-${tsOf('2021-08-17T13:40:00Z')}`],
    );
    expect(row).toEqual({ incident_source: 'incident-io', incident: '01FDAG4SAP5TYPT98WGR2N7W91', responder_source: 'incident-io', responder: '01FCNDV6P870EA6S7TK1DSYDG0' });
  });

  it('a deleted message takes its activity with it; an edit changes nothing', async () => {
    const edited = fixture('message-changed.json');
    Object.assign(edited.event, { channel: INC_42_CHANNEL });
    edited.event.message.ts = tsOf('2026-03-02T10:50:00Z');
    await deliver(JSON.stringify(edited)).expect(202);
    const deleted = fixture('message-deleted.json');
    Object.assign(deleted.event, { channel: INC_42_CHANNEL, deleted_ts: tsOf('2026-03-02T10:50:00Z') });
    expect((await deliver(JSON.stringify(deleted)).expect(200)).body).toEqual({ messages: 0, deleted: 1, activity: 0 });
    expect(await incidentWorkload('inc-42')).toEqual({
      total: 29, // Kim 14 (10:11 and 10:15 → [10:11, 10:25); 10:50 deleted) + Lee 15
      byResponder: { 'r-kim': 14, 'r-lee': 15 },
    });
    const report = (await read('/api/v1/analytics/workload?from=2026-03-02&to=2026-03-04').expect(200)).body;
    expect(report.totals).toMatchObject({
      minutes: 39, // inc-42 29 + inc-43 10
      working: 39, // Mon 2 and Tue 3 March, 09:00–10:50 UTC: inside the default 08:00–19:00 working hours
      late: 0,
      sleeping: 0,
    });
  });
});

describe('npm run import:slack-export', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firewatch-slack-export-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function importExport(files: Record<string, unknown>): Promise<{ code: number; stdout: string; stderr: string }> {
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, value]) => [name, typeof value === 'string' ? strToU8(value) : strToU8(JSON.stringify(value, null, 2))])));
    const file = join(dir, `export-${Date.now()}.zip`);
    await writeFile(file, zip);
    try {
      const { stdout, stderr } = await run(process.execPath, [join(PROJECT_ROOT, 'apps/api/dist/cli/import-slack-export.js'), file], {
        env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'silent' },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  // Shapes of slack.com/help/articles/220556107: channel and user lists, one file per channel and day.
  const channels = [
    { id: 'C0INC44XYZ', name: 'inc-44-payments', created: 1772442000, creator: KIM, is_archived: false, is_general: false, members: [KIM, LEE], purpose: { value: 'Incident 44', creator: KIM, last_set: 1772442000 } },
    { id: INC_42_CHANNEL, name: 'inc-42-checkout-down', created: 1772445600, creator: KIM, is_archived: true, is_general: false, members: [KIM, LEE] },
  ];
  const users = [
    { id: KIM, team_id: 'T0FIREWTCH', name: 'kim', real_name: 'Kim Park', is_bot: false, profile: { email: 'kim@example.com', real_name: 'Kim Park' } },
    { id: LEE, team_id: 'T0FIREWTCH', name: 'lee', real_name: 'Lee Chan', is_bot: false, profile: { email: 'lee@example.com', real_name: 'Lee Chan' } },
  ];
  const msg = (user: string, at: string, extra: object = {}) => ({ type: 'message', user, text: 'on it', ts: tsOf(at), team: 'T0FIREWTCH', ...extra });

  it('refuses an export with a malformed file, naming the file and line, and writes nothing', async () => {
    const before = [await count('chat_messages'), await count('activity')];
    const result = await importExport({
      'channels.json': channels,
      'users.json': users,
      'inc-44-payments/2026-03-04.json': [msg(KIM, '2026-03-04T14:00:00Z')],
      // Line 3 ends without the comma before "ts".
      'inc-44-payments/2026-03-05.json': `[\n  { "type": "message", "user": "${KIM}",\n    "text": "missing comma"\n    "ts": "1772719200.000100" }\n]\n`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("inc-44-payments/2026-03-05.json:4:5: Expected ',' or '}' after property value");
    expect(result.stderr).toContain('nothing was written');
    expect([await count('chat_messages'), await count('activity')]).toEqual(before);
  });

  it('imports the history the same way: attributed, de-duplicated against the Events API, bots skipped', async () => {
    await ingest('incidents', [{ externalId: 'inc-44', title: 'Payments errors', severity: 2, declaredAt: '2026-03-04T13:55:00Z', chatChannelId: 'C0INC44XYZ' }]).expect(200);
    const result = await importExport({
      'channels.json': channels,
      'users.json': users,
      'inc-44-payments/2026-03-04.json': [
        { type: 'message', subtype: 'channel_join', user: LEE, text: `<@${LEE}> has joined the channel`, ts: tsOf('2026-03-04T13:58:00Z') },
        msg(KIM, '2026-03-04T14:00:00Z'),
        msg(LEE, '2026-03-04T14:03:00Z', { thread_ts: tsOf('2026-03-04T14:00:00Z'), parent_user_id: KIM }),
        msg(KIM, '2026-03-04T14:18:00Z'),
        { type: 'message', subtype: 'bot_message', bot_id: 'B0PAGERBOT', username: 'pager', text: 'resolved', ts: tsOf('2026-03-04T14:30:00Z') },
      ],
      // Both already delivered by the Events API: stored once, nothing new.
      'inc-42-checkout-down/2026-03-02.json': [msg(KIM, '2026-03-02T10:11:00Z'), msg(KIM, '2026-03-02T10:15:00Z')],
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2 daily files, 5 people's messages \(2 from bots or about joins and leaves skipped\); 3 new, 3 became activity\./);
    expect(await incidentWorkload('inc-44')).toEqual({
      total: 38, // Kim 14:00 and 14:18 (18 min gap, bridged) → [14:00, 14:28) = 28; Lee 14:03 → [14:03, 14:13) = 10
      byResponder: { 'r-kim': 28, 'r-lee': 10 },
    });
    expect((await incidentWorkload('inc-42')).total).toBe(29); // unchanged: the export's two messages were stored already
  });
});
