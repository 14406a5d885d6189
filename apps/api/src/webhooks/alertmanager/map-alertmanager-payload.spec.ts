import { readFileSync } from 'node:fs';
import { ingestSchemas, type IngestKind } from '@firewatch/shared';
import { describe, expect, it } from 'vitest';
import { mapAlertmanagerPayload } from './map-alertmanager-payload.js';

const FIXTURES = new URL('../../../../../test/fixtures/alertmanager/', import.meta.url);
// `any`: tests edit fixture fields freely before mapping them.
const load = (name: string): any => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

const source = 'alertmanager';
const probeFiredAt = '2023-02-06T13:08:45.828Z';
const latencyFiredAt = '2023-02-06T13:10:15.123Z'; // 14:10:15.123456789+01:00, cut to milliseconds
const probe = {
  externalId: `1a30ba71cca2921f:${probeFiredAt}`,
  source,
  rule: 'ProbeFailure',
  service: 'http_checks', // no `service` label → `job`
  severity: 'critical',
  firedAt: probeFiredAt,
};
const latency = {
  externalId: `c6eadffa33fcdf37:${latencyFiredAt}`,
  source,
  rule: 'HighRequestLatency',
  service: 'checkout',
  severity: 'warning',
  firedAt: latencyFiredAt,
};
const services = [
  { externalId: 'http_checks', source, name: 'http_checks' },
  { externalId: 'checkout', source, name: 'checkout' },
];

