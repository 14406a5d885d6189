import { describe, expect, it } from 'vitest';
import { clockTimeSchema, minutesOfDay } from './clock-time.js';

describe('clock times', () => {
  it.each([
    ['00:00', 0],
    ['08:00', 480], // 8 × 60
    ['08:30', 510], // 8 × 60 + 30
    ['19:00', 1140], // 19 × 60
    ['23:59', 1439], // last minute of the day
  ])('%s is %i minutes after midnight', (clockTime, minutes) => {
    expect(clockTimeSchema.safeParse(clockTime).success).toBe(true);
    expect(minutesOfDay(clockTime)).toBe(minutes);
  });

  it.each(['24:00', '8:30', '08:60', '08:30:00', '', ' 08:30', '0830'])('rejects %j', (clockTime) => {
    expect(clockTimeSchema.safeParse(clockTime).success).toBe(false);
    expect(() => minutesOfDay(clockTime)).toThrow(RangeError);
  });

  it('explains the format', () => {
    expect(clockTimeSchema.safeParse('25:00').error?.issues[0]?.message).toBe('must be a clock time HH:MM between 00:00 and 23:59');
  });
});
