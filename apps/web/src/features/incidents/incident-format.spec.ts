import { describe, expect, it } from 'vitest';
import { countLabel, formatMinutes, instantParts } from './incident-format';

describe('formatMinutes', () => {
  it.each([
    [null, '—'],
    [0, '0 min'],
    [7.5, '7.5 min'],
    [2, '2 min'],
    [9.96, '10 min'],
    [42.4, '42 min'],
    [59.6, '1 h'], // rounds to 60 whole minutes
    [105, '1 h 45 min'],
    [1440, '24 h'], // a day still reads in hours
    [47 * 60 + 59, '47 h 59 min'],
    [48 * 60, '2 d'],
    [3 * 1440 + 4 * 60 + 10, '3 d 4 h'],
    [-2, '−2 min'],
  ])('%s → %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});

describe('instantParts', () => {
  it('reads the wall clock of the given time zone', () => {
    expect(instantParts('2026-03-02T10:00:00.000Z', 'UTC')).toEqual({ date: '2 Mar 2026', time: '10:00' });
    // CET = UTC+1: 23:30 UTC is already the next day in Berlin.
    expect(instantParts('2026-03-01T23:30:00.000Z', 'Europe/Berlin')).toEqual({ date: '2 Mar 2026', time: '00:30' });
  });
});

describe('countLabel', () => {
  it.each([
    [1, 'incident', '1 incident'],
    [1234, 'incident', '1,234 incidents'],
    [2, 'game_day', '2 game days'],
    [0, 'all', '0 incidents'],
  ] as const)('%i %s → %s', (count, kind, text) => {
    expect(countLabel(count, kind)).toBe(text);
  });
});
