import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@firewatch/shared';
import { responderCalendar } from '../workload/workload-calendar.js';
import { mergeInterruptions, ResponderClock, type PageLike } from './interruptions.js';

const at = (iso: string) => Date.parse(iso);
const page = (responderId: number, iso: string, channel = 'phone', alertId = 'a'): PageLike => ({ alertId, responderId, atMs: at(iso), channel });

describe('mergeInterruptions (SPEC §2.5: same responder within 60 s = one)', () => {
  it('anchors the 60 s at the page that opened the interruption, not at the previous page', () => {
    const pages = [
      page(1, '2026-03-06T10:00:00Z', 'phone', 'a1'), // opens
      page(1, '2026-03-06T10:00:30Z', 'sms', 'a2'), // +30 s: merged
      page(1, '2026-03-06T10:01:00Z', 'push', 'a3'), // +60 s: merged (at most 60 s)
      page(1, '2026-03-06T10:01:30Z', 'phone', 'a4'), // +90 s: opens another (only 30 s after the last page)
      page(1, '2026-03-06T10:02:31Z', 'phone', 'a5'), // +61 s after 10:01:30: opens another
    ];
    expect(mergeInterruptions(pages)).toEqual([
      { responderId: 1, alertId: 'a1', atMs: at('2026-03-06T10:00:00Z'), pages: 3 },
      { responderId: 1, alertId: 'a4', atMs: at('2026-03-06T10:01:30Z'), pages: 1 },
      { responderId: 1, alertId: 'a5', atMs: at('2026-03-06T10:02:31Z'), pages: 1 },
    ]);
  });

  it.each([
    ['email and chat never interrupt', [page(1, '2026-03-06T10:00:00Z', 'email'), page(1, '2026-03-06T10:00:05Z', 'chat')], 0],
    ['an email does not open the window a phone page then falls in', [page(1, '2026-03-06T10:00:00Z', 'email'), page(1, '2026-03-06T10:00:30Z', 'phone')], 1],
    ['two responders paged at once: one each', [page(1, '2026-03-06T10:00:00Z'), page(2, '2026-03-06T10:00:00Z')], 2],
    ['the same instant twice (phone and push): one', [page(1, '2026-03-06T10:00:00Z', 'phone'), page(1, '2026-03-06T10:00:00Z', 'push')], 1],
    ['61 s apart: two', [page(1, '2026-03-06T10:00:00Z'), page(1, '2026-03-06T10:01:01Z')], 2],
  ])('%s → %d', (_why, pages, expected) => {
    expect(mergeInterruptions(pages)).toHaveLength(expected);
  });
});

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
