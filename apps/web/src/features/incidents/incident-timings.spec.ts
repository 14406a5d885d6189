import type { IncidentTimings } from '@firewatch/shared';
import { describe, expect, it } from 'vitest';
import { timingFigures, timingsBasis } from './incident-timings';

const timings: IncidentTimings = {
  tta: { medianMinutes: 2, p90Minutes: 6.4, incidents: 3, excluded: 6 },
  ttm: { medianMinutes: 50, p90Minutes: 66, incidents: 2, excluded: 7 },
  ttr: { medianMinutes: 105, p90Minutes: 912, incidents: 5, excluded: 4 },
};

describe('incident timings summary', () => {
  it('states each median with its p90', () => {
    expect(timingFigures(timings)).toEqual([
      { label: 'Time to acknowledge (TTA)', value: '2 min', note: 'median; p90 6.4 min' },
      { label: 'Time to mitigate (TTM)', value: '50 min', note: 'median; p90 1 h 6 min' }, // 66 = 60 + 6
      { label: 'Time to resolve (TTR)', value: '1 h 45 min', note: 'median; p90 15 h 12 min' }, // 105 = 60 + 45; 912 = 15 × 60 + 12
    ]);
  });

  it('says over how many incidents, and what each timing leaves out', () => {
    // 3 acknowledged + 6 never acknowledged = 9 incidents.
    expect(timingsBasis(timings)).toBe(
      'Over 9 incidents of kind incident matching the filters, on every page; left out for a missing timestamp: 6 not acknowledged, 7 not mitigated, 4 not resolved.',
    );
  });

  it('says when no incident has a timing, and leaves out nothing it need not mention', () => {
    const none = { medianMinutes: null, p90Minutes: null, incidents: 0, excluded: 1 };
    const one = { medianMinutes: 30, p90Minutes: 30, incidents: 1, excluded: 0 };
    const figures = timingFigures({ tta: one, ttm: none, ttr: one });
    expect(figures[1]).toEqual({ label: 'Time to mitigate (TTM)', value: '—', note: 'no incident has it' });
    expect(timingsBasis({ tta: one, ttm: none, ttr: one })).toBe(
      'Over 1 incident of kind incident matching the filters, on every page; left out for a missing timestamp: 1 not mitigated.',
    );
  });
});
