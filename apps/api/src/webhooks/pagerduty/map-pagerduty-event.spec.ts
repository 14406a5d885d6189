import { readFileSync } from 'node:fs';
import { ingestSchemas, type IngestKind } from '@firewatch/shared';
import { describe, expect, it } from 'vitest';
import type { IngestBundle } from '../../ingest/ingest-bundle.js';
import { mapPagerDutyEvent } from './map-pagerduty-event.js';

const FIXTURES = new URL('../../../../../test/fixtures/pagerduty/', import.meta.url);
// `any`: tests edit fixture fields freely before mapping them.
const load = (name: string): any => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

// Every delivery of the incident's life that maps to records.
const SNAPSHOT_AND_CHILD_FIXTURES = [
  'incident-triggered.json',
  'incident-escalated.json',
  'incident-acknowledged.json',
  'incident-responder-added.json',
  'incident-annotated.json',
  'incident-status-update-published.json',
  'incident-reassigned.json',
  'incident-delegated.json',
  'incident-resolved.json',
  'incident-resolved-by-integration.json',
  'incident-reopened.json',
  'incident-priority-updated.json',
];

const source = 'pagerduty';
// The documented incident PGR0VU2 as every snapshot fixture describes it.
const created = '2020-04-09T15:16:27.000Z'; // created_at 2020-04-09T15:16:27Z
const team = { externalId: 'PFCVPS0', source, name: 'Engineering' };
const service = { externalId: 'PF9KMXH', source, name: 'API Service' };
const user123 = { externalId: 'PTUXL6G', source, name: 'User 123' };
const tenex = { externalId: 'PLH1HKV', source, name: 'Tenex Engineer' };
const maeve = { externalId: 'PVMGSML', source, name: 'Maeve' };
const incident = {
  externalId: 'PGR0VU2',
  source,
  title: 'A little bump in the road',
  kind: 'incident',
  severity: 2, // no priority, urgency high → 2
  team: 'PFCVPS0',
  services: ['PF9KMXH'],
  declaredAt: created,
};
const alert = {
  externalId: 'PGR0VU2',
  source,
  rule: 'A little bump in the road',
  service: 'PF9KMXH',
  severity: 'high',
  firedAt: created,
  incident: 'PGR0VU2',
};
const page = (eventId: string, responder: string, at: string, reason: string) => ({
  externalId: `${eventId}:page:${responder}`,
  source,
  alert: 'PGR0VU2',
  responder,
  at,
  channel: 'push',
  level: 1,
  reason,
});
const activity = (eventId: string, responder: string, at: string, kind: string) => ({
  externalId: `${eventId}:activity`,
  source,
  responder,
  incident: 'PGR0VU2',
  at,
  kind,
});

const mapped = (eventId: string, bundle: IngestBundle) => ({ kind: 'mapped', eventId, bundle });

