import { describe, expect, it } from 'vitest';
import { DAY_MS, WEEK_MS, isYearEnd } from './demo-time.js';
import { divisionsForScale, planDemo, validateDemoOptions, weekIndex, type DemoPlan } from './demo-plan.js';

const touchesYearEnd = (fromMs: number, toMs: number) => {
  for (let t = fromMs; t < toMs; t += DAY_MS) {
    const d = new Date(t);
    if (isYearEnd(d.getUTCMonth() + 1, d.getUTCDate())) return true;
  }
  return false;
};

describe('demo plan', () => {
  it('maps scale to copies of the organisation: round(S^1.8)', () => {
    expect([1, 2, 3, 5, 10, 20].map(divisionsForScale)).toEqual([1, 3, 7, 18, 63, 220]);
  });

  it.each([
    [{ seed: -1, scale: 1, end: '2026-06-30' }, /seed must be a non-negative integer/],
    [{ seed: 1.5, scale: 1, end: '2026-06-30' }, /seed must be a non-negative integer/],
    [{ seed: 1, scale: 0, end: '2026-06-30' }, /scale must be an integer from 1 to 20/],
    [{ seed: 1, scale: 21, end: '2026-06-30' }, /scale must be an integer from 1 to 20/],
    [{ seed: 1, scale: 1, end: '2026-13-01' }, /not a calendar date/],
  ])('rejects %j', (options, message) => {
    expect(() => validateDemoOptions(options)).toThrow(message);
  });

  it('builds the organisation of the issue: 6 teams, 60 responders, 25 services, ≥ 4 zones', () => {
    const plan = planDemo({ seed: 1, scale: 1, end: '2026-06-30' });
    expect(new Date(plan.fromMs).toISOString()).toBe('2024-12-30T00:00:00.000Z'); // 18 months before the end
    expect(plan.days).toHaveLength(547);
    expect(plan.teams).toHaveLength(6);
    expect(plan.responders).toHaveLength(60);
    expect(plan.services).toHaveLength(25);
    const zones = new Set(plan.responders.map((r) => r.timezone));
    expect(zones.has('Australia/Sydney') && zones.has('Asia/Kolkata') && zones.size >= 4).toBe(true);
    expect(new Set(plan.responders.map((r) => r.name)).size).toBe(60);
    expect(new Set(plan.responders.map((r) => r.email)).size).toBe(60);
  });

  it('repeats the organisation at larger scales, with suffixed ids', () => {
    const plan = planDemo({ seed: 1, scale: 2, end: '2026-06-30' });
    expect(plan.teams.map((t) => t.externalId).slice(0, 7)).toEqual(['platform', 'payments', 'storefront', 'identity', 'data', 'mobile', 'platform-2']);
    expect(plan.responders).toHaveLength(180);
    expect(new Set(plan.services.map((s) => s.externalId)).size).toBe(75);
  });

  // Every end date of two years, three weeks apart: the planted scenarios always fit and stay apart.
  const ends = Array.from({ length: 36 }, (_, i) => new Date(Date.UTC(2025, 0, 3 + 21 * i)).toISOString().slice(0, 10));
  const plans = new Map<string, DemoPlan>();
  const plan = (end: string) => plans.get(end) ?? plans.set(end, planDemo({ seed: 5, scale: 1, end })).get(end)!;

  it.each(ends)('places the planted scenarios for an end of %s', (end) => {
    const p = plan(end);
    const { launch, quiet, departure, gameDay, dst, concurrency } = p.planted;
    // The launch's comparison weeks (8 before, 8 after) lie in the range, away from the year-end dip.
    expect(launch.atMs - 8 * WEEK_MS).toBeGreaterThanOrEqual(p.fromMs);
    expect(touchesYearEnd(launch.atMs - 8 * WEEK_MS, launch.atMs + 8 * WEEK_MS)).toBe(false);
    expect(launch.multiplier).toBeGreaterThan(1.4);
    expect(launch.multiplier).toBeLessThan(3);
    // The quiet spell covers the readiness window before the departure and before the game day.
    expect(quiet.startMs).toBeLessThanOrEqual(departure.leftAtMs - 61 * DAY_MS);
    expect(quiet.startMs).toBeLessThanOrEqual(gameDay.atMs - 62 * DAY_MS);
    expect(quiet.endMs).toBeGreaterThan(gameDay.atMs + DAY_MS);
    expect(departure.incident.declaredAtMs).toBeGreaterThan(departure.leftAtMs - 60 * DAY_MS);
    expect(gameDay.atMs).toBeGreaterThan(departure.leftAtMs);
    expect(gameDay.participantIds).toHaveLength(6);
    expect(gameDay.participantIds).not.toContain(departure.responderId);
    // The leaver is on call the night of their incident (an override of the rotation).
    const platform = p.teams[quiet.teamId - 1]!;
    expect(platform.rotation.primary[weekIndex(platform.rotation, departure.incident.declaredAtMs)]).toBe(departure.responderId);
    // Four zones cross a DST change inside the range, in both directions.
    expect(dst.map((d) => d.zone).sort()).toEqual(['America/New_York', 'Australia/Sydney', 'Europe/Berlin', 'Europe/London']);
    expect(dst.every((d) => d.transitionMs > p.fromMs && d.transitionMs < p.toMs)).toBe(true);
    expect(concurrency.map((c) => c.incidents.length)).toEqual([3, 2]);
    expect(concurrency.every((c) => c.windowEndMs < p.toMs)).toBe(true);
  });

  it('rotates weekly: primary and secondary differ, and both are onboarded and still there', () => {
    const p = plan(ends[10]!);
    for (const team of p.teams) {
      const r = team.rotation;
      expect(r.weekStartMs[0]).toBeLessThanOrEqual(p.fromMs);
      expect(r.weekStartMs.at(-1)).toBeGreaterThanOrEqual(p.toMs);
      for (let w = 0; w < r.primary.length; w++) {
        expect(r.primary[w]).not.toBe(r.secondary[w]);
        for (const id of [r.primary[w]!, r.secondary[w]!]) {
          const person = p.responders[id - 1]!;
          expect(person.teamId).toBe(team.id);
          expect(person.startedAtMs).toBeLessThanOrEqual(r.weekStartMs[w]!);
          if (person.leftAtMs !== null) expect(person.leftAtMs).toBeGreaterThanOrEqual(r.weekStartMs[w + 1]!);
        }
        // Monday 09:00 local, 7 days apart (± 1 h across a DST change).
        expect(Math.abs(r.weekStartMs[w + 1]! - r.weekStartMs[w]! - WEEK_MS)).toBeLessThanOrEqual(3_600_000);
      }
    }
  });
});
