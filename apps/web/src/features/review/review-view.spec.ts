import { describe, expect, it } from 'vitest';
import type { OncallFlag } from '@firewatch/shared';
import { firstRows, flagSentence, REVIEW_LIST_ROWS, scopeSentence } from './review-view';

const flag = (rule: OncallFlag['rule'], value: number, teamMedian: number | null, threshold: number, team: string | null = 'Core'): OncallFlag => ({
  responder: { externalId: 'r-1', name: 'Ada Lovelace' },
  team: team === null ? null : { externalId: 'core', name: team },
  rule,
  value,
  teamMedian,
  threshold,
});

describe('flagSentence', () => {
  it.each<[string, OncallFlag, string]>([
    ['disrupted nights', flag('disrupted_nights', 7, 2, 4), 'Ada Lovelace (Core) had 7 disrupted nights, over the limit of 4; the team median is 2.'],
    // METRICS.md's example: 5 interruptions in 168 h = 0.0298/h against a median of 1/168 = 0.00595, limit 2 × 0.00595 = 0.0119.
    ['a rate, three significant digits', flag('interruption_rate', 5 / 168, 1 / 168, 2 / 168), 'Ada Lovelace (Core) was interrupted 0.0298 times per on-call hour, over the limit of 0.0119; the team median is 0.00595.'],
    ['a streak, no median (an absolute limit)', flag('long_streak', 5, null, 3), 'Ada Lovelace (Core) was on call 5 weeks in a row, over the limit of 3.'],
    ['a responder without a team', flag('long_streak', 4, null, 3, null), 'Ada Lovelace was on call 4 weeks in a row, over the limit of 3.'],
  ])('%s', (_, input, expected) => {
    expect(flagSentence(input)).toBe(expected);
  });
});

describe('firstRows', () => {
  it('keeps a short list whole, with no note', () => {
    expect(firstRows([1, 2, 3])).toEqual({ shown: [1, 2, 3], note: null });
  });

  it('cuts a long list and says how long it was', () => {
    const rows = Array.from({ length: 1234 }, (_, i) => i);
    const { shown, note } = firstRows(rows);
    expect(shown).toHaveLength(REVIEW_LIST_ROWS);
    expect(note).toBe(`The first ${REVIEW_LIST_ROWS} of 1,234 are listed.`);
  });
});

describe('scopeSentence', () => {
  it.each<[string, Parameters<typeof scopeSentence>[0], string | null, string]>([
    ['no filter', { team: null, services: [], maxSeverity: null }, null, 'All teams, services and severities.'],
    ['a team by its name', { team: 'core', services: [], maxSeverity: null }, 'Core Platform', 'Team Core Platform.'],
    ['a team before its list loads', { team: 'core', services: [], maxSeverity: null }, null, 'Team core.'],
    ['services and severity', { team: null, services: ['svc-api', 'svc-db'], maxSeverity: 2 }, null, 'Services svc-api, svc-db; severities SEV1–2.'],
    ['one service, SEV1 only', { team: 'core', services: ['svc-api'], maxSeverity: 1 }, 'Core', 'Team Core; service svc-api; severities SEV1 only.'],
  ])('%s', (_, filters, teamName, expected) => {
    expect(scopeSentence(filters, teamName)).toBe(expected);
  });
});
