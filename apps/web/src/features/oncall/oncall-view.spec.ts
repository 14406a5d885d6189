import { describe, expect, it } from 'vitest';
import type { OncallResponder, OncallTeam } from '@firewatch/shared';
import { hoursRows, nightsRows, selectedResponder, teamSpreadRows, withSelectedResponder } from './oncall-view';

const responder = (externalId: string, more: Partial<OncallResponder> = {}): OncallResponder => ({
  externalId,
  name: externalId.toUpperCase(),
  team: { externalId: 'core', name: 'Core' },
  timeZone: 'UTC',
  shifts: 1,
  onCallHours: 0,
  outsideWorkingHours: 0,
  sleepingHours: 0,
  interruptions: 0,
  offCallInterruptions: 0,
  interruptionsPerOnCallHour: null,
  sleepingInterruptions: 0,
  disruptedNights: 0,
  incidentHoursOnCall: 0,
  incidentHoursOffCall: 0,
  longestStreakWeeks: 0,
  currentStreakWeeks: 0,
  lastNightInterrupted: null,
  daysSinceLastNightInterrupted: null,
  loadRatio: null,
  flags: [],
  ...more,
});
const spread = (busiestShare: number | null, median = 0) => ({ total: 0, busiestShare, maxToMedian: null, median });
const team = (externalId: string | null, name: string, nights: number | null, hours: number | null, nightsMedian = 0): OncallTeam => ({
  externalId,
  name,
  members: 2,
  busiestMembers: 1,
  onCallHours: spread(hours),
  interruptions: spread(null),
  disruptedNights: spread(nights, nightsMedian),
  medianInterruptionsPerOnCallHour: null,
  mostLoaded: null,
  flagged: 0,
});

describe('hoursRows', () => {
  it('splits on-call hours into working, late and sleeping, most hours first, leaving out people without any', () => {
    const rows = hoursRows({
      responders: [
        responder('r-a', { onCallHours: 16, outsideWorkingHours: 13, sleepingHours: 9 }),
        responder('r-b', { onCallHours: 23, outsideWorkingHours: 23, sleepingHours: 8 }),
        responder('r-c'),
      ],
    });
    expect(rows.map((r) => [r.externalId, r.working, r.late, r.sleeping])).toEqual([
      ['r-b', 0, 15, 8], // 23 − 23; 23 − 8
      ['r-a', 3, 4, 9], // 16 − 13; 13 − 9
    ]);
  });
});

describe('nightsRows', () => {
  it('joins each responder with their team’s median nights', () => {
    const rows = nightsRows({
      responders: [responder('r-a', { disruptedNights: 2 }), responder('r-b', { disruptedNights: 7 }), responder('r-c', { team: null, disruptedNights: 1 }), responder('r-d')],
      teams: [team('core', 'Core', 0.7, 0.5, 2), team(null, 'No team', 1, 1, 1)],
    });
    expect(rows.map((r) => [r.externalId, r.disruptedNights, r.teamMedianNights])).toEqual([
      ['r-b', 7, 2],
      ['r-a', 2, 2],
      ['r-c', 1, 1],
    ]);
  });
});

describe('teamSpreadRows', () => {
  it('puts the most uneven team first and draws a missing share as 0', () => {
    const rows = teamSpreadRows({ teams: [team('a', 'A', 0.3, 0.4), team('b', 'B', 0.8, 0.5), team('c', 'C', null, null)] });
    expect(rows.map((r) => [r.externalId, r.nightsShare, r.hoursShare])).toEqual([
      ['b', 0.8, 0.5],
      ['a', 0.3, 0.4],
      ['c', 0, 0],
    ]);
  });
});

describe('the selected responder', () => {
  it('lives in the URL next to the filters', () => {
    const params = withSelectedResponder(new URLSearchParams('team=core'), 'r-a');
    expect(params.toString()).toBe('team=core&responder=r-a');
    expect(selectedResponder(params, { responders: [responder('r-a')] })?.externalId).toBe('r-a');
    expect(selectedResponder(params, { responders: [responder('r-b')] })).toBeNull();
    expect(withSelectedResponder(params, null).toString()).toBe('team=core');
  });
});
