import { INGEST_KINDS } from '@firewatch/shared';
import { describe, expect, it } from 'vitest';
import { csvFieldFormats } from './csv-fields.js';

const text = { format: 'text' };
const number = { format: 'number' };
const list = { format: 'list' };
const json = { format: 'json' };

describe('CSV field formats derived from the ingest schemas', () => {
  it('covers every ingest kind', () => {
    expect(Object.keys(csvFieldFormats).sort()).toEqual([...INGEST_KINDS].sort());
  });

  // Pins the derivation: if a schema change alters how a column is read, this table must be updated
  // on purpose (and the README's import section with it).
  it.each([
    ['teams', { externalId: text, source: text, name: text }],
    ['services', { externalId: text, source: text, name: text, team: text, tier: number }],
    [
      'responders',
      {
        externalId: text,
        source: text,
        name: text,
        email: text,
        team: text,
        timezone: text,
        workingHours: json,
        holidayCountry: text,
        startedAt: text,
        leftAt: text,
        chatUserId: text,
      },
    ],
    [
      'incidents',
      {
        externalId: text,
        source: text,
        title: text,
        kind: text,
        severity: number,
        team: text,
        services: list,
        causes: list,
        declaredAt: text,
        startedAt: text,
        acknowledgedAt: text,
        mitigatedAt: text,
        resolvedAt: text,
        roles: { format: 'pairs', keys: ['responder', 'role'] },
        chatChannelId: text,
      },
    ],
    [
      'alerts',
      {
        externalId: text,
        source: text,
        rule: text,
        service: text,
        severity: text, // an alert's severity is the monitoring system's label, e.g. "critical"
        firedAt: text,
        resolvedAt: text,
        resolvedBy: text,
        acknowledgedAt: text,
        acknowledgedBy: text,
        incident: text,
        feedback: text,
      },
    ],
    [
      'pages',
      { externalId: text, source: text, alert: text, responder: text, at: text, channel: text, level: number, reason: text },
    ],
    [
      'shifts',
      { externalId: text, source: text, responder: text, rotation: text, level: number, start: text, end: text },
    ],
    [
      'activity',
      { externalId: text, source: text, responder: text, incident: text, at: text, kind: text, endAt: text },
    ],
    ['annotations', { externalId: text, source: text, title: text, kind: text, at: text, endAt: text, services: list }],
  ] as const)('%s', (kind, formats) => {
    expect(csvFieldFormats[kind]).toEqual(formats);
  });
});
