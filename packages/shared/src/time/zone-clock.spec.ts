import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { zoneClock } from './zone-clock.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const wall = (iso: string) => Date.parse(`${iso}Z`); // local wall time encoded as if it were UTC
const utc = (iso: string) => Date.parse(iso);

describe('zoneClock offsets (memoised per UTC day) agree with luxon', () => {
  // Transitions at :00 and at :30 UTC (Lord Howe moves by 30 min; Kolkata/Kathmandu/Chatham have odd offsets).
  const cases: Array<[string, string]> = [
    ['Europe/Berlin', '2026-03-29T01:00:00Z'],
    ['Europe/Berlin', '2026-10-25T01:00:00Z'],
    ['America/New_York', '2026-03-08T07:00:00Z'],
    ['America/New_York', '2026-11-01T06:00:00Z'],
    ['Australia/Sydney', '2026-10-03T16:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['America/Santiago', '2026-09-06T04:00:00Z'],
    ['America/Havana', '2026-11-01T05:00:00Z'],
    ['Asia/Kolkata', '2026-01-01T18:30:00Z'],
    ['Asia/Kathmandu', '2026-01-01T18:15:00Z'],
    ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
  ];

  it.each(cases)('%s around %s, minute by minute', (timeZone, around) => {
    const clock = zoneClock(timeZone);
    const centre = utc(around);
    for (let ms = centre - 26 * HOUR; ms <= centre + 26 * HOUR; ms += MINUTE) {
      const expected = DateTime.fromMillis(ms, { zone: timeZone }).offset * MINUTE;
      if (clock.offsetMs(ms) !== expected) throw new Error(`${timeZone} at ${new Date(ms).toISOString()}`);
    }
    // And at the exact milliseconds either side of the transition.
    for (const ms of [centre - 1, centre, centre + 1]) {
      expect(clock.offsetMs(ms)).toBe(DateTime.fromMillis(ms, { zone: timeZone }).offset * MINUTE);
    }
  });

  // The exact transition instants are checked above; this sweeps every day of the year in between.
  it('over a whole year in 29-minute steps', () => {
    for (const timeZone of ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe']) {
      const clock = zoneClock(timeZone);
      const zone = IANAZone.create(timeZone);
      for (let ms = utc('2026-01-01T00:00:00Z'); ms < utc('2027-01-01T00:00:00Z'); ms += 29 * MINUTE + 13_000) {
        const expected = zone.offset(ms) * MINUTE;
        if (clock.offsetMs(ms) !== expected) throw new Error(`${timeZone} at ${new Date(ms).toISOString()}`);
      }
    }
  }, 120_000); // luxon's offsets go through Intl: slow on a busy machine
});

describe('zoneClock.toInstantMs (local wall time → first instant showing it)', () => {
  it('maps an ordinary wall time with the offset in force', () => {
    expect(zoneClock('Europe/Berlin').toInstantMs(wall('2026-07-01T12:00:00'))).toBe(utc('2026-07-01T10:00:00Z')); // CEST +2
    expect(zoneClock('Asia/Kolkata').toInstantMs(wall('2026-01-02T00:00:00'))).toBe(utc('2026-01-01T18:30:00Z')); // +5:30
  });

  it('takes the first occurrence of a repeated wall time', () => {
    // Berlin 2026-10-25: 03:00 CEST → 02:00 CET, so 02:30 happens at 00:30Z (+2) and again at 01:30Z (+1).
    expect(zoneClock('Europe/Berlin').toInstantMs(wall('2026-10-25T02:30:00'))).toBe(utc('2026-10-25T00:30:00Z'));
    // Havana 2026-11-01: 01:00 CDT → 00:00 CST, so midnight happens at 04:00Z (−4) and again at 05:00Z (−5).
    expect(zoneClock('America/Havana').toInstantMs(wall('2026-11-01T00:00:00'))).toBe(utc('2026-11-01T04:00:00Z'));
  });

  it('maps a skipped wall time to the transition instant', () => {
    // Berlin 2026-03-29: 02:00 CET → 03:00 CEST at 01:00Z; 02:30 never shows, the clock reaches it at 01:00Z.
    expect(zoneClock('Europe/Berlin').toInstantMs(wall('2026-03-29T02:30:00'))).toBe(utc('2026-03-29T01:00:00Z'));
    // Santiago 2026-09-06: 00:00 −4 → 01:00 −3 at 04:00Z; midnight is skipped, the day starts at 04:00Z.
    expect(zoneClock('America/Santiago').toInstantMs(wall('2026-09-06T00:00:00'))).toBe(utc('2026-09-06T04:00:00Z'));
    // Apia skipped all of 2011-12-30 (−10 → +14 at 2011-12-30T10:00Z): that day "starts" when 12-31 does.
    expect(zoneClock('Pacific/Apia').toInstantMs(wall('2011-12-30T00:00:00'))).toBe(utc('2011-12-30T10:00:00Z'));
    expect(zoneClock('Pacific/Apia').toInstantMs(wall('2011-12-31T00:00:00'))).toBe(utc('2011-12-30T10:00:00Z'));
  });

  it('round-trips every wall hour of a DST year that exists exactly once', () => {
    const clock = zoneClock('America/New_York');
    for (let wallMs = wall('2026-01-01T00:00:00'); wallMs < wall('2027-01-01T00:00:00'); wallMs += HOUR) {
      const instant = clock.toInstantMs(wallMs);
      const wallAgain = clock.toWallMs(instant);
      // 2026-03-08 02:00 is skipped (→ 03:00 EDT); every other hour round-trips exactly.
      if (wallMs === wall('2026-03-08T02:00:00')) expect(wallAgain).toBe(wall('2026-03-08T03:00:00'));
      else if (wallAgain !== wallMs) throw new Error(new Date(wallMs).toISOString());
    }
  });

  it('rejects unknown zones and invalid dates', () => {
    expect(() => zoneClock('Foo/Bar')).toThrow(RangeError);
    expect(() => zoneClock('UTC').offsetMs(Number.NaN)).toThrow(RangeError);
    expect(() => zoneClock('UTC').toInstantMs(Number.NaN)).toThrow(RangeError);
  });

  it('is one cached clock per zone', () => {
    expect(zoneClock('Europe/Berlin')).toBe(zoneClock('Europe/Berlin'));
    expect(zoneClock('UTC').offsetMs(7 * DAY)).toBe(0);
  });
});
