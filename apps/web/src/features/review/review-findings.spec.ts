import { describe, expect, it } from 'vitest';
import type { CauseBreakdownItem, OverviewFigure, ServiceBreakdownItem } from '@firewatch/shared';
import { reviewFindings, type FindingInputs } from './review-findings';

/** A services/causes row as the API answers it: the change is the API's (hours ÷ previous − 1, to 0.001). */
function breakdown(name: string, hours: number, previousHours: number, outOfHoursHours: number) {
  return {
    name,
    incidents: 1,
    majorIncidents: 0,
    workloadHours: hours,
    outOfHoursHours,
    pages: 0,
    ttrMedianMinutes: null,
    ttrExcluded: 0,
    previous: { incidents: 1, majorIncidents: 0, workloadHours: previousHours, outOfHoursHours: 0, pages: 0 },
    workloadHoursChange: previousHours === 0 ? null : Math.round((hours / previousHours - 1) * 1000) / 1000,
    incidentsChange: 0,
    share: null,
    cumulativeShare: null,
  };
}
const service = (id: string, name: string, hours: number, previous: number, outOfHours: number): ServiceBreakdownItem => ({ externalId: id, ...breakdown(name, hours, previous, outOfHours) });
const cause = (tag: string, hours: number, previous: number, outOfHours: number): CauseBreakdownItem => ({ cause: tag, ...breakdown(tag, hours, previous, outOfHours) });
const figure = (name: OverviewFigure['figure'], current: number | null, previous: number | null, change: number | null): OverviewFigure => ({ figure: name, current, previous, change });

const none: FindingInputs = { services: [], causes: [], figures: [] };
const sentences = (inputs: Partial<FindingInputs>, limit?: number) => reviewFindings({ ...none, ...inputs }, limit).map((f) => f.sentence);

describe('reviewFindings: the sentences', () => {
  it('states hours, the change with its previous value, and the out-of-hours share', () => {
    expect(sentences({ services: [service('svc-checkout', 'Checkout', 212, 151.43, 80.56)] })).toEqual([
      // 212 ÷ 151.43 − 1 = 0.39999 → API 0.4 → "up 40%"; previous 151.43 → "151" (whole hours from 100 h);
      // 80.56 ÷ 212 = 0.38 → "38%".
      'Checkout incidents cost 212 responder-hours, up 40% from 151; 38% of it out of hours.',
    ]);
  });

  it.each<[string, number, number, number, string]>([
    // hours, previous, out of hours, sentence
    ['a fall', 30, 40, 0, 'Payments incidents cost 30 responder-hours, down 25% from 40; 0% of it out of hours.'], // 30 ÷ 40 − 1 = −0.25
    ['one decimal below 100 h', 7.25, 2.5, 1.25, 'Payments incidents cost 7.3 responder-hours, up 190% from 2.5; 17% of it out of hours.'], // 7.25 ÷ 2.5 − 1 = 1.9; 1.25 ÷ 7.25 = 0.172
    ['"new" when the previous period had none', 12, 0, 6, 'Payments incidents cost 12 responder-hours, new: none in the previous period; 50% of it out of hours.'], // 6 ÷ 12 = 0.5
    ['none this period', 0, 16.5, 0, 'Payments incidents cost no responder-hours, down from 16.5 responder-hours in the previous period.'],
    ['a change that rounds to 0%', 1001, 1000, 0, 'Payments incidents cost 1,001 responder-hours, up less than 1% from 1,000; 0% of it out of hours.'], // 1001 ÷ 1000 − 1 = 0.001 → 0.1% → rounds to 0
    ['exactly one hour', 1, 0, 0, 'Payments incidents cost 1 responder-hour, new: none in the previous period; 0% of it out of hours.'],
  ])('%s', (_, hours, previous, outOfHours, expected) => {
    expect(sentences({ services: [service('svc-pay', 'Payments', hours, previous, outOfHours)] })).toEqual([expected]);
  });

  it('names a cause by its tag', () => {
    expect(sentences({ causes: [cause('deploy', 80, 100, 20)] })).toEqual([
      'Incidents tagged “deploy” cost 80 responder-hours, down 20% from 100; 25% of it out of hours.', // 80 ÷ 100 − 1 = −0.2; 20 ÷ 80 = 0.25
    ]);
  });

  it('states night work from the overview’s sleeping hours, as a share of all responder-hours', () => {
    const figures = [figure('workloadHours', 400, 350, 0.143), figure('sleepingHours', 48, 40, 0.2)];
    expect(sentences({ figures })).toEqual([
      'Work in sleeping hours cost 48 responder-hours, up 20% from 40; 12% of all responder-hours.', // 48 ÷ 400 = 0.12
    ]);
  });
});

describe('reviewFindings: the ranking', () => {
  it('ranks by absolute change in responder-hours across services, causes and night work, and keeps three', () => {
    const findings = reviewFindings({
      services: [
        service('a', 'Alpha', 100, 90, 0), // +10
        service('b', 'Beta', 20, 60, 0), // −40
        service('c', 'Gamma', 50, 50, 0), // 0: no change, never a finding
      ],
      causes: [cause('deploy', 45, 20, 0)], // +25
      figures: [figure('workloadHours', 170, 170, 0), figure('sleepingHours', 30, 45, -0.333)], // −15
    });
    expect(findings.map((f) => [f.kind, f.key, f.changeHours])).toEqual([
      ['service', 'b', -40], // |−40|
      ['cause', 'deploy', 25], // |+25|
      ['night', 'sleeping', -15], // |−15|; Alpha's +10 is fourth and left out
    ]);
  });

  it('breaks ties by more hours in the period, then service before cause, then name', () => {
    const findings = reviewFindings(
      {
        services: [service('z', 'Zulu', 30, 20, 0), service('y', 'Yankee', 12, 2, 0), service('x', 'Xray', 30, 20, 0)], // +10 each
        causes: [cause('config', 30, 20, 0)], // +10 with 30 h
        figures: [],
      },
      4,
    );
    // All +10: the three with 30 h first (services Xray, Zulu by name, then the cause), Yankee (12 h) last.
    expect(findings.map((f) => f.key)).toEqual(['x', 'z', 'config', 'y']);
  });

  it('leaves out changes under one responder-hour and gives fewer than three when there are fewer', () => {
    const findings = reviewFindings({ ...none, services: [service('a', 'Alpha', 10.5, 10, 0), service('b', 'Beta', 5, 3.5, 0)] });
    // Alpha +0.5 h is under the 1 h minimum; Beta +1.5 h is a finding.
    expect(findings.map((f) => f.key)).toEqual(['b']);
  });

  it('says nothing without a previous value for night work', () => {
    expect(reviewFindings({ ...none, figures: [figure('sleepingHours', 10, null, null)] })).toEqual([]);
  });
});