describe('mapPagerDutyEvent', () => {
  it('incident.triggered by an integration: alert, incident, service, team, and a page per assignee', () => {
    const id = '01BRB6ZP4M6T8ZG4X6BP63ZB9A';
    const at = '2020-04-09T15:16:27.942Z';
    expect(mapPagerDutyEvent(load('incident-triggered.json'))).toEqual(
      mapped(id, {
        teams: [team],
        services: [service],
        responders: [user123],
        incidents: [incident],
        alerts: [alert],
        pages: [page(id, 'PTUXL6G', at, 'initial')],
        // no activity: the agent is the service, not a person
      }),
    );
  });

  it('incident.escalated without an agent (timeout): pages the new assignee with reason timeout', () => {
    const id = '01BRB70D2H4XQ5V1G8YJ3N6K7B';
    expect(mapPagerDutyEvent(load('incident-escalated.json'))).toEqual(
      mapped(id, {
        teams: [team],
        services: [service],
        responders: [tenex],
        incidents: [incident],
        alerts: [alert],
        pages: [page(id, 'PLH1HKV', '2020-04-09T15:31:28.115Z', 'timeout')],
      }),
    );
  });

  it('incident.escalated by a user: the page reason is manual and the escalation is an action', () => {
    const id = '01BRB70D2H4XQ5V1G8YJ3N6K7B';
    const at = '2020-04-09T15:31:28.115Z';
    const payload = load('incident-escalated.json');
    payload.event.agent = load('incident-acknowledged.json').event.agent; // Tenex Engineer
    expect(mapPagerDutyEvent(payload)).toEqual(
      mapped(id, {
        teams: [team],
        services: [service],
        responders: [tenex],
        incidents: [incident],
        alerts: [alert],
        pages: [page(id, 'PLH1HKV', at, 'manual')],
        activity: [activity(id, 'PLH1HKV', at, 'action')],
      }),
    );
  });

  it('incident.acknowledged: acknowledgedAt on alert and incident, acknowledgedBy, and a page_ack', () => {
    const id = '01BRB70V6T1MZ4K9Q2W8E5R3C';
    const at = '2020-04-09T15:33:10.482Z';
    expect(mapPagerDutyEvent(load('incident-acknowledged.json'))).toEqual(
      mapped(id, {
        teams: [team],
        services: [service],
        responders: [tenex],
        incidents: [{ ...incident, acknowledgedAt: at }],
        alerts: [{ ...alert, acknowledgedAt: at, acknowledgedBy: 'PLH1HKV' }],
        activity: [activity(id, 'PLH1HKV', at, 'page_ack')],
      }),
    );
  });

  it('incident.responder.added: a manual page to the requested user and a role_change of the requester', () => {
    const id = '01BRB7135JX8N2C6V4B9M1L0D';
    const at = '2020-04-09T15:35:02.917Z';
    expect(mapPagerDutyEvent(load('incident-responder-added.json'))).toEqual(
      mapped(id, {
        responders: [maeve, tenex],
        pages: [page(id, 'PVMGSML', at, 'manual')],
        activity: [activity(id, 'PLH1HKV', at, 'role_change')],
      }),
    );
  });

  it.each([
    ['incident-annotated.json', '01BRB71G8P3Q7R5S2T9U4V6WE', '2020-04-09T15:41:55.300Z', 'message'],
    ['incident-status-update-published.json', '01BRB71R4K6J8H2G5F3D9S1AF', '2020-04-09T15:45:00.650Z', 'status_update'],
  ])('%s: only an activity of the author on the referenced incident', (file, id, at, kind) => {
    expect(mapPagerDutyEvent(load(file))).toEqual(
      mapped(id, { responders: [tenex], activity: [activity(id, 'PLH1HKV', at, kind)] }),
    );
  });

  it.each([
    ['incident-reassigned.json', '01BRB7225N7M4L1K8J6H3G9FG', '2020-04-09T15:50:12.004Z', user123],
    ['incident-delegated.json', '01BRB72A9C3V5B7N1M4X8Z2QH', '2020-04-09T15:52:40.318Z', maeve],
  ])('%s: a reassigned page to the new assignee and an action of the user who did it', (file, id, at, assignee) => {
    expect(mapPagerDutyEvent(load(file))).toEqual(
      mapped(id, {
        teams: [team],
        services: [service],
        responders: [assignee, tenex],
        incidents: [incident],
        alerts: [alert],
        pages: [page(id, assignee.externalId, at, 'reassigned')],
        activity: [activity(id, 'PLH1HKV', at, 'action')],
      }),
    );
  });

  it('incident.resolved by a user: resolvedAt, resolvedBy human, and an action', () => {
    const id = '01BRB72M1Y6T4R2E9W7Q5P3OJ';
    const at = '2020-04-09T16:02:47.731Z';
    expect(mapPagerDutyEvent(load('incident-resolved.json'))).toEqual(
      mapped(id, {
        teams: [team],
        services: [service],
        responders: [tenex],
        incidents: [{ ...incident, resolvedAt: at }],
        alerts: [{ ...alert, resolvedAt: at, resolvedBy: 'human' }],
        activity: [activity(id, 'PLH1HKV', at, 'action')],
      }),
    );
  });

  it('incident.resolved by the integration: resolvedBy auto, no activity', () => {
    const at = '2020-04-09T16:02:47.731Z';
    expect(mapPagerDutyEvent(load('incident-resolved-by-integration.json'))).toEqual(
      mapped('01BRB72W7U2I4O6P8A1S3D5FK', {
        teams: [team],
        services: [service],
        incidents: [{ ...incident, resolvedAt: at }],
        alerts: [{ ...alert, resolvedAt: at, resolvedBy: 'auto' }],
      }),
    );
  });

  it('incident.resolved with no agent at all (auto-resolve timeout) is resolvedBy auto', () => {
    const payload = load('incident-resolved.json');
    payload.event.agent = null;
    const result = mapPagerDutyEvent(payload);
    expect(result.kind === 'mapped' && result.bundle.alerts).toEqual([
      { ...alert, resolvedAt: '2020-04-09T16:02:47.731Z', resolvedBy: 'auto' },
    ]);
  });

  it('incident.reopened: the snapshot (merge mode keeps the stored resolvedAt) and an action', () => {
    const id = '01BRB7354G8H1J3K5L7Z9X2CL';
    expect(mapPagerDutyEvent(load('incident-reopened.json'))).toEqual(
      mapped(id, {
        teams: [team],
        services: [service],
        responders: [user123],
        incidents: [incident],
        alerts: [alert],
        activity: [activity(id, 'PTUXL6G', '2020-04-09T16:20:00.410Z', 'action')],
      }),
    );
  });

  it('the documented incident.priority_updated example: severity from priority P1 and an action', () => {
    const id = '5ac64822-4adc-4fda-ade0-410becf0de4f';
    expect(mapPagerDutyEvent(load('incident-priority-updated.json'))).toEqual(
      mapped(id, {
        teams: [team],
        services: [service],
        responders: [tenex],
        incidents: [{ ...incident, severity: 1 }], // priority P1 → 1
        alerts: [alert],
        activity: [activity(id, 'PLH1HKV', '2020-10-02T18:45:22.169Z', 'action')],
      }),
    );
  });

  describe('incident severity', () => {
    it.each([
      [{ summary: 'P1' }, 'low', 1],
      [{ summary: 'P3' }, 'high', 3],
      [{ summary: 'p5' }, 'high', 5],
      [{ summary: 'SEV-1' }, 'high', 2], // not P1..P5 → urgency high → 2
      [null, 'high', 2],
      [null, 'low', 4],
      [null, null, 5], // nothing known → least severe, never counted as major
    ])('priority %j and urgency %s → %i', (priority, urgency, severity) => {
      const payload = load('incident-triggered.json');
      Object.assign(payload.event.data, { priority, urgency });
      const result = mapPagerDutyEvent(payload);
      expect(result.kind === 'mapped' && result.bundle.incidents).toEqual([expect.objectContaining({ severity })]);
    });
  });

  it('takes the escalation level from escalation_level when the payload has one', () => {
    const payload = load('incident-escalated.json');
    payload.event.data.escalation_level = 2;
    const result = mapPagerDutyEvent(payload);
    expect(result.kind === 'mapped' && result.bundle.pages).toEqual([expect.objectContaining({ level: 2, reason: 'timeout' })]);
  });

  it('cuts an over-long title to the field limits instead of rejecting the event', () => {
    const payload = load('incident-triggered.json');
    payload.event.data.title = `Disk full on ${'x'.repeat(600)}`;
    const result = mapPagerDutyEvent(payload);
    if (result.kind !== 'mapped') throw new Error(`expected mapped, got ${result.kind}`);
    const [mappedIncident] = result.bundle.incidents as Array<{ title: string }>;
    const [mappedAlert] = result.bundle.alerts as Array<{ rule: string }>;
    expect(mappedIncident.title).toHaveLength(500);
    expect(mappedIncident.title.endsWith('…')).toBe(true);
    expect(mappedAlert.rule).toHaveLength(300);
  });

  describe('replays', () => {
    it('map a redelivered event to identical records', () => {
      for (const file of SNAPSHOT_AND_CHILD_FIXTURES) {
        expect(mapPagerDutyEvent(load(file)), file).toEqual(mapPagerDutyEvent(load(file)));
      }
    });

    it('derive page and activity ids from the event id, alert and incident ids from the PD incident', () => {
      const payload = load('incident-reassigned.json');
      payload.event.id = '01BRB7ZZZZZZZZZZZZZZZZZZZZ';
      const result = mapPagerDutyEvent(payload);
      if (result.kind !== 'mapped') throw new Error(`expected mapped, got ${result.kind}`);
      expect(result.bundle.pages).toEqual([expect.objectContaining({ externalId: '01BRB7ZZZZZZZZZZZZZZZZZZZZ:page:PTUXL6G' })]);
      expect(result.bundle.activity).toEqual([expect.objectContaining({ externalId: '01BRB7ZZZZZZZZZZZZZZZZZZZZ:activity' })]);
      expect(result.bundle.alerts).toEqual([expect.objectContaining({ externalId: 'PGR0VU2' })]);
      expect(result.bundle.incidents).toEqual([expect.objectContaining({ externalId: 'PGR0VU2' })]);
    });
  });

  it('emits only items that pass their shared ingest schema', () => {
    for (const file of SNAPSHOT_AND_CHILD_FIXTURES) {
      const result = mapPagerDutyEvent(load(file));
      if (result.kind !== 'mapped') throw new Error(`${file}: expected mapped, got ${result.kind}`);
      for (const [kind, items] of Object.entries(result.bundle) as Array<[IngestKind, unknown[]]>) {
        for (const item of items) {
          const parsed = ingestSchemas[kind].safeParse(item);
          expect(parsed.error?.issues, `${file} ${kind} ${JSON.stringify(item)}`).toBeUndefined();
          expect(parsed.data).toMatchObject({ source: 'pagerduty' });
        }
      }
    }
  });

  describe('ignored', () => {
    it('the documented service.updated example: an event type Firewatch does not map', () => {
      expect(mapPagerDutyEvent(load('service-updated.json'))).toEqual({
        kind: 'ignored',
        eventId: '01BRB6ZP4M6T8ZG4X6BP63ZB9O',
        reason: 'event type service.updated is not mapped',
      });
    });

    it.each(['incident.unacknowledged', 'incident.responder.replied', 'constructor', 'toString'])('%s', (eventType) => {
      const payload = load('incident-triggered.json');
      payload.event.event_type = eventType;
      expect(mapPagerDutyEvent(payload)).toEqual({
        kind: 'ignored',
        eventId: '01BRB6ZP4M6T8ZG4X6BP63ZB9A',
        reason: `event type ${eventType} is not mapped`,
      });
    });

    it('a note written by no user: nobody to credit', () => {
      const payload = load('incident-annotated.json');
      payload.event.agent = null;
      expect(mapPagerDutyEvent(payload)).toEqual({
        kind: 'ignored',
        eventId: '01BRB71G8P3Q7R5S2T9U4V6WE',
        reason: 'incident.annotated without a user agent records nothing',
      });
    });
  });

  describe('invalid', () => {
    it('lists every problem of the malformed fixture', () => {
      expect(mapPagerDutyEvent(load('malformed.json'))).toEqual({
        kind: 'invalid',
        problems: [
          { path: 'event.resource_type', message: 'Invalid input: expected string, received undefined' },
          { path: 'event.occurred_at', message: 'must be an ISO 8601 date-time with an offset' },
        ],
      });
    });

    it('names the snapshot fields that are missing once the envelope is valid', () => {
      const payload = load('incident-acknowledged.json');
      delete payload.event.data.created_at;
      delete payload.event.data.service;
      expect(mapPagerDutyEvent(payload)).toEqual({
        kind: 'invalid',
        problems: [
          { path: 'event.data.created_at', message: 'Invalid input: expected string, received undefined' },
          { path: 'event.data.service', message: 'Invalid input: expected object, received undefined' },
        ],
      });
    });

    it('rejects an event id that cannot make an external id', () => {
      const payload = load('incident-acknowledged.json');
      payload.event.id = 'has spaces';
      expect(mapPagerDutyEvent(payload)).toEqual({
        kind: 'invalid',
        problems: [{ path: 'event.id', message: 'must not contain whitespace or control characters' }],
      });
    });

    it.each([null, undefined, 42, 'incident.triggered', [], {}, { event: null }, { event: [] }])(
      'never throws on %j',
      (payload) => {
        const result = mapPagerDutyEvent(payload);
        expect(result.kind).toBe('invalid');
        expect(result.kind === 'invalid' && result.problems.length).toBeGreaterThan(0);
      },
    );
  });
});

