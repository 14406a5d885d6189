import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, createToken, type TestApp } from '../support/app.js';
import { PROJECT_ROOT } from '../support/server.js';

const PD_SECRET = 'pd-test-secret';
// A Svix secret is `whsec_` + base64 of the key bytes.
const INCIDENT_IO_KEY = Buffer.from('incident-io-test-key-0123456789ab');
const INCIDENT_IO_SECRET = `whsec_${INCIDENT_IO_KEY.toString('base64')}`;

const fixture = (vendor: string, name: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures', vendor, name));
// superagent would JSON-encode a Buffer; the exact bytes go as a string (fixtures are UTF-8).
const bytes = (body: Buffer) => body.toString('utf8');

let t: TestApp;
let ds: DataSource;
beforeAll(async () => {
  t = await createTestApp(inject('pgAdminUrl'), { PAGERDUTY_WEBHOOK_SECRET: PD_SECRET, INCIDENT_IO_WEBHOOK_SECRET: INCIDENT_IO_SECRET });
  ds = t.app.get(DataSource);
});
afterAll(async () => t?.close());

const http = () => request(t.app.getHttpServer());

describe('PagerDuty Webhooks v3', () => {
  const sign = (body: Buffer, secret = PD_SECRET) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const deliver = (body: Buffer, signature = sign(body)) =>
    http().post('/api/v1/webhooks/pagerduty').set('Content-Type', 'application/json').set('X-PagerDuty-Signature', signature).send(bytes(body));

  it('stores a triggered incident as an incident, an alert linked to it, and a page', async () => {
    const res = await deliver(fixture('pagerduty', 'incident-triggered.json')).expect(200);
    expect(res.body.created).toBeGreaterThan(0);
    const [alert] = await ds.query(
      `SELECT a.rule, a.fired_at, i.external_id AS incident, i.severity, i.declared_at, s.external_id AS service
         FROM alerts a JOIN incidents i ON i.id = a.incident_id LEFT JOIN services s ON s.id = a.service_id
        WHERE a.source = 'pagerduty' AND a.external_id = 'PGR0VU2'`,
    );
    expect(alert).toMatchObject({ rule: 'A little bump in the road', incident: 'PGR0VU2' });
    expect(alert.declared_at.toISOString()).toBe('2020-04-09T15:16:27.000Z'); // PD created_at
    const pages = await ds.query(`SELECT reason, level FROM pages WHERE source = 'pagerduty'`);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages[0]).toEqual({ reason: 'initial', level: 1 });
  });

  it('applies acknowledged and resolved events to the same records (merge, not replace)', async () => {
    await deliver(fixture('pagerduty', 'incident-acknowledged.json')).expect(200);
    await deliver(fixture('pagerduty', 'incident-resolved.json')).expect(200);
    const [row] = await ds.query(
      `SELECT a.acknowledged_at, a.resolved_at, a.resolved_by, i.acknowledged_at AS inc_ack, i.resolved_at AS inc_resolved, i.title
         FROM alerts a JOIN incidents i ON i.id = a.incident_id WHERE a.external_id = 'PGR0VU2'`,
    );
    expect(row.acknowledged_at.toISOString()).toBe('2020-04-09T15:33:10.482Z');
    expect(row.resolved_at.toISOString()).toBe('2020-04-09T16:02:47.731Z');
    expect(row.resolved_by).toBe('human');
    expect(row.inc_ack.toISOString()).toBe('2020-04-09T15:33:10.482Z');
    expect(row.title).toBe('A little bump in the road');
    expect((await ds.query(`SELECT count(*)::int AS n FROM incidents WHERE source = 'pagerduty'`))[0].n).toBe(1);
  });

  it('does not apply a redelivered event twice', async () => {
    const body = fixture('pagerduty', 'incident-annotated.json');
    const first = await deliver(body).expect(200);
    expect(first.body.duplicateDelivery).toBeUndefined();
    const activity = (await ds.query(`SELECT count(*)::int AS n FROM activity WHERE source = 'pagerduty'`))[0].n;
    const again = await deliver(body).expect(200);
    expect(again.body).toEqual({ created: 0, updated: 0, unchanged: 0, duplicateDelivery: true });
    expect((await ds.query(`SELECT count(*)::int AS n FROM activity WHERE source = 'pagerduty'`))[0].n).toBe(activity);
  });

  it('rejects a tampered body, a wrong secret and a missing signature with 401, writing nothing', async () => {
    const body = fixture('pagerduty', 'incident-reopened.json');
    const tampered = Buffer.from(body.toString('utf8').replace('A little bump', 'A large bump'));
    const before = await ds.query(`SELECT count(*)::int AS n FROM webhook_deliveries`);
    await deliver(tampered, sign(body)).expect(401);
    await deliver(body, sign(body, 'other-secret')).expect(401);
    await http().post('/api/v1/webhooks/pagerduty').set('Content-Type', 'application/json').send(bytes(body)).expect(401);
    expect(await ds.query(`SELECT count(*)::int AS n FROM webhook_deliveries`)).toEqual(before);
  });

  it('accepts an event type it does not map with 202', async () => {
    const res = await deliver(fixture('pagerduty', 'service-updated.json')).expect(202);
    expect(res.body.ignored).toContain('service.updated');
  });

  it('answers a malformed payload with 400 listing the problems', async () => {
    const res = await deliver(fixture('pagerduty', 'malformed.json')).expect(400);
    expect(res.body.details.length).toBeGreaterThan(0);
  });
});

