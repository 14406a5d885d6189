import type { ReadinessReport } from '@firewatch/shared';
import { describe, expect, it } from 'vitest';
import { RANKING_ROWS } from '../../components/charts/ranking-rows';
import {
  coverageCounts,
  departureImpactRows,
  lapsingResponderRows,
  lapsingServiceRows,
  peopleMarkers,
  READINESS_DEFINITION,
  readAsOf,
  teamRows,
  teamsToDraw,
  teamSeriesFor,
  teamShareDays,
  TEAM_LINES_MAX,
} from './readiness-view';

const team = { externalId: 'platform', name: 'Platform' };
const day = (date: string, ready: number, active: number) => ({ date, ready, active, readyRatio: active ? ready / active : null, hires: 0, departures: 0 });

const report: Pick<ReadinessReport, 'asOf' | 'timezone' | 'teams' | 'services' | 'lapsing' | 'lapsingServices' | 'hires' | 'departures'> = {
  asOf: '2026-11-21',
  timezone: 'America/New_York',
  teams: [
    { externalId: 'platform', name: 'Platform', series: [day('2026-11-20', 3, 5), day('2026-11-21', 4, 5)] },
    { externalId: null, name: 'No team', series: [] },
  ],
  services: [
    { externalId: 'svc-pg', name: 'Postgres', team: 'platform', ready: 0, responders: [], readyResponders: [], status: 'uncovered' },
    { externalId: 'svc-kafka', name: 'Kafka', team: 'platform', ready: 1, responders: ['r-1'], readyResponders: [{ externalId: 'r-1', name: 'Ada' }], status: 'single' },
    { externalId: 'svc-dns', name: 'DNS', team: 'platform', ready: 2, responders: ['r-1', 'r-2'], readyResponders: [{ externalId: 'r-1', name: 'Ada' }, { externalId: 'r-2', name: 'Grace' }], status: 'covered' },
  ],
  lapsing: [{ externalId: 'r-1', name: 'Ada', team, expiresOn: '2026-11-24', lastExperienceOn: '2026-09-25' }],
  lapsingServices: [
    { externalId: 'svc-dns', name: 'DNS', readyNow: 2, readyThen: 1, statusThen: 'single', readyResponders: [{ externalId: 'r-1', name: 'Ada' }, { externalId: 'r-2', name: 'Grace' }] },
  ],
  // 03:30 UTC on 06-01 is still 05-31 in New York: the series counts the hire on the 31st.
  hires: [{ externalId: 'r-2', name: 'Grace', team, startedAt: '2026-06-01T03:30:00.000Z' }],
  departures: [
    {
      externalId: 'r-3',
      name: 'Lena',
      team,
      leftAt: '2026-07-08T16:00:00.000Z',
      servicesAffected: ['svc-pg', 'svc-gone'],
      services: [
        { externalId: 'svc-pg', readyBefore: 1, readyAfter: 0 },
        { externalId: 'svc-gone', readyBefore: 3, readyAfter: 1 },
      ],
    },
  ],
};

describe('readAsOf', () => {
  it.each([
    ['asOf=2026-11-01', '2026-11-01'],
    ['asOf=2026-02-30', null], // not a day: the API's default (today)
    ['', null],
  ])('%s → %s', (search, asOf) => {
    expect(readAsOf(new URLSearchParams(search))).toBe(asOf);
  });
});

describe('peopleMarkers', () => {
  it('marks hires and departures on their day in the organisation zone', () => {
    expect(peopleMarkers(report).map((m) => [m.kind, m.category, m.label])).toEqual([
      ['hire', '2026-05-31', 'Grace joined'],
      ['departure', '2026-07-08', 'Lena left'], // 12:00 in New York
    ]);
  });
});

describe('teamRows', () => {
  it('takes each team’s last day, ready + not ready = active, and skips an empty series', () => {
    expect(teamRows(report)).toEqual([
      { externalId: 'platform', name: 'Platform', date: '2026-11-21', ready: 4, notReady: 1, active: 5, readyRatio: 0.8 }, // 5 − 4
    ]);
  });
});

