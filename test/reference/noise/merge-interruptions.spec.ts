import { describe, expect, it } from 'vitest';
import { mergeInterruptions, type PageLike } from './merge-interruptions.js';

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
