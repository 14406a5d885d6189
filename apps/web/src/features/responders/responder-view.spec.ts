import type { ResponderDetail } from '@firewatch/shared';
import { describe, expect, it } from 'vitest';
import { daysBetween, responderHeadline, responderPath } from './responder-view';

describe('responderPath', () => {
  it.each([
    [undefined, undefined, '/responders/r-014'], // defaults left out
    [{ preset: 'year' as const }, '2026-11-01', '/responders/r-014?preset=year&asOf=2026-11-01'],
    [{ preset: 'custom' as const, from: '2026-01-01', to: '2026-02-01' }, null, '/responders/r-014?preset=custom&from=2026-01-01&to=2026-02-01'],
  ])('%o asOf %s → %s', (date, asOf, path) => {
    expect(responderPath('r-014', date, asOf)).toBe(path);
  });

  it('escapes the id', () => {
    expect(responderPath('a/b c')).toBe('/responders/a%2Fb%20c');
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-11-21', '2026-11-24', 3],
    ['2026-03-28', '2026-03-30', 2], // across a DST change in Europe: still whole days
    ['2026-12-31', '2027-01-01', 1],
    ['2026-01-02', '2026-01-01', -1],
  ])('%s → %s = %i', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe('responderHeadline', () => {
  const detail = (readiness: Partial<ResponderDetail['readiness']>): ResponderDetail => ({
    externalId: 'r-014',
    name: 'Oliver Evans',
    email: null,
    chatUserId: null,
    team: null,
    timezone: 'Europe/London',
    startedAt: null,
    leftAt: null,
    range: { from: '2026-08-24', to: '2026-11-22', timeZone: 'UTC' },
    readiness: { asOf: '2026-11-21', active: true, ready: true, expiresOn: '2026-11-24', lastExperienceOn: '2026-09-25', services: [], ...readiness },
    experiences: [],
    workload: { minutes: 1680, working: 1200, late: 60, sleeping: 420, incidents: 17, gameDayMinutes: 63 },
    interruptions: { pages: 12, interruptions: 9, sleepingInterruptions: 3, disruptedHours: 8, disruptedNights: 2 },
  });

  it('gives hours, the sleeping share and the days of readiness left', () => {
    expect(responderHeadline(detail({}))).toEqual({
      readiness: 'Ready',
      daysLeft: 3, // 11-21 → 11-24
      hours: 28, // 1680 min ÷ 60
      sleepingShare: 0.25, // 420 ÷ 1680
      incidents: 17,
      gameDayHours: 1.05, // 63 ÷ 60
      experiences: 0,
    });
  });

  it.each([
    [{ ready: false, expiresOn: null }, 'Not ready', null],
    [{ active: false, ready: false, expiresOn: null }, 'Not active', null],
  ])('%o → %s', (readiness, label, daysLeft) => {
    const headline = responderHeadline(detail(readiness));
    expect([headline.readiness, headline.daysLeft]).toEqual([label, daysLeft]);
  });
});
