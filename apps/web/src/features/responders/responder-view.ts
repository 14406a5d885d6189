import type { ResponderDetail } from '@firewatch/shared';
import { minutesToHours, shareOf } from '../../components/charts/format';
import { defaultFilters, serializeFilters, type DateSelection } from '../filters/filter-state';

/**
 * The responder page's address and view model. The page takes the date selection of the page it
 * was opened from (its workload and experiences cover that range) and `asOf` (readiness is judged
 * on that day); team, service and severity filters do not apply to one person.
 */
export function responderPath(externalId: string, date?: DateSelection, asOf?: string | null): string {
  const params = serializeFilters({ ...defaultFilters, date: date ?? defaultFilters.date });
  if (asOf) params.set('asOf', asOf);
  const search = params.toString();
  return `/responders/${encodeURIComponent(externalId)}${search ? `?${search}` : ''}`;
}

/** Days from `from` to `to` (ISO dates), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface ResponderHeadline {
  /** "Ready", "Not ready" or "Not active" on asOf. */
  readiness: string;
  /** Days from asOf to the first day no longer ready; null when not ready. */
  daysLeft: number | null;
  hours: number;
  sleepingShare: number;
  incidents: number;
  gameDayHours: number;
  experiences: number;
}

export function responderHeadline(detail: ResponderDetail): ResponderHeadline {
  const { readiness, workload } = detail;
  return {
    readiness: !readiness.active ? 'Not active' : readiness.ready ? 'Ready' : 'Not ready',
    daysLeft: readiness.expiresOn ? daysBetween(readiness.asOf, readiness.expiresOn) : null,
    hours: minutesToHours(workload.minutes),
    sleepingShare: shareOf(workload.sleeping, workload.minutes),
    incidents: workload.incidents,
    gameDayHours: minutesToHours(workload.gameDayMinutes),
    experiences: detail.experiences.length,
  };
}
