import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@firewatch/shared';
import { responderCalendar } from '../workload/workload-calendar.js';
import { ResponderClock } from './interruptions.js';

const at = (iso: string) => Date.parse(iso);

describe('ResponderClock', () => {
  const clockIn = (timezone: string | null, settings = DEFAULT_SETTINGS) =>
    new ResponderClock(responderCalendar({ timezone, workingHours: null, holidayCountry: null }, settings));

  it('places 18:00Z on Tue 03-03 at 23:30 in Kolkata (sleeping) and 18:00 in UTC (working)', () => {
    expect(clockIn('Asia/Kolkata').place(at('2026-03-03T18:00:00Z'))).toEqual({ bucket: 'sleeping', hour: '2026-03-03T23', night: '2026-03-03' });
    expect(clockIn('UTC').place(at('2026-03-03T18:00:00Z'))).toEqual({ bucket: 'working', hour: '2026-03-03T18', night: null });
    // No zone of their own: the organisation's.
    expect(clockIn(null, { ...DEFAULT_SETTINGS, timezone: 'Asia/Kolkata' }).place(at('2026-03-03T18:00:00Z')).bucket).toBe('sleeping');
  });

  it.each([
    // instant (UTC), bucket, local hour, night — Kolkata is UTC+5:30
    ['2026-03-03T17:29:00Z', 'late', '2026-03-03T22', null], // 22:59 Tue: evening
    ['2026-03-03T17:30:00Z', 'sleeping', '2026-03-03T23', '2026-03-03'], // 23:00: sleeping starts
    ['2026-03-03T18:45:00Z', 'sleeping', '2026-03-04T00', '2026-03-03'], // 00:15 Wed: still the night of Tue
    ['2026-03-04T02:29:00Z', 'sleeping', '2026-03-04T07', '2026-03-03'], // 07:59
    ['2026-03-04T02:30:00Z', 'working', '2026-03-04T08', null], // 08:00 Wed: work
    ['2026-03-07T05:00:00Z', 'late', '2026-03-07T10', null], // Sat 10:30: weekend daytime
  ])('%s in Kolkata → %s, hour %s, night %s', (iso, bucket, hour, night) => {
    expect(clockIn('Asia/Kolkata').place(at(iso))).toEqual({ bucket, hour, night });
  });

  it('names the night by the date sleeping starts on when sleeping hours do not wrap midnight', () => {
    const settings = { ...DEFAULT_SETTINGS, sleepingHours: { start: '00:30', end: '07:00' } };
    expect(clockIn('UTC', settings).place(at('2026-03-04T01:00:00Z'))).toEqual({ bucket: 'sleeping', hour: '2026-03-04T01', night: '2026-03-04' });
    expect(clockIn('UTC', settings).place(at('2026-03-04T00:15:00Z')).bucket).not.toBe('sleeping');
  });

  it('reads the autumn repeated hour as one local clock hour (Europe/Berlin, 2026-10-25)', () => {
    const berlin = clockIn('Europe/Berlin');
    // 02:30 CEST (00:30Z) and 02:30 CET (01:30Z) are the same clock hour.
    expect(berlin.place(at('2026-10-25T00:30:00Z')).hour).toBe('2026-10-25T02');
    expect(berlin.place(at('2026-10-25T01:30:00Z')).hour).toBe('2026-10-25T02');
  });
});
