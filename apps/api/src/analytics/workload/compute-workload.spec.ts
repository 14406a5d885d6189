import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeResponderWorkload, minutesByIncident, segmentMinutes, type ActivityEvent, type ResponderCalendar } from './compute-workload.js';

const UTC: ResponderCalendar = {
  timeZone: 'UTC',
  workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '19:00' },
  sleepingHours: { start: '23:00', end: '08:00' },
};
const inZone = (timeZone: string): ResponderCalendar => ({ ...UTC, timeZone });

const at = (iso: string) => Date.parse(iso);
const msg = (incidentId: number, iso: string): ActivityEvent => ({ incidentId, atMs: at(iso) });
const call = (incidentId: number, from: string, to: string): ActivityEvent => ({ incidentId, atMs: at(from), endMs: at(to) });

/** Minutes per incident, rounded to 1e-9 to compare fractions. */
function minutes(events: ActivityEvent[], calendar = UTC) {
  const round = (x: number) => Math.round(x * 1e9) / 1e9;
  return Object.fromEntries(
    [...minutesByIncident(computeResponderWorkload(events, calendar))].map(([id, m]) => [
      id,
      { minutes: round(m.minutes), working: round(m.working), late: round(m.late), sleeping: round(m.sleeping) },
    ]),
  );
}

// Monday 2 March 2026, a working day.
describe('SPEC §2.1 worked examples (rules 1–2)', () => {
  it.each([
    ['10:11 and 10:15', ['10:11', '10:15'], 14], // [10:11, 10:15 + 10) = 14
    ['10:00 and 10:15', ['10:00', '10:15'], 25], // gap 15 ≤ 20 bridged: [10:00, 10:25) = 25
    ['10:00 and 10:25', ['10:00', '10:25'], 20], // gap 25 > 20: 10 + 10 = 20
    ['10:00 and 10:20 (gap of exactly 20)', ['10:00', '10:20'], 30], // bridged: [10:00, 10:30) = 30
    ['one event', ['10:00'], 10], // [10:00, 10:10)
    ['identical timestamps', ['10:00', '10:00', '10:00'], 10], // one credit, not three
    ['a burst then a pause', ['10:00', '10:02', '10:04', '10:30'], 24], // [10:00, 10:14); 10:30 is 26 min after 10:04: + 10 = 24
    ['a burst then a short pause', ['10:00', '10:02', '10:04', '10:22'], 32], // 10:22 is 18 min after 10:04: [10:00, 10:32) = 32
  ])('%s', (_label, times, expected) => {
    const events = times.map((t) => msg(1, `2026-03-02T${t}:00Z`));
    expect(minutes(events)[1]!.minutes).toBe(expected);
  });

  it('a call credits its real interval, and later activity bridges from the call’s end', () => {
    // call [10:00, 10:45) + message 10:30 inside it → [10:00, 10:45) = 45
    expect(minutes([call(1, '2026-03-02T10:00:00Z', '2026-03-02T10:45:00Z'), msg(1, '2026-03-02T10:30:00Z')])[1]!.minutes).toBe(45);
    // message 11:00 is 15 min after the call ended → bridged: [10:00, 11:10) = 70
    expect(minutes([call(1, '2026-03-02T10:00:00Z', '2026-03-02T10:45:00Z'), msg(1, '2026-03-02T11:00:00Z')])[1]!.minutes).toBe(70);
    // message 11:10 is 25 min after → not bridged: 45 + 10 = 55
    expect(minutes([call(1, '2026-03-02T10:00:00Z', '2026-03-02T10:45:00Z'), msg(1, '2026-03-02T11:10:00Z')])[1]!.minutes).toBe(55);
  });

  it('continuity only bridges activity on the same incident', () => {
    // incident 1 at 10:00 and 10:15 → 25; incident 2 at 10:05 → [10:05, 10:15) shared with 1.
    const m = minutes([msg(1, '2026-03-02T10:00:00Z'), msg(2, '2026-03-02T10:05:00Z'), msg(1, '2026-03-02T10:15:00Z')]);
    // [10:00,10:05) 1 alone: 5; [10:05,10:15) shared: 5 each; [10:15,10:25) 1 alone: 10 → 1: 20, 2: 5
    expect(m[1]!.minutes).toBe(20);
    expect(m[2]!.minutes).toBe(5);
  });
});

