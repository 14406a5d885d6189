import { describe, expect, it } from 'vitest';
import { parseIsoDate, readinessReportSchema, resolveDateRange } from '@firewatch/shared';
import { computeReadiness, qualifies, readinessPeople, readinessSeries, readyIntervals, type ReadinessInput, type ReadinessRules } from './compute-readiness.js';
import type { ExperienceRow, ReadinessResponderRow, ReadinessServiceRow } from './readiness.query.js';

/*
 * SPEC §2.6 on a small story, org time zone UTC, window 60 days, major ≤ 2, 15 minutes.
 * Day arithmetic in 2026: February has 28 days.
 */
const RULES: ReadinessRules = { windowDays: 60, majorSeverity: 2, minMinutes: 15 };

const SERVICES: ReadinessServiceRow[] = [
  { id: 1, externalId: 'svc-api', name: 'API', team: 'core' },
  { id: 2, externalId: 'svc-db', name: 'Postgres', team: 'core' },
  { id: 3, externalId: 'svc-pay', name: 'Payments', team: 'payments' },
  { id: 4, externalId: 'svc-web', name: 'Web', team: 'core' },
];
const serviceIds = (ids: string[]) => ids.map((ext) => SERVICES.find((s) => s.externalId === ext)!.id);

const CORE = { externalId: 'core', name: 'Core' };
const PAYMENTS = { externalId: 'payments', name: 'Payments' };

function responder(id: number, externalId: string, team: typeof CORE | null, startedOn: string | null = null, leftOn: string | null = null): ReadinessResponderRow {
  return {
    id,
    externalId,
    name: externalId.slice(2),
    teamId: team === null ? null : team === CORE ? 1 : 2,
    team,
    startedAt: startedOn === null ? null : new Date(`${startedOn}T09:00:00Z`),
    leftAt: leftOn === null ? null : new Date(`${leftOn}T16:00:00Z`),
    startedOn,
    leftOn,
  };
}

function experience(responderId: number, externalId: string, date: string, fields: Partial<ExperienceRow> & { services: string[] }): ExperienceRow {
  return {
    responderId,
    incidentId: responderId * 100 + date.length,
    externalId,
    title: externalId,
    kind: 'incident',
    severity: 1,
    date,
    minutes: 30,
    roles: [],
    serviceIds: serviceIds(fields.services),
    ...fields,
  };
}

const RESPONDERS = [
  responder(1, 'r-ada', CORE),
  responder(2, 'r-bob', CORE),
  responder(3, 'r-cy', PAYMENTS),
  responder(4, 'r-dee', CORE, null, '2026-02-25'), // leaves: last active day 02-24
  responder(5, 'r-eve', PAYMENTS, '2026-02-22'), // hired: first active day 02-22
  responder(6, 'r-fay', CORE),
];

const EXPERIENCES = [
  experience(1, 'inc-a', '2026-01-01', { services: ['svc-db'] }), // SEV1, 30 min: ready 01-01 … 03-01
  experience(2, 'gd-1', '2026-02-10', { kind: 'game_day', severity: 3, minutes: 20, services: ['svc-api'] }), // game day, 20 min: ready 02-10 … 04-10
  experience(2, 'inc-c', '2026-02-15', { severity: 3, minutes: 60, services: ['svc-db'] }), // SEV3: not major, never counts
  experience(3, 'inc-b', '2026-02-20', { severity: 2, minutes: 10, roles: ['lead'], services: ['svc-pay'] }), // lead, 10 min: counts
  experience(4, 'inc-d', '2026-02-01', { services: ['svc-db'] }), // ready 02-01 … 02-24 (left 02-25)
  experience(5, 'gd-2', '2026-02-23', { kind: 'game_day', severity: 4, minutes: 15, services: ['svc-pay'] }), // exactly 15 min counts
  experience(6, 'inc-a', '2026-01-01', { minutes: 14, services: ['svc-db'] }), // 14 min, no role: not enough
];

const day = (date: string) => parseIsoDate(date)!;

describe('qualifies (SPEC §2.6 qualifying experience)', () => {
  it.each<[string, number, number, string[], boolean, string]>([
    // kind, severity, minutes, roles, qualifies, why
    ['incident', 1, 30, [], true, 'SEV1 with 30 min'],
    ['incident', 2, 15, [], true, 'SEV2 with exactly 15 min'],
    ['incident', 2, 14.99, [], false, 'SEV2 with 14.99 min'],
    ['incident', 2, 45 / 3, [], true, '1/3 of 45 min is 15, whatever the floating point'],
    ['incident', 2, 10, ['lead'], true, 'a lead role with under 15 min'],
    ['incident', 2, 0, ['scribe'], true, 'any role, no workload at all'],
    ['incident', 3, 60, [], false, 'SEV3 is not major (threshold 2)'],
    ['incident', 3, 0, ['lead'], false, 'a role on a SEV3 neither'],
    ['game_day', 4, 20, [], true, 'a game day of any severity with 20 min'],
    ['game_day', 5, 5, ['facilitator'], true, 'a role on a game day'],
    ['game_day', 1, 10, [], false, 'a game day with 10 min and no role'],
    ['test', 1, 60, ['lead'], false, 'test incidents count nowhere'],
  ])('%s SEV%d, %d min, roles %j → %s (%s)', (kind, severity, minutes, roles, expected) => {
    expect(qualifies({ kind: kind as ExperienceRow['kind'], severity, minutes, roles }, RULES)).toBe(expected);
  });

  it('takes the major threshold from the rules (a severity filter caps it)', () => {
    expect(qualifies({ kind: 'incident', severity: 2, minutes: 30, roles: [] }, { ...RULES, majorSeverity: 1 })).toBe(false);
  });
});

