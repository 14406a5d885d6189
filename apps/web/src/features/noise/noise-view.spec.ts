import type { NoiseEscalation, NoiseRule, NoiseTuneFirst } from '@firewatch/shared';
import { describe, expect, it } from 'vitest';
import { classSeries, escalationReasonRows, interruptionSplit, NOISE_DEFINITION, noiseWeekRows, ruleLabeler, selectedRule, tuneFirstRows, withSelectedRule } from './noise-view';

const classes = { actionable: 2, flagged: 1, transient: 5, ignored: 0, ackOnly: 2 };

function rule(source: string, name: string, escalated: number): NoiseRule {
  return {
    source,
    rule: name,
    fired: escalated + 1,
    escalated,
    interruptions: 4,
    sleepingInterruptions: 1,
    interruptionsByBucket: { working: 2, late: 1, sleeping: 1 },
    noise: 8,
    noiseRatio: 0.8,
    classes,
    ttaMedianMinutes: 3.5,
    flaps: 6,
    lastFiredAt: '2026-01-01T00:00:00.000Z',
  };
}

function tune(source: string, name: string, score: number): NoiseTuneFirst {
  return { source, rule: name, score, noisyInterruptions: score, noisySleepingInterruptions: 0, noiseRatio: 0.8, dominantClass: 'transient' };
}

describe('tuneFirstRows', () => {
  it('keeps the ranking order and joins each rule by source and rule', () => {
    const rows = tuneFirstRows({
      tuneFirst: [tune('cdn', 'Spike', 9), tune('prom', 'Spike', 4)],
      rules: [rule('prom', 'Spike', 20), rule('cdn', 'Spike', 10), rule('prom', 'Other', 3)],
    });
    // Same rule name from two sources: each ranking row gets its own source's figures.
    const label = ruleLabeler(rows);
    expect(rows.map((r) => [label(r), r.score, r.escalated, r.flaps])).toEqual([
      ['Spike (cdn)', 9, 10, 6],
      ['Spike (prom)', 4, 20, 6],
    ]);
  });

  it('drops a ranked rule missing from the rules (never draws a bar without its classes)', () => {
    expect(tuneFirstRows({ tuneFirst: [tune('x', 'Gone', 3)], rules: [] })).toEqual([]);
  });
});

describe('ruleLabeler', () => {
  it.each([
    [['demo', 'demo'], 'Spike'], // one source: the name says it all
    [['demo', 'prom'], 'Spike (demo)'], // two sources: the name alone could mean either
  ])('sources %o → %s', (sources, expected) => {
    expect(ruleLabeler(sources.map((source) => ({ source })))({ source: 'demo', rule: 'Spike' })).toBe(expected);
  });
});

describe('classSeries', () => {
  it('stacks the five classes, actionable first, ack-only read from `ackOnly`', () => {
    const series = classSeries<{ classes: typeof classes }>();
    expect(series.map((s) => [s.key, s.value({ classes })])).toEqual([
      ['actionable', 2],
      ['flagged', 1],
      ['transient', 5],
      ['ignored', 0],
      ['ackOnly', 2],
    ]);
    expect(new Set(series.map((s) => s.color)).size).toBe(5); // one colour per class
  });
});

describe('escalationReasonRows', () => {
  it('lists every reason in the API order with its counts', () => {
    const reason = (alerts: number) => ({ alerts, alertsRatio: alerts / 100, incidents: 1, incidentsRatio: 0.1 });
    const escalation: NoiseEscalation = {
      escalatedAlerts: 100,
      alertsReachingLevel2: 30, // 20 + 6 + 3 + 1
      alertsReachingLevel2Ratio: 0.3,
      incidents: 10,
      incidentsReachingLevel2: 4,
      incidentsReachingLevel2Ratio: 0.4,
      byReason: { timeout: reason(20), manual: reason(6), reassigned: reason(3), initial: reason(1) },
    };
    const rows = escalationReasonRows(escalation);
    expect(rows.map((r) => [r.reason, r.alerts, r.alertsRatio])).toEqual([
      ['timeout', 20, 0.2],
      ['manual', 6, 0.06],
      ['reassigned', 3, 0.03],
      ['initial', 1, 0.01],
    ]);
    expect(rows.reduce((sum, r) => sum + r.alerts, 0)).toBe(escalation.alertsReachingLevel2);
  });
});

describe('noiseWeekRows and interruptionSplit', () => {
  it.each([
    [{ escalated: 12, actionable: 3 }, 9], // 12 − 3
    [{ escalated: 0, actionable: 0 }, 0], // a zero-filled week
  ])('week %o → noise %i', (counts, noise) => {
    const [row] = noiseWeekRows([{ week: '2026-01-05', actionableRatio: null, ...counts }]);
    expect(row!.noise).toBe(noise);
    expect(row!.noise + row!.actionable).toBe(row!.escalated);
  });

  it('splits interruptions into sleeping and the rest', () => {
    expect(interruptionSplit({ interruptions: 7, sleepingInterruptions: 5 })).toEqual({ awake: 2, sleeping: 5 });
  });
});

it('links to the METRICS.md section on pager noise', () => {
  expect(NOISE_DEFINITION).toBe('pager-noise-and-escalations');
});

describe('selectedRule and withSelectedRule', () => {
  const rules = [rule('demo', 'Spike', 3), rule('prom', 'Spike', 4)];

  it('round-trips a rule through the URL, keeping the filters', () => {
    const params = withSelectedRule(new URLSearchParams('preset=last90&team=platform'), rules[1]!);
    expect(params.toString()).toBe('preset=last90&team=platform&ruleSource=prom&rule=Spike');
    expect(selectedRule(params, rules)).toBe(rules[1]); // same name, the other source is not taken
    expect(withSelectedRule(params, null).toString()).toBe('preset=last90&team=platform');
  });

  it.each([
    ['rule=Spike', null], // no source
    ['ruleSource=demo&rule=Gone', null], // no alerts of it in the range
  ])('%s → %s', (search, expected) => {
    expect(selectedRule(new URLSearchParams(search), rules)).toBe(expected);
  });
});
