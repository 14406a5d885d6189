import { describe, expect, it } from 'vitest';
import { computeBeforeAfter } from './compute-before-after.js';

describe('computeBeforeAfter', () => {
  const annotation = { externalId: 'ann-1', title: 'Launch', kind: 'launch' as const, at: new Date('2026-05-06T09:30:00Z'), services: [] };
  const services = [{ externalId: 'svc-a', name: 'A' }];

  it('sums seven-day windows from the annotation’s day, before and after', () => {
    const r = computeBeforeAfter({
      annotation,
      date: '2026-05-06',
      services,
      timeZone: 'UTC',
      weeks: 2,
      incidents: [
        { day: '2026-04-22', incidents: 1 }, // first day of week −2
        { day: '2026-05-05', incidents: 2 }, // last day before: week −1
        { day: '2026-05-06', incidents: 3 }, // the day itself: week 0
        { day: '2026-05-19', incidents: 1 }, // last day of week 1
        { day: '2026-05-20', incidents: 9 }, // outside
      ],
      workload: [
        { day: '2026-05-01', minutes: 120 },
        { day: '2026-05-10', minutes: 300 },
      ],
    });
    expect(r.before).toEqual({ from: '2026-04-22', to: '2026-05-06', incidents: 3, workloadHours: 2, incidentsPerWeek: 1.5, workloadHoursPerWeek: 1 });
    expect(r.after).toEqual({ from: '2026-05-06', to: '2026-05-20', incidents: 4, workloadHours: 5, incidentsPerWeek: 2, workloadHoursPerWeek: 2.5 });
    expect(r.incidentsRatio).toBe(1.333); // 4 / 3
    expect(r.workloadHoursRatio).toBe(2.5); // 300 / 120
    expect(r.weekly).toEqual([
      { week: -2, from: '2026-04-22', incidents: 1, workloadHours: 0 },
      { week: -1, from: '2026-04-29', incidents: 2, workloadHours: 2 },
      { week: 0, from: '2026-05-06', incidents: 3, workloadHours: 5 },
      { week: 1, from: '2026-05-13', incidents: 1, workloadHours: 0 },
    ]);
    expect(r.annotation).toEqual({ externalId: 'ann-1', title: 'Launch', kind: 'launch', at: '2026-05-06T09:30:00.000Z', date: '2026-05-06' });
  });

  it('has no ratio when there was nothing before', () => {
    const r = computeBeforeAfter({ annotation, date: '2026-05-06', services, timeZone: 'UTC', weeks: 1, incidents: [{ day: '2026-05-07', incidents: 1 }], workload: [] });
    expect([r.incidentsRatio, r.workloadHoursRatio]).toEqual([null, null]);
  });
});
