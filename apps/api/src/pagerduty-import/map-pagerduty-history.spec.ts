import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapPagerDutyHistory, type PagerDutyHistoryInput } from './map-pagerduty-history.js';
import type { PagerDutyLogEntry } from './pagerduty-rest-payload.js';

// PagerDuty's documented objects (team PQ9K7I8, service PIJ90N7, user PXPGF42, incident PT4KHLK…), see the e2e test.
const HISTORY = new URL('../../../../test/fixtures/pagerduty-rest/history.json', import.meta.url);
// `any`: tests edit fixture fields freely before mapping them.
const load = (): any => JSON.parse(readFileSync(HISTORY, 'utf8'));

const source = 'pagerduty';

function input(history: any, ids: string[], more: Partial<PagerDutyHistoryInput> = {}): PagerDutyHistoryInput {
  return {
    directory: { teams: history.teams, services: history.services, users: history.users },
    includeDirectory: false,
    incidents: ids.map((id) => ({ incident: history.incidents.find((i: { id: string }) => i.id === id), logEntries: history.log_entries[id] })),
    oncalls: [],
    ...more,
  };
}

function mapped(value: PagerDutyHistoryInput) {
  const result = mapPagerDutyHistory(value);
  if (result.kind !== 'mapped') throw new Error(JSON.stringify(result.problems));
  return result;
}

const pageRows = (bundle: { pages?: unknown[] }) =>
  (bundle.pages as Array<{ responder: string; at: string; channel: string; level: number; reason: string }>).map((p) => [
    p.responder,
    p.at.slice(11, 19),
    p.channel,
    p.level,
    p.reason,
  ]);