describe('rule 3: no double booking', () => {
  it('three concurrent incidents each get a third', () => {
    const m = minutes([msg(1, '2026-03-02T10:00:00Z'), msg(2, '2026-03-02T10:00:00Z'), msg(3, '2026-03-02T10:00:00Z')]);
    // [10:00, 10:10) split three ways: 10 / 3 each, 10 in all
    expect(m[1]!.minutes).toBe(Math.round((10 / 3) * 1e9) / 1e9);
    expect(m[1]!.minutes + m[2]!.minutes + m[3]!.minutes).toBeCloseTo(10, 6);
  });

  it('a call overlapping messages of another incident is split only where they overlap', () => {
    // call on 1: [10:00, 11:00); message on 2 at 10:30 → [10:30, 10:40) shared.
    const m = minutes([call(1, '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z'), msg(2, '2026-03-02T10:30:00Z')]);
    expect(m[1]!.minutes).toBe(55); // 50 alone + 10/2
    expect(m[2]!.minutes).toBe(5); // 10/2
  });
});

describe('rule 4: working, late, sleeping in the responder’s zone', () => {
  it.each([
    ['Mon 18:55 UTC', 'UTC', '2026-03-02T18:55:00Z', { working: 5, late: 5, sleeping: 0 }], // 18:55–19:00 working, 19:00–19:05 late
    ['Mon 22:55 UTC', 'UTC', '2026-03-02T22:55:00Z', { working: 0, late: 5, sleeping: 5 }], // 23:00 starts sleep
    ['across midnight', 'UTC', '2026-03-02T23:55:00Z', { working: 0, late: 0, sleeping: 10 }], // 23:55–00:05 asleep both days
    ['Sat 10:00', 'UTC', '2026-03-07T10:00:00Z', { working: 0, late: 10, sleeping: 0 }], // weekend daytime
    ['Mon 07:55 UTC', 'UTC', '2026-03-02T07:55:00Z', { working: 5, late: 0, sleeping: 5 }], // sleep ends 08:00, work starts
    // Europe/Berlin: the same 06:55Z is 07:55 CET before the 29 March change and 08:55 CEST after it.
    ['Berlin, week before DST', 'Europe/Berlin', '2026-03-23T06:55:00Z', { working: 5, late: 0, sleeping: 5 }],
    ['Berlin, week after DST', 'Europe/Berlin', '2026-03-30T06:55:00Z', { working: 10, late: 0, sleeping: 0 }],
    // America/New_York switches on 8 March: 12:55Z is 07:55 EST on 2 March, 08:55 EDT on 9 March.
    ['New York, before DST', 'America/New_York', '2026-03-02T12:55:00Z', { working: 5, late: 0, sleeping: 5 }],
    ['New York, after DST', 'America/New_York', '2026-03-09T12:55:00Z', { working: 10, late: 0, sleeping: 0 }],
    // Asia/Kolkata is UTC+05:30: 02:25Z is 07:55 IST.
    ['Kolkata', 'Asia/Kolkata', '2026-03-02T02:25:00Z', { working: 5, late: 0, sleeping: 5 }],
  ])('%s', (_label, zone, time, expected) => {
    expect(minutes([msg(1, time)], inZone(zone))[1]).toEqual({ minutes: 10, ...expected });
  });

  it('counts real elapsed time through the spring-forward gap (Berlin 02:00 → 03:00)', () => {
    // 00:55Z = 01:55 CET; +10 real minutes = 03:05 CEST. Wall clock shows 70 minutes; work is 10.
    expect(minutes([msg(1, '2026-03-29T00:55:00Z')], inZone('Europe/Berlin'))[1]).toEqual({ minutes: 10, working: 0, late: 0, sleeping: 10 });
  });

  it('counts both passes through the repeated autumn hour (New York 01:00–02:00 twice)', () => {
    // 2026-11-01: 05:30Z = 01:30 EDT and 06:30Z = 01:30 EST; a call across both is 70 real minutes asleep.
    expect(minutes([call(1, '2026-11-01T05:20:00Z', '2026-11-01T06:30:00Z')], inZone('America/New_York'))[1]).toEqual({
      minutes: 70,
      working: 0,
      late: 0,
      sleeping: 70,
    });
  });

  it('a public holiday’s working hours are late', () => {
    const holiday = { ...UTC, isHoliday: (d: string) => d === '2026-05-01' }; // a Friday
    expect(minutes([msg(1, '2026-05-01T10:00:00Z')], holiday)[1]).toEqual({ minutes: 10, working: 0, late: 10, sleeping: 0 });
    expect(minutes([msg(1, '2026-04-30T10:00:00Z')], holiday)[1]).toEqual({ minutes: 10, working: 10, late: 0, sleeping: 0 });
  });

  it('a per-responder working-hours override applies', () => {
    const parttime = { ...UTC, workingHours: { days: [1, 2, 3], start: '09:00', end: '13:00' } };
    // Mon 12:55: 5 working, then 13:00–13:05 late
    expect(minutes([msg(1, '2026-03-02T12:55:00Z')], parttime)[1]).toEqual({ minutes: 10, working: 5, late: 5, sleeping: 0 });
    // Thursday is not a working day for this responder
    expect(minutes([msg(1, '2026-03-05T10:00:00Z')], parttime)[1]).toEqual({ minutes: 10, working: 0, late: 10, sleeping: 0 });
  });
});

