import { describe, expect, it } from 'vitest';
import type { IncidentDetail } from '@firewatch/shared';
import { incidentDays, timeTicks, workTimeline } from './work-timeline';

const MIN = 60_000;
const t0 = Date.parse('2026-02-03T10:00:00Z');

describe('timeTicks', () => {
  it.each([
    ['40 minutes → every 5 min', 40, 5 * MIN, 9],
    ['3 hours → every 30 min', 180, 30 * MIN, 7],
    ['2 days → every 6 h (from 12:00: 10:00 is not on a 6 h step)', 2 * 24 * 60, 6 * 60 * MIN, 8],
  ])('%s', (_, spanMinutes, step, count) => {
    const { stepMs, ticks } = timeTicks(t0, t0 + spanMinutes * MIN);
    expect(stepMs).toBe(step);
    expect(ticks).toHaveLength(count); // both ends included when they fall on a step
    expect(ticks[0]! % stepMs).toBe(0);
  });
});

const incident = {
  declaredAt: '2026-02-03T10:00:00Z',
  startedAt: '2026-02-03T10:00:00Z',
  acknowledgedAt: '2026-02-03T10:05:00Z',
  mitigatedAt: null,
  resolvedAt: '2026-02-03T11:40:00Z',
  workload: {
    responders: [
      {
        externalId: 'r-1',
        name: 'Ada',
        minutes: 30,
        working: 30,
        late: 0,
        sleeping: 0,
        segments: [{ start: '2026-02-03T10:00:00Z', end: '2026-02-03T10:30:00Z', share: 1, bucket: 'working', minutes: 30 }],
      },
      {
        externalId: 'r-2',
        name: 'Bob',
        minutes: 10,
        working: 0,
        late: 10,
        sleeping: 0,
        segments: [{ start: '2026-02-03T11:20:00Z', end: '2026-02-03T11:40:00Z', share: 0.5, bucket: 'late', minutes: 10 }],
      },
    ],
  },
  pages: [{ alert: 'al-1', responder: { externalId: 'r-2', name: 'Bob' }, at: '2026-02-03T11:15:00Z', channel: 'phone', level: 2, reason: 'timeout' }],
} as unknown as IncidentDetail;

describe('workTimeline', () => {
  const timeline = workTimeline(incident);
  // Work and milestones span 10:00–11:40 = 100 min; 2 % padding = 2 min each side → 09:58–11:42, 104 min.
  const span = 104 * MIN;

  it('pads the window around the work and the incident’s milestones', () => {
    expect(timeline.startMs).toBe(t0 - 2 * MIN);
    expect(timeline.endMs).toBe(t0 + 102 * MIN);
  });

  it('places each segment as a fraction of the window, keeping bucket and share', () => {
    expect(timeline.rows.map((r) => r.segments)).toEqual([
      [{ left: (2 * MIN) / span, width: (30 * MIN) / span, bucket: 'working', share: 1, minutes: 30, start: '2026-02-03T10:00:00Z', end: '2026-02-03T10:30:00Z' }],
      [{ left: (82 * MIN) / span, width: (20 * MIN) / span, bucket: 'late', share: 0.5, minutes: 10, start: '2026-02-03T11:20:00Z', end: '2026-02-03T11:40:00Z' }],
    ]);
  });

  it('puts pages on the paged responder’s row and the milestones that exist on the axis', () => {
    expect(timeline.rows[0]!.pages).toEqual([]);
    expect(timeline.rows[1]!.pages).toEqual([{ left: (77 * MIN) / span, at: '2026-02-03T11:15:00Z', label: 'Paged by phone (level 2, timeout)' }]);
    expect(timeline.milestones.map((m) => m.label)).toEqual(['Declared', 'Acknowledged', 'Resolved']); // not mitigated
  });

  it('ticks every 15 minutes over 104 minutes', () => {
    expect(timeline.tickStepMs).toBe(15 * MIN);
    expect(timeline.ticks[0]).toEqual({ left: (2 * MIN) / span, at: t0 });
  });
});

describe('incidentDays', () => {
  it.each([
    ['UTC', { from: '2026-02-03', to: '2026-02-04' }], // 10:00–11:40 on 3 Feb
    ['Pacific/Auckland', { from: '2026-02-03', to: '2026-02-05' }], // UTC+13: 23:00 on 3 Feb to 00:40 on 4 Feb
  ])('in %s: the local days from the first instant to the day after the last', (zone, expected) => {
    expect(incidentDays(incident, zone)).toEqual(expected);
  });

  it('reaches back to an impact start before the work and forward to work after the resolution', () => {
    const longer = {
      ...incident,
      startedAt: '2026-02-01T23:30:00Z',
      workload: { ...incident.workload, responders: [{ ...incident.workload.responders[0]!, segments: [{ start: '2026-02-05T09:00:00Z', end: '2026-02-06T00:00:00Z', share: 1, bucket: 'working', minutes: 900 }] }] },
    } as IncidentDetail;
    // An end at midnight is exclusive: the 5th is the last day.
    expect(incidentDays(longer, 'UTC')).toEqual({ from: '2026-02-01', to: '2026-02-06' });
  });
});
