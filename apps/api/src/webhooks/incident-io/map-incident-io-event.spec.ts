import { readFileSync } from 'node:fs';
import { ingestSchemas, type IngestKind } from '@firewatch/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_IO_OPTIONS, mapIncidentIoEvent } from './map-incident-io-event.js';

const FIXTURES = new URL('../../../../../test/fixtures/incident-io/', import.meta.url);
// `any`: tests edit fixture fields freely before mapping them.
const load = (name: string): any => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

const CREATED = 'public_incident.incident_created_v2';
const UPDATED = 'public_incident.incident_updated_v2';
const STATUS_UPDATED = 'public_incident.incident_status_updated_v2';

const source = 'incident-io';
// chatUserId: the assignee's `slack_user_id`.
const lisa = { externalId: '01FCNDV6P870EA6S7TK1DSYDG0', source, name: 'Lisa Karlin Curtis', email: 'lisa@incident.io', chatUserId: 'U02AYNF2XJM' };
const rory = { externalId: '01FCQSP07Z74QMMYPDDGQB9FTH', source, name: 'Rory Malcolm', email: 'rory@incident.io', chatUserId: 'U02AYNF2XJP' };
const declaredAt = '2021-08-17T13:28:57.801Z'; // created_at 2021-08-17T13:28:57.801578Z
const incident = {
  externalId: '01FDAG4SAP5TYPT98WGR2N7W91',
  source,
  title: 'Our database is sad',
  kind: 'incident',
  severity: 2, // Major, rank 2: 3 − 2 + 1
  declaredAt,
  acknowledgedAt: declaredAt, // "Accepted at" = created_at: declared straight into a live status
  roles: [{ responder: lisa.externalId, role: 'lead' }], // the reporter role is left out
  chatChannelId: 'C02AW36C1M5', // slack_channel_id
};

/** The incident of a fixture after mapping it; fails the test when the fixture does not map. */
const mappedIncident = (payload: unknown) => {
  const result = mapIncidentIoEvent(payload);
  if (result.kind !== 'mapped') throw new Error(`expected mapped, got ${JSON.stringify(result)}`);
  return (result.bundle.incidents as Array<Record<string, unknown>>)[0];
};

