import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveDateRange } from '@firewatch/shared';
import { computeNoiseReport, dominantNoiseClass } from '../../../apps/api/src/analytics/noise/compute-noise.js';
import { aggregateNoiseRows, findFlaps } from './aggregate-noise-rows.js';
import type { NoiseAlertRow, NoisePageRow, NoiseResponderRow } from './noise-rows.query.js';

const at = (iso: string) => Date.parse(`2026-03-${iso}Z`);

let nextId = 0;
/** An escalated alert of rule R fired in the range, unresolved and unacknowledged (`ignored`) unless told. */
const alert = (fired: string, more: Partial<NoiseAlertRow> = {}): NoiseAlertRow => ({
  id: String(++nextId),
  source: 'api',
  rule: 'R',
  serviceId: null,
  firedAtMs: at(fired),
  resolvedAtMs: null,
  resolvedBy: null,
  acknowledgedAtMs: null,
  acknowledged: false,
  incidentId: null,
  incidentKind: null,
  feedback: null,
  escalated: true,
  inRange: true,
  ...more,
  incidentLinked: (more.incidentId ?? null) !== null,
});
const page = (a: NoiseAlertRow, responderId: number, time: string, level = 1, reason = 'initial', channel = 'phone'): NoisePageRow => ({
  alertId: a.id,
  responderId,
  atMs: at(time),
  channel,
  level,
  reason,
});
const responder = (id: number, timezone: string | null): NoiseResponderRow => ({ id, externalId: `r-${id}`, name: `R${id}`, timezone, workingHours: null, holidayCountry: null });

const range = resolveDateRange({ from: '2026-03-02', to: '2026-03-09' }, 'UTC', '2026-04-01', 90);
const report = (alerts: NoiseAlertRow[], pages: NoisePageRow[], responders: NoiseResponderRow[]) => {
  const sorted = [...pages].sort((a, b) => a.responderId - b.responderId || a.atMs - b.atMs);
  return computeNoiseReport({ ...aggregateNoiseRows({ alerts, pages: sorted, responders, merged: sorted }, DEFAULT_SETTINGS), range, settings: DEFAULT_SETTINGS });
};

describe('findFlaps (re-fired within 60 min of an earlier alert of the rule resolving)', () => {
  it.each([
    ['60 min after', '02T10:00:00', '02T10:05:00', '02T11:05:00', true],
    ['61 min after', '02T10:00:00', '02T10:05:00', '02T11:06:00', false],
    ['at the instant it resolved', '02T10:00:00', '02T10:05:00', '02T10:05:00', true],
    ['while it is still open (resolved later)', '02T10:00:00', '02T10:30:00', '02T10:10:00', false],
  ])('%s → %s', (_why, fired, resolved, refired, expected) => {
    const rows = [alert(fired, { resolvedAtMs: at(resolved) }), alert(refired)];
    expect(findFlaps(rows)).toEqual([false, expected]);
  });

  it('looks at the same rule only, and at any earlier alert, not just the previous one', () => {
    const other = alert('02T10:00:00', { rule: 'Other', resolvedAtMs: at('02T10:05:00') });
    expect(findFlaps([other, alert('02T10:10:00')])).toEqual([false, false]);
    // A long alert resolved 10 min before, a short one still open in between.
    const rows = [alert('02T08:00:00', { resolvedAtMs: at('02T10:00:00') }), alert('02T09:50:00'), alert('02T10:10:00')];
    expect(findFlaps(rows)).toEqual([false, false, true]);
    // An alert resolved the instant it fired is no flap of itself.
    expect(findFlaps([alert('02T10:00:00', { resolvedAtMs: at('02T10:00:00') })])).toEqual([false]);
  });

  it('looks at the same service only: a rule named the same on two services is two alerts that do not flap each other', () => {
    const onA = alert('02T10:00:00', { serviceId: 1, resolvedAtMs: at('02T10:05:00') });
    // 5 min after onA resolved, but on service 2, and on no service: neither is a flap of onA.
    expect(findFlaps([onA, alert('02T10:10:00', { serviceId: 2 }), alert('02T10:10:00')])).toEqual([false, false, false]);
    // The same service (or both without one) is.
    const noService = alert('02T10:00:00', { resolvedAtMs: at('02T10:05:00') });
    expect(findFlaps([onA, alert('02T10:10:00', { serviceId: 1 }), noService, alert('02T10:10:00')])).toEqual([false, true, false, true]);
  });

  it.each([
    // fired, resolved, re-fired 10 min after the resolution; open = resolved − fired
    ['open exactly 7 days', '01T10:00:00', '08T10:00:00', '08T10:10:00', true],
    ['open 7 days and 1 minute', '01T09:59:00', '08T10:00:00', '08T10:10:00', false],
  ])('a predecessor %s → %s (open at most 7 days)', (_why, fired, resolved, refired, expected) => {
    expect(findFlaps([alert(fired, { resolvedAtMs: at(resolved) }), alert(refired)])).toEqual([false, expected]);
  });
});

