import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveDateRange } from '@firewatch/shared';
import { computeOncallReport, listedResponders, spread, streaks, unionIntervals, type OncallInput } from './compute-oncall.js';
import type { OncallPageRow, OncallResponderRow, OncallSegmentRow, OncallShiftRow } from './oncall.query.js';

const at = (iso: string) => Date.parse(iso);

let nextShift = 0;
const shift = (responderId: number, start: string, end: string, level = 1): OncallShiftRow => ({
  responderId,
  externalId: `sh-${++nextShift}`,
  rotation: 'ops-oncall',
  level,
  startMs: at(start),
  endMs: at(end),
});
const page = (responderId: number, time: string, alert = 'al-1'): OncallPageRow => ({ responderId, atMs: at(time), alert, rule: 'DiskFull', incident: null });
const segment = (responderId: number, start: string, end: string, share = 1): OncallSegmentRow => ({ responderId, startMs: at(start), endMs: at(end), share });
const responder = (id: number, timezone: string | null, team: string | null = 'ops'): OncallResponderRow => ({
  id,
  externalId: `r-${id}`,
  name: `R${id}`,
  teamExternalId: team,
  teamName: team === null ? null : team.toUpperCase(),
  timezone,
  workingHours: null,
  holidayCountry: null,
});

/** Rows sorted as the SQL orders them: by responder, then start / instant. */
function report(rows: Pick<OncallInput, 'responders' | 'shifts' | 'pages' | 'segments'>, from: string, to: string, detailResponderId: number | null = null) {
  return computeOncallReport({
    responders: rows.responders,
    shifts: [...rows.shifts].sort((a, b) => a.responderId - b.responderId || a.startMs - b.startMs),
    pages: [...rows.pages].sort((a, b) => a.responderId - b.responderId || a.atMs - b.atMs),
    segments: [...rows.segments].sort((a, b) => a.responderId - b.responderId || a.startMs - b.startMs),
    range: resolveDateRange({ from, to }, 'UTC', '2026-06-01', 90),
    settings: DEFAULT_SETTINGS, // UTC; Mon–Fri 08:00–19:00; sleeping 23:00–08:00; factor 3, ≥ 3 nights, ≥ 5 interruptions, ≤ 3 weeks
    detailResponderId,
  });
}

describe('unionIntervals', () => {
  it.each([
    ['disjoint stay apart', [[0, 2], [3, 5]], [[0, 2], [3, 5]]],
    ['overlapping merge', [[0, 4], [2, 6]], [[0, 6]]],
    ['touching merge (half-open)', [[0, 2], [2, 5]], [[0, 5]]],
    ['contained vanish', [[0, 10], [2, 3], [4, 12]], [[0, 12]]],
  ])('%s', (_name, input, expected) => {
    const union = unionIntervals(input.map(([startMs, endMs]) => ({ startMs: startMs!, endMs: endMs! })));
    expect(union.map((u) => [u.startMs, u.endMs])).toEqual(expected);
  });
});

describe('streaks', () => {
  const weeks = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'];
  it.each([
    ['none', [], 0, 0],
    ['every week', weeks, 5, 5],
    ['a gap breaks the run', ['2026-03-02', '2026-03-09', '2026-03-23', '2026-03-30'], 2, 2], // 02,09 | 23,30
    ['the run must reach the last week to be current', ['2026-03-09', '2026-03-16', '2026-03-23'], 3, 0],
  ])('%s', (_name, onCall, longest, current) => {
    expect(streaks(weeks, new Set(onCall))).toEqual({ longest, current });
  });
});

describe('spread', () => {
  it('takes the busiest ceil(20 %) of the members and max ÷ median', () => {
    expect(spread([168, 168, 168, 159, 4])).toEqual({
      total: 667, // 3 × 168 + 159 + 4
      busiestShare: 0.252, // ceil(0.2 × 5) = 1 member: 168 ÷ 667 = 0.2519
      maxToMedian: 1, // 168 ÷ median 168
      median: 168,
    });
    expect(spread([4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0])).toEqual({
      total: 10, // 4 + 3 + 2 + 1
      busiestShare: 0.9, // ceil(0.2 × 11) = 3 members: (4 + 3 + 2) ÷ 10
      maxToMedian: null, // the median member has 0
      median: 0,
    });
    expect(spread([])).toEqual({ total: 0, busiestShare: null, maxToMedian: null, median: 0 });
  });
});

