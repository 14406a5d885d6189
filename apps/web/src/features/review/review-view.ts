import type { OncallFlag } from '@firewatch/shared';
import { formatCount } from '../../components/charts/format.js';
import { severityLabel, type FilterState } from '../filters/filter-state.js';

/**
 * The Operational review's lists, worded from the API's numbers. Nothing is computed here; the
 * health flags and their thresholds are the on-call report's (METRICS.md "On-call health").
 */

/** Rows of each list in the review (readiness gaps, lapsing, flags): a printed page stays readable. */
export const REVIEW_LIST_ROWS = 10;

/** "6", "0.0298": counts as counts, a rate to three significant digits (rates per on-call hour are small). */
const figure = (value: number): string => (Number.isInteger(value) ? formatCount(value) : value.toLocaleString('en-US', { maximumSignificantDigits: 3 }));

/** One health flag in a sentence: who, the figure the rule reads, the limit it passed and the team median. */
export function flagSentence(flag: OncallFlag): string {
  const who = flag.team ? `${flag.responder.name} (${flag.team.name})` : flag.responder.name;
  const median = flag.teamMedian === null ? '' : `; the team median is ${figure(flag.teamMedian)}`;
  switch (flag.rule) {
    case 'disrupted_nights':
      return `${who} had ${figure(flag.value)} disrupted nights, over the limit of ${figure(flag.threshold)}${median}.`;
    case 'interruption_rate':
      return `${who} was interrupted ${figure(flag.value)} times per on-call hour, over the limit of ${figure(flag.threshold)}${median}.`;
    case 'long_streak':
      return `${who} was on call ${figure(flag.value)} weeks in a row, over the limit of ${figure(flag.threshold)}${median}.`;
  }
}

/** The first `REVIEW_LIST_ROWS` of a list and, when some are left out, how many there are in all. */
export function firstRows<T>(rows: readonly T[]): { shown: readonly T[]; note: string | null } {
  if (rows.length <= REVIEW_LIST_ROWS) return { shown: rows, note: null };
  return { shown: rows.slice(0, REVIEW_LIST_ROWS), note: `The first ${REVIEW_LIST_ROWS} of ${formatCount(rows.length)} are listed.` };
}

/**
 * What the figures cover besides the period, printed under it so a PDF says which part of the
 * organisation it is about: "All teams, services and severities." or "Team Core; services
 * svc-api, svc-db; severities SEV1–2." (`teamName` is the team's name once the list is loaded).
 */
export function scopeSentence(filters: Pick<FilterState, 'team' | 'services' | 'maxSeverity'>, teamName: string | null): string {
  const parts = [
    filters.team !== null ? `Team ${teamName ?? filters.team}` : null,
    filters.services.length > 0 ? `${filters.services.length === 1 ? 'service' : 'services'} ${filters.services.join(', ')}` : null,
    filters.maxSeverity !== null ? `severities ${severityLabel(filters.maxSeverity)}` : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return 'All teams, services and severities.';
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