describe('ready on day d: a qualifying experience in (d − window, d] while active', () => {
  const [ada] = readinessPeople([RESPONDERS[0]!], [EXPERIENCES[0]!], RULES);

  it.each([
    // day, ready, why (experience on 2026-01-01 = day 1 of its window)
    ['2025-12-31', 0, 'before the experience'],
    ['2026-01-01', 1, 'day 1: the experience date itself, e ≤ d'],
    ['2026-03-01', 1, 'day 60: 01-01 + 59 days (31 + 28 = 59); 03-01 − 60 = 12-31 < 01-01'],
    ['2026-03-02', 0, 'day 61: 03-02 − 60 = 01-01, outside (d − window, d]'],
  ])('%s → %d (%s)', (date, ready) => {
    const [row] = readinessSeries([ada!], day(date), day(date) + 1, 60);
    expect(row).toMatchObject({ date, ready, active: 1 });
  });

  it('merges overlapping windows and clips them to employment', () => {
    const dee = readinessPeople([RESPONDERS[3]!], [EXPERIENCES[4]!, experience(4, 'inc-x', '2026-02-05', { services: [] })], RULES)[0]!;
    // 02-01 opens [02-01, 04-02), 02-05 [02-05, 04-06): one interval, cut at the leftAt date 02-25.
    expect(readyIntervals(dee, 60)).toEqual([[day('2026-02-01'), day('2026-02-25')]]);
    const eve = readinessPeople([responder(5, 'r-eve', PAYMENTS, '2026-02-22')], [experience(5, 'gd-0', '2026-02-01', { kind: 'game_day', services: [] })], RULES)[0]!;
    // An experience before they joined: ready from the first active day only, 02-22 … 04-01.
    expect(readyIntervals(eve, 60)).toEqual([[day('2026-02-22'), day('2026-04-02')]]);
  });
});