describe('lapsing rows', () => {
  it('counts the days left after asOf', () => {
    expect(lapsingResponderRows(report)[0]).toMatchObject({ name: 'Ada', team: 'Platform', daysLeft: 3 }); // 11-21 → 11-24
  });
  it('splits a service’s coverage into still ready and lapsing', () => {
    expect(lapsingServiceRows(report)[0]).toMatchObject({ readyNow: 2, readyThen: 1, lapsing: 1 }); // 2 − 1
  });
});

describe('departureImpactRows', () => {
  it('has one row per affected service, with the coverage lost and the service named where known', () => {
    expect(departureImpactRows(report).map((r) => [r.responderName, r.leftOn, r.serviceName, r.readyAfter, r.lost])).toEqual([
      ['Lena', '2026-07-08', 'Postgres', 0, 1], // 1 − 0
      ['Lena', '2026-07-08', 'svc-gone', 1, 2], // not in scope on asOf: the id; 3 − 1
    ]);
  });
});

describe('coverageCounts', () => {
  it('counts services by status', () => {
    expect(coverageCounts(report)).toEqual({ covered: 1, single: 1, uncovered: 1 });
  });
});

it('links to the METRICS.md section on readiness', () => {
  expect(READINESS_DEFINITION).toBe('responder-readiness');
});

describe('teamShareDays', () => {
  it('lines the teams’ shares up by day, a team without anyone active as null', () => {
    const { days, teams } = teamShareDays({
      series: [day('2026-11-20', 5, 8), day('2026-11-21', 6, 8)],
      teams: [
        { externalId: 'platform', name: 'Platform', series: [day('2026-11-20', 3, 4), day('2026-11-21', 4, 4)] },
        { externalId: null, name: 'No team', series: [day('2026-11-20', 2, 4), day('2026-11-21', 0, 0)] },
      ],
    });
    expect(teams.map((t) => [t.key, t.name])).toEqual([
      ['platform', 'Platform'],
      ['no-team', 'No team'],
    ]);
    expect(days).toEqual([
      { date: '2026-11-20', shares: { platform: 0.75, 'no-team': 0.5 } }, // 3 ÷ 4, 2 ÷ 4
      { date: '2026-11-21', shares: { platform: 1, 'no-team': null } }, // 4 ÷ 4, nobody active
    ]);
  });
});

describe('teamSeriesFor', () => {
  it('asks for every day when the teams’ lines fit on the chart, else for the last day only', () => {
    expect(TEAM_LINES_MAX).toBe(8); // one line per colour
    expect(teamSeriesFor(null, 8)).toBe('daily');
    expect(teamSeriesFor(null, 9)).toBe('last');
    expect(teamSeriesFor(null, 378)).toBe('last');
  });

  it('asks for every day of one filtered team, waits for the team list, and asks for less if it failed', () => {
    expect(teamSeriesFor('platform', 378)).toBe('daily');
    expect(teamSeriesFor('platform', undefined)).toBe('daily');
    expect(teamSeriesFor(null, undefined)).toBeUndefined();
    expect(teamSeriesFor(null, null)).toBe('last');
  });
});

describe('teamsToDraw', () => {
  const row = (name: string, ready: number, active: number) => ({ externalId: name, name, date: '2026-11-21', ready, notReady: active - ready, active, readyRatio: active ? ready / active : null });

  it('draws every team when they fit', () => {
    const rows = [row('b', 1, 2), row('a', 2, 2)];
    expect(teamsToDraw(rows)).toEqual(rows);
  });

  it('draws the teams with the lowest ready share beyond RANKING_ROWS, by name on ties, none without active responders', () => {
    expect(RANKING_ROWS).toBe(15);
    // 20 teams: t00 … t19 with 19 − i of 20 ready, so t19 has the lowest share (0 / 20); one more with nobody active.
    const rows = [...Array.from({ length: 20 }, (_, i) => row(`t${String(i).padStart(2, '0')}`, 19 - i, 20)), row('idle', 0, 0), row('u', 0, 20)];
    const drawn = teamsToDraw(rows).map((r) => r.name);
    expect(drawn).toHaveLength(15);
    // share 0: t19 and u (by name), then t18 (1/20) … t06 (13/20)
    expect(drawn).toEqual(['t19', 'u', 't18', 't17', 't16', 't15', 't14', 't13', 't12', 't11', 't10', 't09', 't08', 't07', 't06']);
  });
});