describe('dominantNoiseClass', () => {
  it.each([
    [{ actionable: 9, flagged: 0, transient: 0, ignored: 0, ackOnly: 0 }, null],
    [{ actionable: 9, flagged: 1, transient: 3, ignored: 2, ackOnly: 0 }, 'transient'],
    [{ actionable: 0, flagged: 0, transient: 2, ignored: 2, ackOnly: 2 }, 'transient'], // ties: first-match order
    [{ actionable: 0, flagged: 0, transient: 0, ignored: 1, ackOnly: 5 }, 'ack_only'],
  ] as const)('%j → %s', (classes, expected) => {
    expect(dominantNoiseClass(classes)).toBe(expected);
  });
});

describe('computeNoiseReport', () => {
  it('counts a merged interruption once, for the alert of its opening page', () => {
    const a = alert('06T10:00:00', { rule: 'A', incidentId: 1, incidentKind: 'incident' }); // actionable
    const b = alert('06T10:00:20', { rule: 'B' }); // ignored
    const body = report([a, b], [page(a, 1, '06T10:00:00'), page(b, 1, '06T10:00:20')], [responder(1, 'UTC')]);
    expect(body.totals).toMatchObject({ pages: 2, interruptions: 1 });
    expect(body.rules.map((r) => [r.rule, r.interruptions])).toEqual([['A', 1], ['B', 0]]);
    expect(body.tuneFirst).toEqual([]); // the only interruption is an actionable alert's
  });

  it('counts disrupted hours and nights across local midnight', () => {
    // Responder in Kolkata (UTC+5:30): 23:10, 23:50, 00:20 and 07:40 local (night of 03-03), then 23:05 on 03-04.
    const a = alert('03T17:40:00');
    const times = ['03T17:40:00', '03T18:20:00', '03T18:50:00', '04T02:10:00', '04T17:35:00'];
    const body = report([a], times.map((t) => page(a, 7, t)), [responder(7, 'Asia/Kolkata')]);
    expect(body.responders).toEqual([
      // hours 03-03T23 (23:10, 23:50), 03-04T00, 03-04T07, 03-04T23 = 4; nights 03-03 and 03-04 = 2
      { externalId: 'r-7', name: 'R7', pages: 5, interruptions: 5, sleepingInterruptions: 5, disruptedHours: 4, disruptedNights: 2 },
    ]);
    // score: 5 noisy interruptions, all asleep: 5 + 2 × 5
    expect(body.tuneFirst[0]).toMatchObject({ rule: 'R', score: 15, noisyInterruptions: 5, noisySleepingInterruptions: 5, dominantClass: 'ignored' });
  });

  it('splits escalation depth by the reason of the first page at level ≥ 2, for alerts and for incidents', () => {
    const a = alert('02T10:00:00', { incidentId: 1, incidentKind: 'incident' });
    const b = alert('02T10:01:00', { incidentId: 1, incidentKind: 'incident' });
    const c = alert('02T11:00:00', { incidentId: 2, incidentKind: 'game_day' }); // not an incident of kind incident
    const d = alert('02T12:00:00');
    const pages = [
      page(a, 1, '02T10:00:00'),
      page(a, 2, '02T10:05:00', 2, 'timeout'),
      page(b, 1, '02T10:01:00'),
      page(b, 3, '02T10:03:00', 3, 'manual'), // inc-1's first escalation page: manual at 10:03, before a's timeout at 10:05
      page(c, 2, '02T11:00:00', 2, 'reassigned'),
      page(d, 1, '02T12:00:00'),
    ];
    const body = report([a, b, c, d], pages, [responder(1, 'UTC'), responder(2, 'UTC'), responder(3, 'UTC')]);
    expect(body.escalation).toEqual({
      escalatedAlerts: 4,
      alertsReachingLevel2: 3, // a, b, c
      alertsReachingLevel2Ratio: 0.75,
      incidents: 1, // inc 1; the game day is not counted
      incidentsReachingLevel2: 1,
      incidentsReachingLevel2Ratio: 1,
      byReason: {
        timeout: { alerts: 1, alertsRatio: 0.25, incidents: 0, incidentsRatio: 0 },
        manual: { alerts: 1, alertsRatio: 0.25, incidents: 1, incidentsRatio: 1 },
        reassigned: { alerts: 1, alertsRatio: 0.25, incidents: 0, incidentsRatio: 0 },
        initial: { alerts: 0, alertsRatio: 0, incidents: 0, incidentsRatio: 0 },
      },
    });
  });

  it('reads earlier alerts only as flap predecessors', () => {
    const before = alert('01T23:00:00', { inRange: false, resolvedAtMs: at('01T23:30:00') });
    const body = report([before, alert('02T00:10:00')], [], []);
    expect(body.rules).toMatchObject([{ rule: 'R', fired: 1, flaps: 1 }]); // 40 min after it resolved
    expect(body.totals.fired).toBe(1);
  });
});
