import { IANAZone } from 'luxon';
import { z } from 'zod';

// A zone name starts with a letter. This rejects offsets such as '+05:00', which newer Intl versions
// accept but which are not IANA names (and which PostgreSQL would read as POSIX, with the sign inverted).
const ZONE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_+\-]*(?:\/[A-Za-z0-9_+\-]+)*$/;

/** Whether `timeZone` is an IANA time zone name known to the runtime (`Europe/Berlin`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  return ZONE_NAME_PATTERN.test(timeZone) && IANAZone.isValidZone(timeZone);
}

/** An IANA time zone name, e.g. `Europe/Berlin`. */
export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, 'must be an IANA time zone name such as Europe/Berlin or UTC')
  .describe('IANA time zone name, e.g. Europe/Berlin.');