describe('mapIncidentIoEvent', () => {
  it('incident_created_v2: the incident with its lead, severity from the rank, and the accepted time', () => {
    expect(mapIncidentIoEvent(load('incident-created.json'))).toEqual({
      kind: 'mapped',
      bundle: { responders: [lisa], incidents: [incident] },
    });
  });

  it('incident_updated_v2: raised severity, impact start set by hand, a custom role', () => {
    expect(mapIncidentIoEvent(load('incident-updated.json'))).toEqual({
      kind: 'mapped',
      bundle: {
        responders: [lisa, rory],
        incidents: [
          {
            ...incident,
            severity: 1, // Critical, rank 3: 3 − 3 + 1
            startedAt: '2021-08-17T13:05:12.000Z', // "Impact started"
            roles: [
              { responder: lisa.externalId, role: 'lead' },
              { responder: rory.externalId, role: 'comms' }, // custom role, short form "comms"
            ],
          },
        ],
      },
    });
  });

  it('incident_status_updated_v2 to Closed: mitigated at "Fixed at", resolved at "Resolved at"', () => {
    expect(mapIncidentIoEvent(load('incident-status-updated.json'))).toEqual({
      kind: 'mapped',
      bundle: {
        responders: [lisa, rory],
        incidents: [
          {
            ...incident,
            severity: 1,
            startedAt: '2021-08-17T13:05:12.000Z',
            mitigatedAt: '2021-08-17T14:02:31.250Z',
            resolvedAt: '2021-08-17T14:31:09.512Z',
            roles: [
              { responder: lisa.externalId, role: 'lead' },
              { responder: rory.externalId, role: 'comms' },
            ],
          },
        ],
      },
    });
  });

  describe('severity', () => {
    it.each([
      [3, 3, 1],
      [2, 3, 2],
      [1, 3, 3],
      [4, 3, 1], // above the configured ladder → most severe
      [1, 4, 4],
      [1, 9, 5], // far below → clamped to 5
      [0, 3, 4],
    ])('rank %i with most severe rank %i → %i', (rank, mostSevereRank, severity) => {
      const payload = load('incident-created.json');
      payload[CREATED].severity.rank = rank;
      const result = mapIncidentIoEvent(payload, { ...DEFAULT_INCIDENT_IO_OPTIONS, mostSevereRank });
      expect(result.kind === 'mapped' && result.bundle.incidents).toEqual([expect.objectContaining({ severity })]);
    });

    it.each([null, undefined])('no severity yet (%s, in triage) → 5', (severity) => {
      const payload = load('incident-created.json');
      payload[CREATED].severity = severity;
      expect(mappedIncident(payload)).toMatchObject({ severity: 5 });
    });
  });

  describe('kind', () => {
    it.each([
      ['standard', 'live', 'incident'],
      ['retrospective', 'closed', 'incident'],
      ['test', 'live', 'test'],
      ['tutorial', 'live', 'test'],
      ['standard', 'declined', 'test'],
      ['standard', 'merged', 'test'],
      ['standard', 'canceled', 'test'],
      ['standard', 'triage', 'incident'],
    ])('mode %s, status category %s → %s', (mode, category, kind) => {
      const payload = load('incident-created.json');
      payload[CREATED].mode = mode;
      payload[CREATED].incident_status.category = category;
      expect(mappedIncident(payload)).toMatchObject({ kind });
    });
  });

  describe('resolution from the status change when no timestamp says it', () => {
    const withoutResolvedTimestamp = (previous: string, next: string) => {
      const payload = load('incident-status-updated.json');
      const change = payload[STATUS_UPDATED];
      change.incident.incident_timestamp_values = change.incident.incident_timestamp_values.filter(
        (t: { incident_timestamp: { name: string } }) => t.incident_timestamp.name !== 'Resolved at',
      );
      change.previous_status.category = previous;
      change.new_status.category = next;
      return payload;
    };

    it.each([
      ['live', 'closed', '2021-08-17T14:31:09.512Z'], // updated_at, the time of the change
      ['live', 'learning', '2021-08-17T14:31:09.512Z'],
      ['paused', 'closed', '2021-08-17T14:31:09.512Z'],
      ['triage', 'closed', '2021-08-17T14:31:09.512Z'],
      ['learning', 'closed', undefined], // the impact ended earlier, at an unknown time
      ['live', 'live', undefined],
      ['triage', 'declined', undefined],
    ])('%s → %s: resolvedAt %s', (previous, next, resolvedAt) => {
      expect(mappedIncident(withoutResolvedTimestamp(previous, next)).resolvedAt).toBe(resolvedAt);
    });

    it('uses the "Closed at" timestamp when the organisation has no "Resolved at"', () => {
      const payload = withoutResolvedTimestamp('live', 'closed');
      payload[STATUS_UPDATED].incident.incident_timestamp_values.push({
        incident_timestamp: { id: '01FCNDV6P870EA6S7TK1DSYT06', name: 'Closed at', rank: 6 },
        value: { value: '2021-08-17T14:30:00Z' },
      });
      expect(mappedIncident(payload).resolvedAt).toBe('2021-08-17T14:30:00.000Z');
    });
  });

  it('matches timestamp names case-insensitively, with or without "at", and honours configured names', () => {
    const payload = load('incident-updated.json');
    payload[UPDATED].incident_timestamp_values[2].incident_timestamp.name = 'IMPACT STARTED AT';
    expect(mappedIncident(payload).startedAt).toBe('2021-08-17T13:05:12.000Z');

    const renamed = load('incident-updated.json');
    renamed[UPDATED].incident_timestamp_values[2].incident_timestamp.name = 'Customer impact began';
    expect(mappedIncident(renamed).startedAt).toBeUndefined();
    const options = {
      ...DEFAULT_INCIDENT_IO_OPTIONS,
      timestampNames: { ...DEFAULT_INCIDENT_IO_OPTIONS.timestampNames, startedAt: ['Customer impact began'] },
    };
    const result = mapIncidentIoEvent(renamed, options);
    expect(result.kind === 'mapped' && result.bundle.incidents).toEqual([
      expect.objectContaining({ startedAt: '2021-08-17T13:05:12.000Z' }),
    ]);
  });

  it.each([
    ['Impact started after the fix', 2, '2021-08-17T14:10:00Z', 'startedAt'],
    ['Fixed after resolved', 3, '2021-08-17T15:00:00Z', 'mitigatedAt'],
    ['Accepted before the incident was declared', 1, '2021-08-17T13:00:00Z', 'acknowledgedAt'],
  ])('leaves out a timestamp that contradicts the others: %s', (_case, index, value, field) => {
    const payload = load('incident-status-updated.json');
    payload[STATUS_UPDATED].incident.incident_timestamp_values[index].value = { value };
    const mapped = mappedIncident(payload);
    expect(mapped).not.toHaveProperty(field);
    expect(ingestSchemas.incidents.safeParse(mapped).success).toBe(true);
  });

  describe('roles and responders', () => {
    it.each([
      ['Communications Lead', '', 'communications-lead'],
      ['Scribe', 'scribe', 'scribe'],
      ['Rôle Spécial', null, 'role-special'],
      ['1st responder', '', 'st-responder'],
      ['!!!', '', 'role'],
    ])('a custom role named %j with short form %j is %j', (name, shortform, role) => {
      const payload = load('incident-updated.json');
      Object.assign(payload[UPDATED].incident_role_assignments[2].role, { name, shortform });
      expect(mappedIncident(payload).roles).toEqual([
        { responder: lisa.externalId, role: 'lead' },
        { responder: rory.externalId, role },
      ]);
    });

    it('names a responder by email, then id, and keeps only a valid email', () => {
      const payload = load('incident-updated.json');
      const [lead, , comms] = payload[UPDATED].incident_role_assignments;
      lead.assignee.name = '';
      comms.assignee = { id: '01FCQSP07Z74QMMYPDDGQB9FTH', email: 'not an email' };
      const result = mapIncidentIoEvent(payload);
      expect(result.kind === 'mapped' && result.bundle.responders).toEqual([
        { externalId: lisa.externalId, source, name: 'lisa@incident.io', email: 'lisa@incident.io', chatUserId: lisa.chatUserId },
        { externalId: rory.externalId, source, name: 'not an email' },
      ]);
    });

    it('leaves out a Slack id that is not one, keeping the rest of the event', () => {
      const payload = load('incident-updated.json');
      payload[UPDATED].slack_channel_id = 'not a channel';
      payload[UPDATED].incident_role_assignments[0].assignee.slack_user_id = 'u-lower';
      const result = mapIncidentIoEvent(payload);
      const { chatUserId: _dropped, ...lisaWithoutChat } = lisa;
      expect(result.kind === 'mapped' && result.bundle.responders).toEqual([lisaWithoutChat, rory]);
      expect(mappedIncident(payload)).not.toHaveProperty('chatChannelId');
    });
  });

  it('maps a redelivered event to identical records', () => {
    for (const file of ['incident-created.json', 'incident-updated.json', 'incident-status-updated.json']) {
      expect(mapIncidentIoEvent(load(file)), file).toEqual(mapIncidentIoEvent(load(file)));
    }
  });

  it('emits only items that pass their shared ingest schema', () => {
    for (const file of ['incident-created.json', 'incident-updated.json', 'incident-status-updated.json']) {
      const result = mapIncidentIoEvent(load(file));
      if (result.kind !== 'mapped') throw new Error(`${file}: expected mapped, got ${result.kind}`);
      for (const [kind, items] of Object.entries(result.bundle) as Array<[IngestKind, unknown[]]>) {
        for (const item of items) {
          const parsed = ingestSchemas[kind].safeParse(item);
          expect(parsed.error?.issues, `${file} ${kind} ${JSON.stringify(item)}`).toBeUndefined();
          expect(parsed.data).toMatchObject({ source: 'incident-io' });
        }
      }
    }
  });

  describe('ignored', () => {
    it('private_incident.incident_created_v2, which carries only an id', () => {
      expect(mapIncidentIoEvent(load('private-incident-created.json'))).toEqual({
        kind: 'ignored',
        reason: 'event type private_incident.incident_created_v2 is not mapped',
      });
    });

    it.each(['public_incident.follow_up_created_v1', 'public_alert.alert_created_v1', '__proto__', 'event_type'])('%s', (eventType) => {
      expect(mapIncidentIoEvent({ event_type: eventType })).toEqual({
        kind: 'ignored',
        reason: `event type ${eventType} is not mapped`,
      });
    });
  });

  describe('invalid', () => {
    it('lists every problem of the malformed fixture under the event type', () => {
      expect(mapIncidentIoEvent(load('malformed.json'))).toEqual({
        kind: 'invalid',
        problems: [
          { path: `${CREATED}.id`, message: 'Invalid input: expected string, received undefined' },
          { path: `${CREATED}.created_at`, message: 'must be an ISO 8601 date-time with an offset' },
          { path: `${CREATED}.incident_status`, message: 'Invalid input: expected object, received undefined' },
          { path: `${CREATED}.severity.rank`, message: 'Invalid input: expected number, received string' },
        ],
      });
    });

    it('reports a known event type whose payload is missing', () => {
      expect(mapIncidentIoEvent({ event_type: STATUS_UPDATED })).toEqual({
        kind: 'invalid',
        problems: [{ path: STATUS_UPDATED, message: 'Invalid input: expected object, received undefined' }],
      });
    });

    it.each([null, undefined, 42, 'public_incident.incident_created_v2', [], {}, { event_type: '' }])(
      'never throws on %j',
      (payload) => {
        const result = mapIncidentIoEvent(payload);
        expect(result.kind).toBe('invalid');
        expect(result.kind === 'invalid' && result.problems.length).toBeGreaterThan(0);
      },
    );
  });
});
