import { describe, expect, it } from 'vitest';
import { computeOnCall, relativeChange } from './compute-overview.js';

const H = 3_600_000;
const shift = (responderId: number, level: number, startHour: number, endHour: number) => ({ responderId, level, startMs: startHour * H, endMs: endHour * H });

describe('computeOnCall', () => {
  it('is null without a shift', () => {
    expect(computeOnCall([], 100, 3)).toBeNull();
  });

  it('counts level-1 hours in 12-hour shifts and one person’s overlapping shifts once', () => {
    // Responder 1: primary 0–12 and secondary 10–16 → on call 0–16 = 16 h; responder 2: secondary 0–12.
    const onCall = computeOnCall([shift(1, 1, 0, 12), shift(1, 2, 10, 16), shift(2, 2, 0, 12)], 200, 3);
    expect(onCall).toEqual({
      primaryHours: 12,
      shifts: 1, // 12 / 12
      incidentsPerShift: 3, // 3 / 1
      exceedsGuideline: true, // 3 > 2
      onCallHours: 28, // 16 + 12
      responderHours: 200,
      onCallShare: 0.14, // 28 / 200
      responders: 2,
    });
  });

  it.each([
    // [incidents, primary hours, per shift, above the guideline]
    [2, 12, 2, false], // exactly the guideline is within it
    [5, 24, 2.5, true], // 2 shifts
    [1, 36, 0.33, false], // 3 shifts: 0.333…
    [0, 12, 0, false],
  ])('%i incidents over %i primary hours → %f per shift, above: %s', (incidents, hours, perShift, above) => {
    const onCall = computeOnCall([shift(1, 1, 0, hours)], 1000, incidents)!;
    expect(onCall.incidentsPerShift).toBe(perShift);
    expect(onCall.exceedsGuideline).toBe(above);
  });

  it('has no incidents per shift without primary time, and a share of at most 1', () => {
    const onCall = computeOnCall([shift(1, 2, 0, 48)], 24, 4)!;
    expect(onCall.incidentsPerShift).toBeNull();
    expect(onCall.exceedsGuideline).toBe(false);
    expect(onCall.onCallShare).toBe(1); // 48 / 24 capped: a shift outside their employment
  });

  it('joins back-to-back and disjoint shifts', () => {
    // 0–8, 8–12 touching → 12 h; 20–22 apart → +2 h.
    expect(computeOnCall([shift(1, 1, 0, 8), shift(1, 1, 8, 12), shift(1, 1, 20, 22)], 100, 0)!.onCallHours).toBe(14);
  });
});

describe('relativeChange', () => {
  it.each([
    [4, 1, 3], // (4 − 1) / 1
    [1, 4, -0.75],
    [2, 0, null], // nothing before: no ratio
    [null, 1, null],
    [0.75, 0.17, 3.412], // 0.58 / 0.17 = 3.4118
  ])('%s vs %s → %s', (current, previous, change) => {
    expect(relativeChange(current, previous)).toBe(change);
  });
});