describe('Prometheus Alertmanager webhook v4', () => {
  let token: string;
  beforeAll(async () => {
    token = await createToken(t, ['ingest']);
  });
  const deliver = (name: string, auth = `Bearer ${token}`) =>
    http().post('/api/v1/webhooks/alertmanager').set('Content-Type', 'application/json').set('Authorization', auth).send(bytes(fixture('alertmanager', name)));

  it('upserts firing alerts by fingerprint + startsAt, and resolves them auto on the resolved notification', async () => {
    expect((await deliver('firing.json').expect(200)).body).toEqual({ created: 4, updated: 0, unchanged: 0 }); // 2 alerts + 2 services
    expect((await deliver('firing.json').expect(200)).body).toEqual({ created: 0, updated: 0, unchanged: 4 }); // repeated notification
    const firing = await ds.query(`SELECT rule, resolved_at FROM alerts WHERE source = 'alertmanager' ORDER BY rule`);
    expect(firing).toEqual([
      { rule: 'HighRequestLatency', resolved_at: null },
      { rule: 'ProbeFailure', resolved_at: null }, // endsAt 0001-01-01: still firing
    ]);
    await deliver('resolved.json').expect(200);
    const resolved = await ds.query(`SELECT rule, resolved_at, resolved_by FROM alerts WHERE source = 'alertmanager' ORDER BY rule`);
    expect(resolved.map((r: { rule: string; resolved_at: Date; resolved_by: string }) => [r.rule, r.resolved_at.toISOString(), r.resolved_by])).toEqual([
      ['HighRequestLatency', '2023-02-06T13:19:15.123Z', 'auto'], // 14:19:15.123+01:00
      ['ProbeFailure', '2023-02-06T13:21:45.828Z', 'auto'],
    ]);
    // A re-fire (new startsAt) is a new alert.
    await deliver('refired.json').expect(200);
    expect((await ds.query(`SELECT count(*)::int AS n FROM alerts WHERE source = 'alertmanager'`))[0].n).toBeGreaterThan(2);
  });

  it('refuses an unsupported version and requires an ingest token when auth is on', async () => {
    const res = await deliver('unsupported-version.json').expect(400);
    expect(res.body.details[0].path).toBe('version');
    await http().post('/api/v1/webhooks/alertmanager').set('Content-Type', 'application/json').send(bytes(fixture('alertmanager', 'firing.json'))).expect(401);
  });
});

describe('incident.io (Svix signatures)', () => {
  const sign = (id: string, timestamp: number, body: Buffer) =>
    `v1,${createHmac('sha256', INCIDENT_IO_KEY).update(`${id}.${timestamp}.${body.toString('utf8')}`).digest('base64')}`;
  const deliver = (body: Buffer, id: string, timestamp = Math.floor(Date.now() / 1000), signature = sign(id, timestamp, body)) =>
    http()
      .post('/api/v1/webhooks/incident-io')
      .set('Content-Type', 'application/json')
      .set('webhook-id', id)
      .set('webhook-timestamp', String(timestamp))
      .set('webhook-signature', signature)
      .send(bytes(body));

  it('stores an incident with its severity and role assignments', async () => {
    const res = await deliver(fixture('incident-io', 'incident-created.json'), 'msg_1').expect(200);
    expect(res.body.created).toBeGreaterThan(0);
    const [incident] = await ds.query(
      `SELECT i.title, i.severity, i.kind,
              array(SELECT x.role FROM incident_roles x WHERE x.incident_id = i.id ORDER BY x.role) AS roles
         FROM incidents i WHERE i.source = 'incident-io' AND i.external_id = '01FDAG4SAP5TYPT98WGR2N7W91'`,
    );
    expect(incident.kind).toBe('incident');
    expect(incident.severity).toBeGreaterThanOrEqual(1);
    expect(incident.roles).toContain('lead');
    // The Slack ids incident.io carries map the incident's channel and the lead's chat user.
    const [chat] = await ds.query(
      `SELECT i.chat_channel_id, r.chat_user_id FROM incidents i, responders r
        WHERE i.source = 'incident-io' AND i.external_id = '01FDAG4SAP5TYPT98WGR2N7W91' AND r.source = 'incident-io' AND r.external_id = '01FCNDV6P870EA6S7TK1DSYDG0'`,
    );
    expect(chat).toEqual({ chat_channel_id: 'C02AW36C1M5', chat_user_id: 'U02AYNF2XJM' });
  });

  it('does not apply a replayed delivery twice', async () => {
    const body = fixture('incident-io', 'incident-updated.json');
    await deliver(body, 'msg_2').expect(200);
    expect((await deliver(body, 'msg_2').expect(200)).body).toMatchObject({ duplicateDelivery: true });
  });

  it('rejects a tampered body, a stale timestamp and a missing signature', async () => {
    const body = fixture('incident-io', 'incident-status-updated.json');
    const now = Math.floor(Date.now() / 1000);
    const tampered = Buffer.concat([body, Buffer.from(' ')]);
    await deliver(tampered, 'msg_3', now, sign('msg_3', now, body)).expect(401);
    const stale = now - 10 * 60;
    await deliver(body, 'msg_4', stale).expect(401);
    await http().post('/api/v1/webhooks/incident-io').set('Content-Type', 'application/json').send(bytes(body)).expect(401);
  });
});

describe('unconfigured webhooks', () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await createTestApp(inject('pgAdminUrl'));
  });
  afterAll(async () => bare?.close());

  it.each([
    ['pagerduty', 'PAGERDUTY_WEBHOOK_SECRET'],
    ['incident-io', 'INCIDENT_IO_WEBHOOK_SECRET'],
    ['slack', 'SLACK_SIGNING_SECRET'],
  ])('%s answers 503 naming %s', async (vendor, variable) => {
    const res = await request(bare.app.getHttpServer()).post(`/api/v1/webhooks/${vendor}`).set('Content-Type', 'application/json').send('{}').expect(503);
    expect(res.body.message).toContain(variable);
  });
});
