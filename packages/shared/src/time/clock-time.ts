import { z } from 'zod';

const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * A local wall-clock time `HH:MM`, 00:00–23:59 (working and sleeping hours). There is no `24:00`:
 * a window that ends at midnight is written `…–00:00` and wraps, like sleeping hours 23:00–08:00.
 */
export const clockTimeSchema = z
  .string()
  .regex(CLOCK_TIME_PATTERN, 'must be a clock time HH:MM between 00:00 and 23:59')
  .describe('Local clock time HH:MM (24-hour).');

/** Minutes since local midnight of a clock time: `minutesOfDay('08:30')` → 510. Throws `RangeError` on bad input. */
export function minutesOfDay(clockTime: string): number {
  const match = CLOCK_TIME_PATTERN.exec(clockTime);
  if (!match) throw new RangeError(`clock time must be HH:MM between 00:00 and 23:59, got ${JSON.stringify(clockTime)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}