// ---- properties ------------------------------------------------------------------------------

const BASE = Date.UTC(2026, 2, 27, 20, 0); // Friday evening before the Berlin DST change
const MINUTE = 60_000;

/** Events on whole minutes within a few hours, on up to 4 incidents; some are calls. */
const eventsArb = fc.array(
  fc.record({
    incidentId: fc.integer({ min: 1, max: 4 }),
    minute: fc.integer({ min: 0, max: 600 }),
    callMinutes: fc.option(fc.integer({ min: 1, max: 90 }), { freq: 4 }),
  }),
  { minLength: 1, maxLength: 40 },
).map((rows) =>
  rows.map((r): ActivityEvent => ({
    incidentId: r.incidentId,
    atMs: BASE + r.minute * MINUTE,
    ...(r.callMinutes === null ? {} : { endMs: BASE + (r.minute + r.callMinutes) * MINUTE }),
  })),
);

/** Reference implementation at one-minute resolution, written from the SPEC text independently. */
function referenceMinutes(events: ActivityEvent[]): Map<number, number> {
  const covered = new Map<number, Set<number>>(); // incident → covered minute indexes
  const byIncident = new Map<number, ActivityEvent[]>();
  for (const e of events) byIncident.set(e.incidentId, [...(byIncident.get(e.incidentId) ?? []), e]);
  for (const [id, list] of byIncident) {
    const set = new Set<number>();
    const mins = (ms: number) => (ms - BASE) / MINUTE;
    for (const e of list) {
      const end = e.endMs ?? e.atMs + 10 * MINUTE;
      for (let m = mins(e.atMs); m < mins(end); m++) set.add(m);
    }
    // Bridges: for each event, the latest end-moment of earlier-or-equal events → its start, if ≤ 20.
    const sorted = [...list].sort((a, b) => a.atMs - b.atMs);
    let last = -Infinity;
    for (const e of sorted) {
      if (last > -Infinity && mins(e.atMs) - last <= 20) for (let m = last; m < mins(e.atMs); m++) set.add(m);
      last = Math.max(last, mins(e.endMs ?? e.atMs));
    }
    covered.set(id, set);
  }
  const out = new Map<number, number>();
  const all = new Set([...covered.values()].flatMap((s) => [...s]));
  for (const m of all) {
    const on = [...covered].filter(([, s]) => s.has(m)).map(([id]) => id);
    for (const id of on) out.set(id, (out.get(id) ?? 0) + 1 / on.length);
  }
  return out;
}

describe('properties', () => {
  it('matches a minute-by-minute reference of SPEC §2.1 rules 1–3', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const got = minutesByIncident(computeResponderWorkload(events, inZone('Europe/Berlin')));
        const want = referenceMinutes(events);
        expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
        for (const [id, m] of want) expect(got.get(id)!.minutes).toBeCloseTo(m, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('never books more than the wall-clock length of any window', () => {
    fc.assert(
      fc.property(eventsArb, fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 300 }), (events, from, length) => {
        const w0 = BASE + from * MINUTE;
        const w1 = w0 + length * MINUTE;
        let booked = 0;
        for (const s of computeResponderWorkload(events, inZone('America/New_York'))) {
          const lo = Math.max(s.startMs, w0);
          const hi = Math.min(s.endMs, w1);
          if (hi > lo) booked += segmentMinutes({ startMs: lo, endMs: hi, share: s.share });
        }
        expect(booked).toBeLessThanOrEqual(length + 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('buckets add up to the total, and the input order does not matter', () => {
    fc.assert(
      fc.property(eventsArb, fc.integer(), (events, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), { seed, numRuns: 1 })[0]!;
        const a = minutesByIncident(computeResponderWorkload(events, inZone('Australia/Sydney')));
        const b = minutesByIncident(computeResponderWorkload(shuffled, inZone('Australia/Sydney')));
        for (const [id, m] of a) {
          expect(m.working + m.late + m.sleeping).toBeCloseTo(m.minutes, 9);
          expect(b.get(id)!.minutes).toBeCloseTo(m.minutes, 9);
          expect(b.get(id)!.sleeping).toBeCloseTo(m.sleeping, 9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a responder on a single incident gets exactly the single-incident rule', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const single = events.map((e) => ({ ...e, incidentId: 7 }));
        const segments = computeResponderWorkload(single, UTC);
        expect(segments.every((s) => s.share === 1)).toBe(true);
        expect(minutesByIncident(segments).get(7)!.minutes).toBeCloseTo(referenceMinutes(single).get(7)!, 9);
      }),
      { numRuns: 200 },
    );
  });
});