describe('mapAlertmanagerPayload', () => {
  it('maps each firing alert, still open whatever its endsAt (zero time or provisional future end)', () => {
    expect(mapAlertmanagerPayload(load('firing.json'))).toEqual({
      kind: 'mapped',
      bundle: { services, alerts: [probe, latency] },
    });
  });

  it('resolves the same alerts on the resolved notification: resolvedAt = endsAt, resolvedBy auto', () => {
    expect(mapAlertmanagerPayload(load('resolved.json'))).toEqual({
      kind: 'mapped',
      bundle: {
        services,
        alerts: [
          { ...probe, resolvedAt: '2023-02-06T13:21:45.828Z', resolvedBy: 'auto' }, // 13 min after firing
          { ...latency, resolvedAt: '2023-02-06T13:19:15.123Z', resolvedBy: 'auto' }, // 14:19:15.123456789+01:00
        ],
      },
    });
  });

  it('records a re-fire (same fingerprint, new startsAt) as a new alert', () => {
    expect(mapAlertmanagerPayload(load('refired.json'))).toEqual({
      kind: 'mapped',
      bundle: {
        services: [services[0]],
        alerts: [{ ...probe, externalId: '1a30ba71cca2921f:2023-02-06T13:40:00.828Z', firedAt: '2023-02-06T13:40:00.828Z' }],
      },
    });
  });

  it('maps a redelivered notification to identical records', () => {
    for (const file of ['firing.json', 'resolved.json', 'refired.json']) {
      expect(mapAlertmanagerPayload(load(file)), file).toEqual(mapAlertmanagerPayload(load(file)));
    }
  });

  it.each(['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000+00:00', '1969-12-31T23:59:59Z'])(
    'gives a resolved alert whose endsAt is the placeholder %s no resolution',
    (endsAt) => {
      const payload = load('resolved.json');
      payload.alerts[0].endsAt = endsAt;
      const result = mapAlertmanagerPayload(payload);
      expect(result.kind === 'mapped' && result.bundle.alerts?.[0]).toEqual(probe);
    },
  );

  describe('service labels', () => {
    it.each([
      [['team'], ['storefront', 'storefront']],
      [['instance', 'job'], ['https://server.example.org', 'checkout-7d9f8:8080']],
      [['missing', 'service'], [undefined, 'checkout']],
      [[], [undefined, undefined]],
    ])('%j → %j', (serviceLabels, expected) => {
      const result = mapAlertmanagerPayload(load('firing.json'), { serviceLabels });
      if (result.kind !== 'mapped') throw new Error(`expected mapped, got ${result.kind}`);
      expect((result.bundle.alerts as Array<{ service?: string }>).map((a) => a.service)).toEqual(expected);
      const emitted = (result.bundle.services ?? []) as Array<{ externalId: string; name: string }>;
      expect(emitted.map((s) => s.externalId)).toEqual([...new Set(expected.filter(Boolean))]);
      for (const service of emitted) expect(service.name).toBe(service.externalId);
    });

    it('skips a label whose value cannot be an external id (whitespace) for the next one', () => {
      const payload = load('firing.json');
      payload.alerts[1].labels.service = 'checkout api';
      const result = mapAlertmanagerPayload(payload);
      expect(result.kind === 'mapped' && result.bundle.alerts?.[1]).toMatchObject({ service: 'kubernetes-pods' });
    });
  });

  it('leaves severity out when the alert has no severity label', () => {
    const payload = load('firing.json');
    delete payload.alerts[0].labels.severity;
    const result = mapAlertmanagerPayload(payload);
    expect(result.kind === 'mapped' && result.bundle.alerts?.[0]).toEqual({ ...probe, severity: undefined });
    expect(result.kind === 'mapped' && result.bundle.alerts?.[0]).not.toHaveProperty('severity');
  });

  it('maps a notification without alerts to an empty bundle', () => {
    const payload = load('firing.json');
    payload.alerts = [];
    expect(mapAlertmanagerPayload(payload)).toEqual({ kind: 'mapped', bundle: {} });
  });

  it('emits only items that pass their shared ingest schema', () => {
    for (const file of ['firing.json', 'resolved.json', 'refired.json']) {
      const result = mapAlertmanagerPayload(load(file));
      if (result.kind !== 'mapped') throw new Error(`${file}: expected mapped, got ${result.kind}`);
      for (const [kind, items] of Object.entries(result.bundle) as Array<[IngestKind, unknown[]]>) {
        for (const item of items) {
          const parsed = ingestSchemas[kind].safeParse(item);
          expect(parsed.error?.issues, `${file} ${kind} ${JSON.stringify(item)}`).toBeUndefined();
          expect(parsed.data).toMatchObject({ source: 'alertmanager' });
        }
      }
    }
  });

  describe('invalid', () => {
    it.each([
      ['"5"', '5'],
      ['4 as a number', 4],
      ['missing', undefined],
    ])('refuses a payload version other than "4" (%s) with that single problem', (_case, version) => {
      const payload = load('unsupported-version.json');
      payload.version = version;
      expect(mapAlertmanagerPayload(payload)).toEqual({
        kind: 'invalid',
        problems: [
          {
            path: 'version',
            message: `must be "4" (the Alertmanager webhook payload version Firewatch reads), got ${JSON.stringify(version) ?? 'nothing'}`,
          },
        ],
      });
    });

    it('lists every problem of the malformed fixture', () => {
      expect(mapAlertmanagerPayload(load('malformed.json'))).toEqual({
        kind: 'invalid',
        problems: [
          { path: 'alerts.0.status', message: 'Invalid option: expected one of "firing"|"resolved"' },
          { path: 'alerts.0.startsAt', message: 'must be an ISO 8601 date-time with an offset' },
          { path: 'alerts.0.fingerprint', message: 'Invalid input: expected string, received undefined' },
        ],
      });
    });

    it('requires the alertname label, since it is the rule', () => {
      const payload = load('firing.json');
      delete payload.alerts[1].labels.alertname;
      expect(mapAlertmanagerPayload(payload)).toEqual({
        kind: 'invalid',
        problems: [{ path: 'alerts.1.labels.alertname', message: 'is required: it names the alert rule' }],
      });
    });

    it.each([null, undefined, 42, 'firing', [], {}, { version: '4' }])('never throws on %j', (payload) => {
      const result = mapAlertmanagerPayload(payload);
      expect(result.kind).toBe('invalid');
      expect(result.kind === 'invalid' && result.problems.length).toBeGreaterThan(0);
    });
  });
});
