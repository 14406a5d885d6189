import type { CauseBreakdownItem, OverviewFigure, ServiceBreakdownItem } from '@firewatch/shared';
import { formatHours } from '../../components/charts/format.js';

/**
 * The Operational review's "biggest changes": the period's numbers compared with the previous
 * period's, ranked, each stated in one sentence. Nothing here is free text and no metric is
 * computed: the hours, their change and the out-of-hours hours come from the API; this module only
 * selects, ranks and words them (rules in METRICS.md "Operational review").
 *
 * Candidates, all in responder-hours so that they rank on one scale:
 * - each service of `/analytics/services` (its `workloadHours` vs `previous.workloadHours`);
 * - each cause of `/analytics/causes` (the same);
 * - the organisation's work in sleeping hours (the overview's `sleepingHours` figure).
 * Interruptions and counts have no hours and are not ranked against them: the headline figures
 * show them with their change.
 *
 * Ranking: largest absolute change in responder-hours first; ties: more hours in the period first,
 * then service before cause before night work, then by name. A change smaller than
 * `MIN_CHANGE_HOURS` is not a finding.
 */

/** How many findings the review states. */
export const REVIEW_FINDINGS = 3;
/** Changes smaller than this many responder-hours are too small to state. */
export const MIN_CHANGE_HOURS = 1;

export type FindingKind = 'service' | 'cause' | 'night';

export interface ReviewFinding {
  kind: FindingKind;
  /** Service external id, cause tag, or `sleeping` for night work: unique within a kind. */
  key: string;
  name: string;
  hours: number;
  previousHours: number;
  /** hours − previousHours: the ranking key. */
  changeHours: number;
  sentence: string;
}

interface Candidate {
  kind: FindingKind;
  key: string;
  name: string;
  hours: number;
  previousHours: number;
  /** The API's relative change (0.4 = up 40%); null when the previous period had none. */
  change: number | null;
  /** The closing clause: a share and what it is a share of ("of it out of hours"), or null to leave the clause out. */
  share: { ratio: number; of: string } | null;
}

const KIND_ORDER: Record<FindingKind, number> = { service: 0, cause: 1, night: 2 };

/** "212 responder-hours", "7.5 responder-hours": the number as formatHours rounds it (whole hours from 100 h, one decimal below). */
function responderHours(hours: number): string {
  return `${formatHours(hours).replace(/ h$/, '')} responder-${hours === 1 ? 'hour' : 'hours'}`;
}

/** A whole percentage; "less than 1%" for a change that rounds to 0 but is not one. */
function percent(ratio: number): string {
  const whole = Math.round(Math.abs(ratio) * 100);
  return whole === 0 && ratio !== 0 ? 'less than 1%' : `${whole}%`;
}

/** The change clause: "up 40% from 151", "down 12% from 80", "new: none in the previous period". */
function changeClause(candidate: Candidate): string {
  if (candidate.previousHours === 0 || candidate.change === null) return 'new: none in the previous period';
  const previous = formatHours(candidate.previousHours).replace(/ h$/, '');
  return `${candidate.change > 0 ? 'up' : 'down'} ${percent(candidate.change)} from ${previous}`;
}

function subject(candidate: Candidate): string {
  switch (candidate.kind) {
    case 'service':
      return `${candidate.name} incidents`;
    case 'cause':
      return `Incidents tagged “${candidate.name}”`;
    case 'night':
      return 'Work in sleeping hours';
  }
}

/** The sentence of one finding (wording rules in METRICS.md "Operational review"). */
function findingSentence(candidate: Candidate): string {
  if (candidate.hours === 0) {
    return `${subject(candidate)} cost no responder-hours, down from ${responderHours(candidate.previousHours)} in the previous period.`;
  }
  const share = candidate.share ? `; ${percent(candidate.share.ratio)} ${candidate.share.of}` : '';
  return `${subject(candidate)} cost ${responderHours(candidate.hours)}, ${changeClause(candidate)}${share}.`;
}

function breakdownCandidate(kind: 'service' | 'cause', key: string, item: ServiceBreakdownItem | CauseBreakdownItem): Candidate {
  return {
    kind,
    key,
    name: item.name,
    hours: item.workloadHours,
    previousHours: item.previous.workloadHours,
    change: item.workloadHoursChange,
    share: item.workloadHours > 0 ? { ratio: item.outOfHoursHours / item.workloadHours, of: 'of it out of hours' } : null,
  };
}

export interface FindingInputs {
  services: readonly ServiceBreakdownItem[];
  causes: readonly CauseBreakdownItem[];
  /** The overview's `figures` (its `sleepingHours` and `workloadHours` rows are read). */
  figures: readonly OverviewFigure[];
}

function nightCandidate(figures: readonly OverviewFigure[]): Candidate | null {
  const sleeping = figures.find((f) => f.figure === 'sleepingHours');
  const all = figures.find((f) => f.figure === 'workloadHours');
  if (!sleeping || sleeping.current === null || sleeping.previous === null) return null;
  const total = all?.current ?? 0;
  return {
    kind: 'night',
    key: 'sleeping',
    name: 'Work in sleeping hours',
    hours: sleeping.current,
    previousHours: sleeping.previous,
    change: sleeping.change,
    share: total > 0 && sleeping.current > 0 ? { ratio: sleeping.current / total, of: 'of all responder-hours' } : null,
  };
}

/** The `limit` biggest changes, ranked (see above), each with its sentence. */
export function reviewFindings({ services, causes, figures }: FindingInputs, limit = REVIEW_FINDINGS): ReviewFinding[] {
  const night = nightCandidate(figures);
  const candidates: Candidate[] = [
    ...services.map((s) => breakdownCandidate('service', s.externalId, s)),
    ...causes.map((c) => breakdownCandidate('cause', c.cause, c)),
    ...(night ? [night] : []),
  ];
  return candidates
    .map((c) => ({ candidate: c, changeHours: c.hours - c.previousHours }))
    .filter(({ changeHours }) => Math.abs(changeHours) >= MIN_CHANGE_HOURS)
    .sort(
      (a, b) =>
        Math.abs(b.changeHours) - Math.abs(a.changeHours) ||
        b.candidate.hours - a.candidate.hours ||
        KIND_ORDER[a.candidate.kind] - KIND_ORDER[b.candidate.kind] ||
        a.candidate.name.localeCompare(b.candidate.name, 'en'),
    )
    .slice(0, limit)
    .map(({ candidate, changeHours }) => ({
      kind: candidate.kind,
      key: candidate.key,
      name: candidate.name,
      hours: candidate.hours,
      previousHours: candidate.previousHours,
      changeHours,
      sentence: findingSentence(candidate),
    }));
}
