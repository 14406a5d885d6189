import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeRegion, openingPages, type MergedPage } from './merge-region.js';

const S = 1000;
const pages = (...seconds: number[]): MergedPage[] => seconds.map((s, i) => ({ pageId: String(i), atMs: s * S }));

describe('openingPages (anchored at the opening page, 60 s)', () => {
  it('opens at 0, merges 30 and 60, opens at 61 (61 s after the opening page), merges 90', () => {
    expect(openingPages(pages(0, 30, 60, 61, 90))).toEqual([true, false, false, true, false]);
  });
});

describe('mergeRegion', () => {
  it('restarts at the last page more than 60 s after its predecessor, and stops after the next gap past the change', () => {
    // Pages 0, 100, 130, 400, 500; a change at 130: restart at 100 (100 − 0 > 60). The gap before 400
    // may be the change's own doing (a page deleted at 380 would have merged 400), so 400 is redone
    // too; 500 follows a gap of 100 s after 400, there before the change as well: stop there.
    expect(mergeRegion(pages(0, 100, 130, 400, 500), 130 * S, 130 * S, -Infinity, Infinity)).toEqual({ start: 1, end: 4 });
  });

  it('asks for more when the loaded pages start or end inside a possible interruption', () => {
    // First loaded page 30 s after the loaded bound: an unloaded page before it may have opened its interruption.
    expect(mergeRegion(pages(30, 200), 30 * S, 30 * S, 0, 10_000 * S)).toBeUndefined();
    // Last loaded page 30 s before the loaded bound.
    expect(mergeRegion(pages(0, 200), 0, 0, -Infinity, 230 * S)).toBeUndefined();
  });

  it('recomputing only the region gives the merge of all pages, whatever changed (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 2_000 }), { maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 2_000 }), { maxLength: 4 }),
        fc.boolean(),
        (seconds, changed, remove) => {
          const before = pages(...[...seconds].sort((a, b) => a - b));
          const after = remove ? before.filter((p) => !changed.includes(p.atMs / S)) : pages(...[...new Set([...seconds, ...changed])].sort((a, b) => a - b));
          if (changed.length === 0) return;
          const stored = new Map(before.map((p, i) => [p.atMs, openingPages(before)[i]!]));
          const from = Math.min(...changed) * S;
          const to = Math.max(...changed) * S;
          const region = mergeRegion(after, from, to, -Infinity, Infinity)!;
          const redone = openingPages(after.slice(region.start, region.end));
          const incremental = after.map((p, i) => (i >= region.start && i < region.end ? redone[i - region.start]! : stored.get(p.atMs)!));
          expect(incremental).toEqual(openingPages(after));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
