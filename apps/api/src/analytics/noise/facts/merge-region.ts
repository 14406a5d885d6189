import { INTERRUPTION_MERGE_MS, openInterruptions } from '../interruptions.js';

/** One counted interrupting page of a responder, in (at, page id) order. */
export interface MergedPage {
  pageId: string;
  atMs: number;
}

/**
 * Where the interruption merge (SPEC §2.5, anchored at the page that opened the interruption) must be
 * redone after pages changed in `[fromMs, toMs]`, given the responder's pages loaded over `[loadedFromMs,
 * loadedToMs]` (infinite bounds: everything before or after was loaded). A page more than 60 s after
 * the one before it opens an interruption whatever came earlier, so the merge restarts at the last such
 * page at or before `fromMs`, and its result is unchanged from the first such page whose predecessor
 * is after `toMs` (that gap was there before the change too).
 * Returns the index range `[start, end)` of `pages` to redo, or undefined when the loaded pages do not
 * contain both ends (load more).
 */
export function mergeRegion(pages: readonly MergedPage[], fromMs: number, toMs: number, loadedFromMs: number, loadedToMs: number): { start: number; end: number } | undefined {
  if (pages.length === 0) return { start: 0, end: 0 };
  const opensSurely = (i: number): boolean =>
    i === 0 ? pages[0]!.atMs - loadedFromMs > INTERRUPTION_MERGE_MS : pages[i]!.atMs - pages[i - 1]!.atMs > INTERRUPTION_MERGE_MS;
  let start = -1;
  for (let i = 0; i < pages.length && pages[i]!.atMs <= fromMs; i++) if (opensSurely(i)) start = i;
  if (start < 0) {
    // Nothing loaded at or before the change opens surely: the first loaded page must, or load more.
    if (!opensSurely(0)) return undefined;
    start = 0;
  }
  // A gap after the changed window was there before the change too: from it on nothing changed.
  for (let i = start + 1; i < pages.length; i++) if (pages[i - 1]!.atMs > toMs && opensSurely(i)) return { start, end: i };
  // Up to the last loaded page; a page after it that was not loaded must open surely.
  return loadedToMs - pages[pages.length - 1]!.atMs > INTERRUPTION_MERGE_MS ? { start, end: pages.length } : undefined;
}

/** Which of one responder's `pages` open an interruption (the merge of `openInterruptions`, from the first page). */
export function openingPages(pages: readonly MergedPage[]): boolean[] {
  const opens = new Array<boolean>(pages.length).fill(false);
  for (const { opening } of openInterruptions(
    pages.map(() => 0),
    pages.map((p) => p.atMs),
  ))
    opens[opening] = true;
  return opens;
}