describe('computeOncallReport: one person across a DST change and across local midnight', () => {
  // Range 2026-03-23 … 2026-04-06 (UTC): ISO weeks 03-23 and 03-30; last day 04-05.
  const berlin = responder(1, 'Europe/Berlin');
  const newYork = responder(2, 'America/New_York');
  const rows = {
    responders: [berlin, newYork],
    shifts: [
      // Berlin springs forward on Sun 29 Mar 02:00 → 03:00: Sat 20:00 CET → Sun 20:00 CEST is 23 wall hours.
      shift(1, '2026-03-28T19:00:00Z', '2026-03-29T18:00:00Z'),
      // New York (EDT, UTC−4): Tue 24 Mar 17:00 → Wed 25 Mar 09:00 local, across local midnight: 16 h.
      shift(2, '2026-03-24T21:00:00Z', '2026-03-25T13:00:00Z'),
      // A level-2 shift inside it (Tue 21:00 → Wed 01:00 local) adds nothing: counted once.
      shift(2, '2026-03-25T01:00:00Z', '2026-03-25T05:00:00Z', 2),
    ],
    pages: [
      page(2, '2026-03-25T06:00:00Z'), // Wed 02:00 EDT: sleeping, night of 03-24, on call
      page(2, '2026-03-25T06:00:30Z'), // 30 s later: merged into the one above (SPEC §2.5)
      page(2, '2026-03-25T07:30:00Z'), // Wed 03:30 EDT: sleeping, same night 03-24, on call
      page(2, '2026-03-27T03:30:00Z'), // Thu 26 Mar 23:30 EDT: sleeping, night of 03-26, off call
    ],
    segments: [
      segment(2, '2026-03-25T06:00:00Z', '2026-03-25T06:30:00Z'), // all inside the shift: 0.5 h on call
      segment(2, '2026-03-25T12:30:00Z', '2026-03-25T13:30:00Z', 0.5), // shift ends 13:00: 0.5 h × ½ on, 0.5 h × ½ off
    ],
  };
  const result = report(rows, '2026-03-23', '2026-04-06');
  const byId = new Map(result.responders.map((r) => [r.externalId, r]));

  it('counts the DST night as 23 hours, all outside working hours (a weekend)', () => {
    expect(byId.get('r-1')).toMatchObject({
      timeZone: 'Europe/Berlin',
      shifts: 1,
      onCallHours: 23, // Sat 20:00 CET → Sun 20:00 CEST = 24 − 1 skipped hour
      outsideWorkingHours: 23, // Saturday and Sunday: late or sleeping throughout
      sleepingHours: 8, // Sat 23:00 CET (22:00Z) → Sun 08:00 CEST (06:00Z) = 9 clock hours − 1 skipped
      interruptions: 0,
      interruptionsPerOnCallHour: 0, // 0 ÷ 23
      longestStreakWeeks: 0, // 23 h in the week of 03-23: less than the day a week needs to count
      currentStreakWeeks: 0,
      lastNightInterrupted: null,
      daysSinceLastNightInterrupted: null,
    });
  });

  it('splits a shift across local midnight by the responder’s clock, and counts overlapping shifts once', () => {
    expect(byId.get('r-2')).toMatchObject({
      shifts: 2,
      onCallHours: 16, // 21:00Z → 13:00Z; the level-2 shift lies inside
      outsideWorkingHours: 13, // 16 − working (Tue 17:00–19:00 = 2 h, Wed 08:00–09:00 = 1 h)
      sleepingHours: 9, // 23:00 → 08:00 EDT
      interruptions: 2, // 02:00 (+ the page 30 s later, merged) and 03:30, both during the shift
      offCallInterruptions: 1, // Thu 23:30 EDT, no shift
      interruptionsPerOnCallHour: 0.125, // 2 ÷ 16
      sleepingInterruptions: 3, // all three, on or off call
      disruptedNights: 2, // nights of 03-24 and 03-26
      incidentHoursOnCall: 0.75, // 0.5 + 0.5 × ½
      incidentHoursOffCall: 0.25, // 0.5 × ½ after 13:00Z
      lastNightInterrupted: '2026-03-26',
      daysSinceLastNightInterrupted: 10, // 03-26 → last day 04-05
    });
  });

  it('lists the shifts and interruptions behind one responder', () => {
    const { detail } = report(rows, '2026-03-23', '2026-04-06', 2);
    expect(detail?.responder).toEqual({ externalId: 'r-2', name: 'R2' });
    expect(detail?.shifts.map((s) => [s.level, s.hoursInRange, s.interruptions])).toEqual([
      [1, 16, 2], // 06:00Z and 07:30Z fell in the level-1 shift (21:00Z → 13:00Z)
      [2, 4, 0], // 01:00Z → 05:00Z holds none of them
    ]);
    expect(detail?.interruptions.map((i) => [i.at, i.bucket, i.onCall])).toEqual([
      ['2026-03-25T06:00:00.000Z', 'sleeping', true],
      ['2026-03-25T07:30:00.000Z', 'sleeping', true],
      ['2026-03-27T03:30:00.000Z', 'sleeping', false],
    ]);
  });
});

