import { describe, expect, it } from 'vitest';
import type { OverviewFigure, OverviewPeriod, OverviewResponse, ServiceCoverage } from '@firewatch/shared';
import { formatChange, overviewHeadlines, readinessGaps } from './overview-view';

const timing = { medianMinutes: 12.5, p90Minutes: 40, incidents: 10, excluded: 0 };
const period = (from: string, to: string, onCall: OverviewPeriod['onCall']): OverviewPeriod => ({
  from,
  to,
  days: 28,
  incidents: { total: 12, major: 3, bySeverity: [1, 2, 4, 5, 0] },
  workload: { minutes: 1500, working: 900, late: 300, sleeping: 300, hours: 25, responders: 5, costAmount: null, sleepingShare: 0.2, hoursPerResponderPerWeek: 1.25 },
  noise: {
    fired: 50,
    escalated: 20,
    actionable: 9,
    noise: 11,
    actionableRatio: 0.45,
    pages: 30,
    interruptions: 25,
    sleepingInterruptions: 6,
    classes: { actionable: 9, flagged: 1, transient: 5, ignored: 3, ackOnly: 2 },
  },
  timings: { tta: timing, ttr: timing },
  readiness: { asOf: '2026-02-28', ready: 7, active: 10, readyRatio: 0.7 },
  onCall,
});
const figure = (name: OverviewFigure['figure'], current: number | null, previous: number | null, change: number | null): OverviewFigure => ({ figure: name, current, previous, change });

const report: OverviewResponse = {
  timezone: 'UTC',
  majorSeverity: 2,
  guideline: { incidentsPerShift: 2, shiftHours: 12 },
  current: period('2026-02-01', '2026-03-01', { primaryHours: 60, shifts: 5, incidentsPerShift: 2.4, exceedsGuideline: true, onCallHours: 120, responderHours: 3360, onCallShare: 0.036, responders: 4 }),
  previous: period('2026-01-04', '2026-02-01', null),
  figures: [
    figure('incidents', 12, 8, 0.5),
    figure('workloadHours', 25, 25, 0),
    figure('actionableRatio', 0.45, 0.5, -0.1),
    figure('readyResponders', 7, 0, null),
    figure('ttrMedianMinutes', 12.5, null, null),
    figure('incidentsPerShift', 2.4, null, null),
  ],
  freshness: { asOf: '2026-03-01T00:00:00.000Z', queuedChanges: 0, lagSeconds: 0 },
};

describe('overviewHeadlines', () => {
  it('formats each figure, its change and whether the change is good news, with the page explaining it', () => {
    const tiles = overviewHeadlines(report);
    // Only the figures the report carries, in reading order.
    expect(tiles.map((t) => t.figure)).toEqual(['incidents', 'workloadHours', 'actionableRatio', 'readyResponders', 'ttrMedianMinutes', 'incidentsPerShift']);
    expect(tiles[0]).toEqual({
      figure: 'incidents',
      label: 'Incidents',
      value: '12',
      previous: '8',
      change: '+50%', // 0.5
      tone: 'worse', // more incidents
      note: '3 major (SEV ≤ 2)',
      page: '/incidents',
    });
    expect(tiles[1]).toMatchObject({ value: '25 h', change: '±0%', tone: 'same', note: '20% at night (sleeping hours)', page: '/workload' });
    expect(tiles[2]).toMatchObject({ value: '45%', previous: '50%', change: '−10%', tone: 'worse', page: '/noise' }); // fewer actionable pages
    expect(tiles[3]).toMatchObject({ value: '7', previous: '0', change: 'none before', tone: 'better', note: 'of 10 active on 2026-02-28', page: '/readiness' });
    expect(tiles[4]).toMatchObject({ value: '13 min', // whole minutes from 10 min up
      previous: '—', change: 'no comparison', tone: null });
    expect(tiles[5]).toMatchObject({ value: '2.4', note: 'above the SRE guideline of ≤ 2' });
  });
});

describe('formatChange', () => {
  it.each([
    [0.5, '+50%'],
    [-0.038, '−3.8%'],
    [0, '±0%'],
    [3.412, '+341%'],
  ])('%f → %s', (change, text) => {
    expect(formatChange(change)).toBe(text);
  });
});

describe('readinessGaps', () => {
  const service = (name: string, status: ServiceCoverage['status']): ServiceCoverage => ({ externalId: name, name, team: null, ready: status === 'single' ? 1 : 0, responders: [], readyResponders: [], status });
  it('lists uncovered services first, then single points of knowledge, by name; covered ones not at all', () => {
    const gaps = readinessGaps([service('Kafka', 'single'), service('DNS', 'covered'), service('Redis', 'uncovered'), service('Auth', 'single'), service('Blob', 'uncovered')]);
    expect(gaps.map((s) => s.name)).toEqual(['Blob', 'Redis', 'Auth', 'Kafka']);
  });
});