describe('computeReadiness', () => {
  /** The fixture's report over [from, to) as of 02-24, with `more` options. */
  const reportOver = (from: string, to: string, more: Partial<ReadinessInput> = {}) =>
    computeReadiness({
      range: resolveDateRange({ from, to }, 'UTC', '2026-03-10'),
      timeZone: 'UTC',
      asOf: '2026-02-24',
      rules: RULES,
      responders: RESPONDERS,
      services: SERVICES,
      experiences: EXPERIENCES,
      ...more,
    });
  const report = reportOver('2026-02-20', '2026-03-05', { teamSeries: 'daily' });

  it('answers the shared response schema', () => {
    expect(readinessReportSchema.omit({ freshness: true }).parse(report)).toEqual(report);
  });

  it('answers the daily series by a sweep, with hires and departures marked', () => {
    const rows = report.series.map((d) => [d.date, d.ready, d.active, d.readyRatio, d.hires, d.departures]);
    expect(rows).toEqual([
      // active: ada, bob, cy, dee, fay; ready: ada (01-01), bob (gd-1 02-10), cy (lead 02-20), dee (02-01); fay 14 min never
      ['2026-02-20', 4, 5, 0.8, 0, 0],
      ['2026-02-21', 4, 5, 0.8, 0, 0],
      ['2026-02-22', 4, 6, 0.6667, 1, 0], // eve hired (4 / 6 = 0.6667); her game day is tomorrow
      ['2026-02-23', 5, 6, 0.8333, 0, 0], // eve's game day, 15 min
      ['2026-02-24', 5, 6, 0.8333, 0, 0], // dee's last active day
      ['2026-02-25', 4, 5, 0.8, 0, 1], // dee left (leftAt date): neither active nor ready
      ['2026-02-26', 4, 5, 0.8, 0, 0],
      ['2026-02-27', 4, 5, 0.8, 0, 0],
      ['2026-02-28', 4, 5, 0.8, 0, 0],
      ['2026-03-01', 4, 5, 0.8, 0, 0], // ada's day 60
      ['2026-03-02', 3, 5, 0.6, 0, 0], // ada's day 61: lapsed
      ['2026-03-03', 3, 5, 0.6, 0, 0],
      ['2026-03-04', 3, 5, 0.6, 0, 0], // to = 03-05 exclusive
    ]);
  });

  it('answers a series per team of the responders', () => {
    expect(report.teams.map((t) => t.externalId)).toEqual(['core', 'payments']); // by name
    const core = report.teams[0]!.series;
    const payments = report.teams[1]!.series;
    expect([core[0], payments[0]]).toMatchObject([
      { date: '2026-02-20', ready: 3, active: 4 }, // ada, bob, dee of ada, bob, dee, fay
      { date: '2026-02-20', ready: 1, active: 1 }, // cy
    ]);
    expect(payments.slice(2, 4).map((d) => [d.date, d.ready, d.active])).toEqual([
      ['2026-02-22', 1, 2], // eve joined
      ['2026-02-23', 2, 2], // eve's game day
    ]);
  });

  it('answers only the last day of each team with teamSeries last, the same figures as the daily series’', () => {
    const last = reportOver('2026-02-20', '2026-03-05', { teamSeries: 'last' });
    expect(last.teams.map((t) => [t.externalId, t.series.map((d) => [d.date, d.ready, d.active])])).toEqual([
      ['core', [['2026-03-04', 1, 3]]], // active: ada, bob, fay (dee left 02-25); ready: bob only (ada lapsed 03-02, fay never)
      ['payments', [['2026-03-04', 2, 2]]], // cy and eve; 1 + 2 = 3 ready of 3 + 2 = 5, the organisation's 03-04
    ]);
    expect(last.teams.map((t) => t.series[0])).toEqual(report.teams.map((t) => t.series.at(-1)));
    expect(last.series).toEqual(report.series); // the organisation's series stays daily
    // `last` is the default: long per-team daily series are asked for explicitly (SPEC §3).
    expect(reportOver('2026-02-20', '2026-03-05')).toEqual(last);
  });

  it('answers every service’s coverage on asOf, fewest ready first', () => {
    expect(report.services).toEqual([
      { externalId: 'svc-web', name: 'Web', team: 'core', ready: 0, responders: [], readyResponders: [], status: 'uncovered' }, // no experience touched it
      { externalId: 'svc-api', name: 'API', team: 'core', ready: 1, responders: ['r-bob'], readyResponders: [{ externalId: 'r-bob', name: 'bob' }], status: 'single' }, // gd-1 02-10
      { externalId: 'svc-pay', name: 'Payments', team: 'payments', ready: 2, responders: ['r-cy', 'r-eve'], readyResponders: [{ externalId: 'r-cy', name: 'cy' }, { externalId: 'r-eve', name: 'eve' }], status: 'covered' }, // inc-b 02-20, gd-2 02-23
      // ada 01-01 and dee 02-01 are in (12-26, 02-24]; bob's SEV3 and fay's 14 minutes do not count
      { externalId: 'svc-db', name: 'Postgres', team: 'core', ready: 2, responders: ['r-ada', 'r-dee'], readyResponders: [{ externalId: 'r-ada', name: 'ada' }, { externalId: 'r-dee', name: 'dee' }], status: 'covered' },
    ]);
  });

  it('lists responders lapsing within 14 days of asOf, and services that would drop to ≤ 1', () => {
    expect(report.lapsing).toEqual([
      { externalId: 'r-dee', name: 'dee', team: CORE, expiresOn: '2026-02-25', lastExperienceOn: '2026-02-01' }, // leaves before 04-02
      { externalId: 'r-ada', name: 'ada', team: CORE, expiresOn: '2026-03-02', lastExperienceOn: '2026-01-01' }, // 01-01 + 60
    ]); // bob (04-11), cy (04-21), eve (04-24) are after 02-24 + 14 = 03-10
    // On 03-10 with nothing new: svc-db has neither ada nor dee (2 → 0); svc-api stays at 1 (no drop).
    expect(report.lapsingServices).toEqual([{ externalId: 'svc-db', name: 'Postgres', readyNow: 2, readyThen: 0, statusThen: 'uncovered', readyResponders: [{ externalId: 'r-ada', name: 'ada' }, { externalId: 'r-dee', name: 'dee' }] }]);
  });

  it('lists hires and departures in the range with the coverage a departure took', () => {
    expect(report.hires).toEqual([{ externalId: 'r-eve', name: 'eve', team: PAYMENTS, startedAt: '2026-02-22T09:00:00.000Z' }]);
    expect(report.departures).toEqual([
      {
        externalId: 'r-dee',
        name: 'dee',
        team: CORE,
        leftAt: '2026-02-25T16:00:00.000Z',
        servicesAffected: ['svc-db'], // dee covered svc-db on 02-24 through inc-d
        services: [{ externalId: 'svc-db', readyBefore: 2, readyAfter: 1 }], // ada + dee on 02-24, ada on 02-25
      },
    ]);
  });

  it('answers a two-year range day by day from the same rows', () => {
    const long = reportOver('2025-01-01', '2027-01-01');
    expect(long.series).toHaveLength(730); // 365 + 365
    expect(long.series.find((d) => d.date === '2026-03-01')).toMatchObject({ ready: 4, active: 5 });
    // Each ready day is one (responder, day) pair: ada 60 (01-01 … 03-01), bob 60, cy 60, dee 24 (02-01 … 02-24), eve 60 (02-23 … 04-23).
    expect(long.series.reduce((n, d) => n + d.ready, 0)).toBe(60 + 60 + 60 + 24 + 60);
  });
});
