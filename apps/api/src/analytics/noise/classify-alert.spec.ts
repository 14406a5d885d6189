import { describe, expect, it } from 'vitest';
import { classifyAlert, type ClassifiableAlert } from './classify-alert.js';

const FIRED = Date.parse('2026-03-02T10:00:00Z');
const min = (n: number) => FIRED + n * 60_000;

/** An escalated alert, never acknowledged, unresolved, no incident, no feedback: `ignored`. */
const base: ClassifiableAlert = { escalated: true, incidentLinked: false, feedback: null, resolvedBy: null, firedAtMs: FIRED, resolvedAtMs: null, acknowledged: false };

describe('classifyAlert (SPEC §2.5, first match wins)', () => {
  it.each<[string, Partial<ClassifiableAlert>, ReturnType<typeof classifyAlert>]>([
    ['not escalated: no class', { escalated: false, incidentLinked: true }, null],
    ['linked to an incident', { incidentLinked: true }, 'actionable'],
    ['linked AND auto-resolved in 3 min, never acknowledged: rule 1 before rule 3', { incidentLinked: true, resolvedBy: 'auto', resolvedAtMs: min(3) }, 'actionable'],
    ['linked AND feedback false_positive: rule 1 before rule 2', { incidentLinked: true, feedback: 'false_positive' }, 'actionable'],
    ['feedback actionable', { feedback: 'actionable', acknowledged: true }, 'actionable'],
    ['feedback false_positive', { feedback: 'false_positive' }, 'flagged'],
    ['feedback not_actionable, auto-resolved in 2 min: rule 2 before rule 3', { feedback: 'not_actionable', resolvedBy: 'auto', resolvedAtMs: min(2) }, 'flagged'],
    ['feedback poor_details, acknowledged: rule 2 before rule 5', { feedback: 'poor_details', acknowledged: true }, 'flagged'],
    ['auto-resolved in 3 min, never acknowledged', { resolvedBy: 'auto', resolvedAtMs: min(3) }, 'transient'],
    ['auto-resolved in exactly 10 min: within the threshold', { resolvedBy: 'auto', resolvedAtMs: min(10) }, 'transient'],
    ['auto-resolved in 10 min 1 s: over it', { resolvedBy: 'auto', resolvedAtMs: min(10) + 1000 }, 'ignored'],
    ['resolved by a human in 3 min, never acknowledged', { resolvedBy: 'human', resolvedAtMs: min(3) }, 'ignored'],
    ['never resolved, never acknowledged', {}, 'ignored'],
    ['auto-resolved in 3 min but acknowledged: not transient', { resolvedBy: 'auto', resolvedAtMs: min(3), acknowledged: true }, 'ack_only'],
    ['acknowledged, nothing else', { acknowledged: true }, 'ack_only'],
  ])('%s → %s', (_why, alert, expected) => {
    expect(classifyAlert({ ...base, ...alert }, 10)).toBe(expected);
  });

  it('reads the transient threshold from the settings', () => {
    const alert = { ...base, resolvedBy: 'auto', resolvedAtMs: min(12) };
    expect(classifyAlert(alert, 10)).toBe('ignored');
    expect(classifyAlert(alert, 15)).toBe('transient');
  });
});
