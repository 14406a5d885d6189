import { describe, expect, it } from 'vitest';
import { isValidTimeZone, timeZoneSchema } from './time-zone.js';

describe('isValidTimeZone', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'UTC', 'Etc/GMT+5'])(
    'accepts %s',
    (timeZone) => expect(isValidTimeZone(timeZone)).toBe(true),
  );

  it.each([
    '',
    'Foo/Bar',
    'Europe/Berlin ',
    '+05:00', // an offset, not a zone (PostgreSQL would read it as POSIX with the sign inverted)
    '-03:00',
    'Europe/../Berlin',
  ])('rejects %j', (timeZone) => expect(isValidTimeZone(timeZone)).toBe(false));
});

describe('timeZoneSchema', () => {
  it('parses a zone and explains a bad one', () => {
    expect(timeZoneSchema.parse('Australia/Sydney')).toBe('Australia/Sydney');
    const result = timeZoneSchema.safeParse('Mars/Olympus_Mons');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be an IANA time zone name such as Europe/Berlin or UTC');
    expect(timeZoneSchema.safeParse(42).success).toBe(false);
  });
});
