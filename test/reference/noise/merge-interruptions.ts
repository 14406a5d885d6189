import { INTERRUPTING_CHANNELS, openInterruptions } from '../../../apps/api/src/analytics/noise/interruptions.js';

/**
 * The interruption merge of SPEC §2.5 read page by page, channels included, as the reference applies it
 * to the raw pages (the facts decide the channel in SQL and merge in the worker).
 */

export interface PageLike {
  alertId: string;
  responderId: number;
  atMs: number;
  channel: string;
}

/** One interruption: the page that opened it and how many interrupting pages it merges. */
export interface Interruption {
  responderId: number;
  /** The alert of the opening page: the interruption is counted for it (and its rule). */
  alertId: string;
  atMs: number;
  pages: number;
}

/**
 * Interruptions of SPEC §2.5 from pages sorted by (responder, at). A page on phone/sms/push opens a
 * new interruption unless it comes at most 60 s after the page that opened the responder's current
 * one; the window is anchored at that opening page, not chained from page to page, so a pager that
 * rings every 30 s for 10 minutes is 10 interruptions, not one.
 */
export function mergeInterruptions(pages: readonly PageLike[]): Interruption[] {
  const interrupting = pages.filter((p) => INTERRUPTING_CHANNELS.has(p.channel));
  return openInterruptions(
    interrupting.map((p) => p.responderId),
    interrupting.map((p) => p.atMs),
  ).map(({ opening, pages: merged }) => {
    const p = interrupting[opening]!;
    return { responderId: p.responderId, alertId: p.alertId, atMs: p.atMs, pages: merged };
  });
}
