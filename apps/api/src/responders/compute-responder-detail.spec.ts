import { describe, expect, it } from 'vitest';
import { resolveDateRange, responderDetailSchema } from '@firewatch/shared';
import type { ExperienceRow } from '../analytics/readiness/readiness.query.js';
import { computeResponderDetail, type ResponderDetailInput } from './compute-responder-detail.js';
import type { ResponderProfileRow } from './responders.repository.js';

/* One responder, org time zone UTC, window 60 days, major ≤ 2, 15 minutes. */
const PROFILE: ResponderProfileRow = {
  id: 7,
  externalId: 'r-kim',
  name: 'Kim',
  email: 'kim@example.com',
  chatUserId: null,
  teamId: 1,
  team: { externalId: 'core', name: 'Core' },
  timezone: 'Europe/Berlin',
  workingHours: null,
  holidayCountry: null,
  startedAt: new Date('2025-06-02T08:00:00Z'),
  leftAt: new Date('2026-04-10T17:00:00Z'),
  startedOn: '2025-06-02',
  leftOn: '2026-04-10',
};

const row = (externalId: string, date: string, fields: Partial<ExperienceRow>): ExperienceRow => ({
  responderId: 7,
  incidentId: externalId.length,
  externalId,
  title: externalId,
  kind: 'incident',
  severity: 1,
  date,
  minutes: 0,
  roles: [],
  serviceIds: [1],
  services: ['svc-db'],
  ...fields,
});

const EXPERIENCES = [
  row('inc-1', '2025-12-20', { minutes: 40 }), // before the range: readiness only
  row('inc-2', '2026-01-15', { severity: 2, minutes: 9.96, roles: ['lead'], serviceIds: [1, 2], services: ['svc-db', 'svc-api'] }),
  row('gd-1', '2026-02-03', { kind: 'game_day', severity: 3, minutes: 16.04, serviceIds: [3], services: ['svc-web'] }),
  row('inc-3', '2026-02-05', { severity: 3, minutes: 90 }), // SEV3: not an experience
  row('inc-4', '2026-02-06', { minutes: 12 }), // 12 min, no role: not one
];

function detail(asOf: string): ReturnType<typeof computeResponderDetail> {
  const input: ResponderDetailInput = {
    profile: PROFILE,
    range: resolveDateRange({ from: '2026-01-01', to: '2026-03-01' }, 'UTC', '2026-03-01'),
    timeZone: 'UTC',
    asOf,
    rules: { windowDays: 60, majorSeverity: 2, minMinutes: 15 },
    experiences: EXPERIENCES,
    workload: { minutes: 161.96, working: 100, late: 50, sleeping: 11.96, incidents: 4 },
    gameDayMinutes: 16.04,
    interruptions: { pages: 0, interruptions: 0, sleepingInterruptions: 0, disruptedHours: 0, disruptedNights: 0 },
  };
  return computeResponderDetail(input);
}

describe('computeResponderDetail', () => {
  it('answers readiness on asOf, the experiences in the range and the workload', () => {
    const body = detail('2026-02-10');
    expect(responderDetailSchema.parse(body)).toEqual(body);
    expect(body.readiness).toEqual({
      asOf: '2026-02-10',
      active: true,
      ready: true,
      expiresOn: '2026-04-04', // gd-1 02-03 + 60 days (25 + 31 + 4), before leaving on 04-10
      lastExperienceOn: '2026-02-03',
      services: ['svc-api', 'svc-db', 'svc-web'], // inc-1 12-20 and inc-2 01-15 are in (12-12, 02-10] too
    });
    expect(body.experiences.map((e) => [e.incident.externalId, e.date, e.roles, e.minutes, e.readyUntil])).toEqual([
      ['gd-1', '2026-02-03', [], 16, '2026-04-03'], // 16.04 → 16.0; 02-03 + 59
      ['inc-2', '2026-01-15', ['lead'], 10, '2026-03-15'], // a lead with 9.96 min; 01-15 + 59
    ]); // inc-1 is before the range, inc-3 is a SEV3, inc-4 has 12 minutes
    expect(body.workload).toEqual({ minutes: 162, working: 100, late: 50, sleeping: 12, incidents: 4, gameDayMinutes: 16 });
    expect(body.interruptions).toEqual({ pages: 0, interruptions: 0, sleepingInterruptions: 0, disruptedHours: 0, disruptedNights: 0 });
  });

  it.each<[string, boolean, boolean, string | null, string]>([
    // asOf, active, ready, expiresOn, why
    ['2026-04-03', true, true, '2026-04-04', 'day 60 of gd-1'],
    ['2026-04-04', true, false, null, 'day 61 of gd-1; nothing later qualifies'],
    ['2026-04-10', false, false, null, 'the leftAt date'],
    ['2025-06-01', false, false, null, 'the day before joining'],
  ])('on %s: active %s, ready %s, expires %s (%s)', (asOf, active, ready, expiresOn) => {
    expect(detail(asOf).readiness).toMatchObject({ active, ready, expiresOn });
  });
});