describe('mapPagerDutyHistory', () => {
  it('turns notify entries into pages with their channel, the level reached and why, reading the log oldest first', () => {
    const { bundle, counts } = mapped(input(load(), ['PT4KHLK']));
    expect(pageRows(bundle)).toEqual([
      ['PXPGF42', '10:00:05', 'push', 1, 'initial'],
      ['PXPGF42', '10:00:30', 'sms', 1, 'initial'],
      // 10:05:00 escalate (agent: the policy, channel timeout) before the 10:05:00 assign: level 2 by timeout.
      ['PANARAM', '10:05:10', 'phone', 2, 'timeout'],
      ['PANARAM', '10:05:10', 'email', 2, 'timeout'],
    ]);
    expect(counts).toEqual({ incidents: 1, logEntries: 11, pages: 4, activity: 3, shifts: 0, skippedNotifications: 0 });
  });

  it('keeps the level on a reassignment, restarts it on a delegation, and counts a hand escalation as manual', () => {
    const { bundle } = mapped(input(load(), ['PQ2XPXU', 'PWZ8K3A']));
    expect(pageRows(bundle)).toEqual([
      ['PBENOKA', '02:00:10', 'phone', 1, 'initial'],
      ['PBENOKA', '02:01:30', 'phone', 1, 'initial'],
      ['PANARAM', '02:10:05', 'push', 2, 'manual'], // escalated by Earline
      ['PXPGF42', '14:00:05', 'push', 1, 'initial'],
      ['PBENOKA', '14:03:05', 'sms', 1, 'reassigned'], // assigned by Earline: same level
      ['PANARAM', '14:10:10', 'push', 1, 'reassigned'], // delegated to another policy: its level 1
      ['PBENOKA', '14:20:05', 'push', 2, 'timeout'], // that policy escalated: 1 + 1
    ]);
  });

  it('starts the path again at level 1 on repeat_escalation_path, reads reassign_log_entry, and skips notifications of another type', () => {
    const history = load();
    const log: PagerDutyLogEntry[] = history.log_entries.PT4KHLK;
    const at = (time: string) => `2025-01-02T${time}Z`;
    const earline = { id: 'PXPGF42', type: 'user_reference', summary: 'Earline Greenholt' };
    const notify = (id: string, time: string, type: string) => ({ id, type: 'notify_log_entry', created_at: at(time), user: earline, channel: { type: 'auto', notification: { type } } });
    log.push(
      { id: 'RREPEAT1', type: 'repeat_escalation_path_log_entry', created_at: at('10:06:00') },
      notify('RNOTE01', '10:06:05', 'push_notification'),
      { id: 'RREASS1', type: 'reassign_log_entry', created_at: at('10:06:30'), agent: { id: 'PANARAM', type: 'user_reference' } },
      notify('RNOTE02', '10:06:35', 'sms_notification'),
      notify('RNOTE03', '10:06:40', 'carrier_pigeon_notification'),
    );
    const { bundle, counts } = mapped(input(history, ['PT4KHLK']));
    expect(pageRows(bundle).slice(4)).toEqual([
      ['PXPGF42', '10:06:05', 'push', 1, 'timeout'], // the path repeats from level 1, nobody acted
      ['PXPGF42', '10:06:35', 'sms', 1, 'reassigned'],
    ]);
    expect(counts.skippedNotifications).toBe(1);
  });

  it('sets the first acknowledgement and the last resolution on alert and incident, and credits hand-done entries as activity', () => {
    const { bundle } = mapped(input(load(), ['PT4KHLK', 'PQ2XPXU']));
    expect(bundle.alerts).toEqual([
      {
        externalId: 'PT4KHLK',
        source,
        rule: 'The server is on fire.',
        service: 'PIJ90N7',
        severity: 'high',
        firedAt: '2025-01-02T10:00:00.000Z',
        acknowledgedAt: '2025-01-02T10:07:00.000Z',
        acknowledgedBy: 'PANARAM',
        resolvedAt: '2025-01-02T10:45:00.000Z',
        resolvedBy: 'human',
        incident: 'PT4KHLK',
      },
      {
        externalId: 'PQ2XPXU',
        source,
        rule: 'Disk space low on db-1',
        service: 'PSVCDB1',
        severity: 'low',
        firedAt: '2025-01-09T02:00:00.000Z',
        resolvedAt: '2025-01-09T02:30:00.000Z',
        resolvedBy: 'auto', // resolved through the API
        incident: 'PQ2XPXU',
      },
    ]);
    expect(bundle.incidents).toEqual([
      {
        externalId: 'PT4KHLK',
        source,
        title: 'The server is on fire.',
        kind: 'incident',
        severity: 2, // priority P2
        team: 'PQ9K7I8',
        services: ['PIJ90N7'],
        declaredAt: '2025-01-02T10:00:00.000Z',
        acknowledgedAt: '2025-01-02T10:07:00.000Z',
        resolvedAt: '2025-01-02T10:45:00.000Z',
      },
      {
        externalId: 'PQ2XPXU',
        source,
        title: 'Disk space low on db-1',
        kind: 'incident',
        severity: 4, // no priority, urgency low
        team: 'PT0PLAT',
        services: ['PSVCDB1'],
        declaredAt: '2025-01-09T02:00:00.000Z',
        resolvedAt: '2025-01-09T02:30:00.000Z',
      },
    ]);
    expect((bundle.activity as Array<{ responder: string; at: string; kind: string }>).map((a) => [a.responder, a.at.slice(11, 16), a.kind])).toEqual([
      ['PANARAM', '10:07', 'page_ack'],
      ['PANARAM', '10:20', 'message'],
      ['PANARAM', '10:45', 'action'],
      ['PXPGF42', '02:10', 'action'], // the hand escalation; the API's resolution is nobody's work
    ]);
  });

  it('leaves a reopened incident unresolved, and a notify entry whose agent is a user is not that user’s work', () => {
    const history = load();
    history.incidents.find((i: { id: string }) => i.id === 'PT4KHLK').status = 'triggered';
    for (const e of history.log_entries.PT4KHLK) if (e.type === 'notify_log_entry') e.agent = e.user;
    const { bundle } = mapped(input(history, ['PT4KHLK']));
    expect(bundle.alerts![0]).not.toHaveProperty('resolvedAt');
    expect(bundle.incidents![0]).not.toHaveProperty('resolvedAt');
    expect(bundle.activity).toHaveLength(3); // ack, note, resolve: still no notification
  });

  it('records the directory with emails and IANA zones, and on-call periods as shifts (not the permanent on-call)', () => {
    const history = load();
    history.users[1].time_zone = 'Eastern Time (US & Canada)'; // a Rails zone name: not IANA, left out
    const { bundle } = mapped(input(history, [], { includeDirectory: true, oncalls: history.oncalls }));
    expect(bundle.teams).toEqual([
      { externalId: 'PQ9K7I8', source, name: 'Engineering' },
      { externalId: 'PT0PLAT', source, name: 'Platform' },
    ]);
    expect(bundle.services).toEqual([
      { externalId: 'PIJ90N7', source, name: 'My Application Service', team: 'PQ9K7I8' },
      { externalId: 'PSVCDB1', source, name: 'Postgres', team: 'PT0PLAT' },
    ]);
    expect(bundle.responders).toEqual([
      { externalId: 'PXPGF42', source, name: 'Earline Greenholt', team: 'PQ9K7I8', email: '125.greenholt.earline@graham.name', timezone: 'America/Lima' },
      { externalId: 'PANARAM', source, name: 'Ana Ramos', team: 'PQ9K7I8', email: 'ana.ramos@example.com' },
      { externalId: 'PBENOKA', source, name: 'Ben Okafor', team: 'PT0PLAT', email: 'ben.okafor@example.com', timezone: 'Etc/UTC' },
    ]);
    expect(bundle.shifts).toHaveLength(4); // 5 on-calls, one permanent
    expect(bundle.shifts![1]).toEqual({
      externalId: 'PT20YPA:2:PI7DH85:PANARAM:2024-12-30T09:00:00.000Z',
      source,
      responder: 'PANARAM',
      rotation: 'Daily Engineering Rotation',
      level: 2,
      start: '2024-12-30T09:00:00.000Z',
      end: '2025-01-06T09:00:00.000Z',
    });
  });

  it('records a user the directory no longer lists from the reference', () => {
    const history = load();
    history.users = history.users.filter((u: { id: string }) => u.id !== 'PANARAM');
    const { bundle } = mapped(input(history, ['PT4KHLK']));
    expect(bundle.responders).toContainEqual({ externalId: 'PANARAM', source, name: 'Ana Ramos' });
  });

  it('answers invalid, naming the item and field, for history the ingest schemas refuse', () => {
    const history = load();
    const ack = history.log_entries.PT4KHLK.find((e: { type: string }) => e.type === 'acknowledge_log_entry');
    ack.created_at = '2025-01-02T09:00:00Z'; // before the incident was created
    const result = mapPagerDutyHistory(input(history, ['PT4KHLK']));
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.problems.map((p) => p.path)).toEqual(['alerts.0.acknowledgedAt']); // an alert is acknowledged after it fired
  });
});