describe('computeOncallReport: a team, its spread and the health flags', () => {
  // Range 2026-03-02 … 2026-03-30 (UTC): ISO weeks 03-02, 03-09, 03-16, 03-23; last day 03-29.
  const rows = {
    responders: [1, 2, 3, 4, 5, 6].map((id) => responder(id, 'UTC')),
    shifts: [
      shift(1, '2026-03-02T09:00:00Z', '2026-03-09T09:00:00Z'), // 168 h, weeks 03-02 and 03-09
      shift(2, '2026-03-09T09:00:00Z', '2026-03-16T09:00:00Z'), // 168 h, weeks 03-09 and 03-16
      shift(3, '2026-03-16T09:00:00Z', '2026-03-23T09:00:00Z'), // 168 h, weeks 03-16 and 03-23
      shift(4, '2026-03-23T09:00:00Z', '2026-03-30T09:00:00Z'), // clipped at 03-30 00:00: 159 h, week 03-23
      // r-5: every Monday 00:00–24:00, a whole day in each of the four weeks: 96 h, four weeks in a row.
      ...[['02', '03'], ['09', '10'], ['16', '17'], ['23', '24']].map(([d, next]) => shift(5, `2026-03-${d}T00:00:00Z`, `2026-03-${next}T00:00:00Z`)),
    ],
    pages: [
      page(1, '2026-03-03T02:00:00Z'), // night of 03-02
      page(1, '2026-03-04T02:00:00Z'), // night of 03-03
      page(1, '2026-03-05T02:00:00Z'), // night of 03-04
      page(1, '2026-03-06T02:00:00Z'), // night of 03-05
      page(1, '2026-03-03T10:00:00Z'), // working
      page(1, '2026-03-04T10:00:00Z'), // working
      page(2, '2026-03-10T02:00:00Z'), // night of 03-09
      page(3, '2026-03-17T02:00:00Z'), // night of 03-16
    ],
    segments: [segment(6, '2026-03-10T10:00:00Z', '2026-03-10T11:00:00Z')], // r-6 pulled in without a shift
  };
  const result = report(rows, '2026-03-02', '2026-03-30');
  const byId = new Map(result.responders.map((r) => [r.externalId, r]));

  it('spreads hours, interruptions and nights over the five members with on-call time', () => {
    expect(result.teams).toEqual([
      {
        externalId: 'ops',
        name: 'OPS',
        members: 5, // r-6 has no on-call time
        busiestMembers: 1, // ceil(0.2 × 5)
        onCallHours: { total: 759, busiestShare: 0.221, maxToMedian: 1, median: 168 }, // 168,168,168,159,96: 168 ÷ 759
        interruptions: { total: 8, busiestShare: 0.75, maxToMedian: 6, median: 1 }, // 6,1,1,0,0: 6 ÷ 8; 6 ÷ 1
        disruptedNights: { total: 6, busiestShare: 0.667, maxToMedian: 4, median: 1 }, // 4,1,1,0,0: 4 ÷ 6; 4 ÷ 1
        medianInterruptionsPerOnCallHour: 0.006, // rates 6/168, 1/168, 1/168, 0, 0 → 1 ÷ 168 = 0.00595
        mostLoaded: { externalId: 'r-1', name: 'R1', loadRatio: 1 }, // 168 h ties r-2 and r-3; more interruptions wins
        flagged: 2, // r-1 and r-5
      },
    ]);
  });

  it('flags nights and rate far above the team median, and a long streak; nobody else', () => {
    expect(result.flags.map((f) => [f.responder.externalId, f.rule, f.value, f.teamMedian, f.threshold])).toEqual([
      ['r-1', 'disrupted_nights', 4, 1, 3], // 4 > 3 × median 1, and ≥ 3
      ['r-1', 'interruption_rate', 0.036, 0.006, 0.018], // 6 ÷ 168 = 0.0357 > 3 × 0.00595 = 0.0179; 6 interruptions ≥ 5
      ['r-5', 'long_streak', 4, null, 3], // 4 ISO weeks in a row > 3
    ]);
    expect(byId.get('r-2')!.flags).toEqual([]); // 1 night, 1 interruption: at the median
    expect(byId.get('r-4')!.flags).toEqual([]); // 159 h, nothing else
    expect(byId.get('r-1')!.flags).toEqual(['disrupted_nights', 'interruption_rate']);
    expect(result.responders.slice(0, 2).map((r) => r.externalId)).toEqual(['r-1', 'r-5']); // flagged first
  });

  it('reads streaks and the days since the last disrupted night', () => {
    // Monday 09:00 → Monday 09:00: 159 h in the week of 03-02, 9 h (less than a day) in the next.
    expect(byId.get('r-1')).toMatchObject({ longestStreakWeeks: 1, currentStreakWeeks: 0, lastNightInterrupted: '2026-03-05', daysSinceLastNightInterrupted: 24 }); // 03-05 → 03-29
    expect(byId.get('r-4')).toMatchObject({ onCallHours: 159, longestStreakWeeks: 1, currentStreakWeeks: 1, loadRatio: 0.946 }); // 6 × 24 + 15; 159 ÷ 168
    expect(byId.get('r-5')).toMatchObject({ onCallHours: 96, longestStreakWeeks: 4, currentStreakWeeks: 4, loadRatio: 0.571 }); // 4 × 24; 96 ÷ 168
  });

  it('lists a responder pulled into incident work without a shift, without flags or load', () => {
    expect(byId.get('r-6')).toMatchObject({ onCallHours: 0, incidentHoursOnCall: 0, incidentHoursOffCall: 1, interruptionsPerOnCallHour: null, loadRatio: null, flags: [] });
  });

  it('sums over every responder and counts them', () => {
    expect(result.respondersTotal).toBe(6); // r-1 … r-6 (r-6 by incident work alone)
    expect(result.totals).toEqual({
      onCallResponders: 5, // r-6 has no shift
      onCallHours: 759, // 168 + 168 + 168 + 159 + 96
      disruptedNights: 6, // r-1 4, r-2 1, r-3 1
      flaggedResponders: 2, // r-1 and r-5
    });
  });

  // Report order: r-1 (flagged, 168 h), r-5 (flagged, 96 h), r-2 168, r-3 168, r-4 159, r-6 0.
  // By hours alone (ties by id): r-1 168, r-2 168, r-3 168, r-4 159, r-5 96, r-6 0.
  it.each([
    [0, ['r-1', 'r-5']], // the flagged alone
    [2, ['r-1', 'r-5', 'r-2']], // top 2 by hours r-1, r-2 (r-3 loses the tie on id); r-5 kept as flagged
    [4, ['r-1', 'r-5', 'r-2', 'r-3', 'r-4']], // top 4 r-1 … r-4, plus r-5 flagged; r-6 (0 h) cut
    [5, ['r-1', 'r-5', 'r-2', 'r-3', 'r-4']], // top 5 reaches r-5, already kept: still 5 rows
    [6, ['r-1', 'r-5', 'r-2', 'r-3', 'r-4', 'r-6']], // everyone
  ])('lists every flagged responder and the %i with the most on-call hours, in the report’s order', (limit, expected) => {
    const listed = listedResponders(result.responders, limit);
    expect(listed.map((r) => r.externalId)).toEqual(expected);
    expect(listed).toEqual(result.responders.slice(0, expected.length)); // a prefix: the rows themselves, unchanged
  });

  it('takes the thresholds from the settings', () => {
    const strict = computeOncallReport({
      ...rows,
      range: resolveDateRange({ from: '2026-03-02', to: '2026-03-30' }, 'UTC', '2026-06-01', 90),
      settings: { ...DEFAULT_SETTINGS, oncallMaxConsecutiveWeeks: 4, oncallMinInterruptions: 7 },
      detailResponderId: null,
    });
    // r-5's 4 weeks are no longer > 4; r-1's 6 interruptions are fewer than 7: only the nights rule stays.
    expect(strict.flags.map((f) => [f.responder.externalId, f.rule])).toEqual([['r-1', 'disrupted_nights']]);
    expect(strict.thresholds).toEqual({ medianFactor: 3, minDisruptedNights: 3, minInterruptions: 7, maxConsecutiveWeeks: 4 });
  });
});
