import { DateTime } from 'luxon';
import type { IncidentListKind, IncidentStatus } from '@firewatch/shared';

/**
 * A duration in minutes as a person reads it: `7.5 min`, `42 min`, `1 h 45 min`, `3 d 4 h`;
 * `—` when there is none (e.g. TTR of an unresolved incident).
 */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return '—';
  // A source may acknowledge before it declares; the sign is kept, not hidden.
  const sign = minutes < 0 ? '−' : '';
  const m = Math.abs(minutes);
  if (m < 10) return `${sign}${Number(m.toFixed(1))} min`;
  const whole = Math.round(m);
  if (whole < 60) return `${sign}${whole} min`;
  if (whole < 48 * 60) {
    const rest = whole % 60;
    return `${sign}${Math.floor(whole / 60)} h${rest ? ` ${rest} min` : ''}`;
  }
  const hours = Math.round(m / 60);
  const restHours = hours % 24;
  return `${sign}${Math.floor(hours / 24)} d${restHours ? ` ${restHours} h` : ''}`;
}

/** `{ date: '2 Mar 2026', time: '10:00' }`: an instant on the wall clock of `timeZone` (the organisation's). */
export function instantParts(iso: string, timeZone: string): { date: string; time: string } {
  const local = DateTime.fromISO(iso, { zone: timeZone }).setLocale('en-GB');
  return { date: local.toFormat('d LLL yyyy'), time: local.toFormat('HH:mm') };
}

export const kindLabels: Record<IncidentListKind, string> = {
  incident: 'Incidents',
  game_day: 'Game days',
  test: 'Test incidents',
  all: 'All kinds',
};

export const statusLabels: Record<IncidentStatus, string> = {
  open: 'Open',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

/** `SEV1` … `SEV5`. */
export const severityLabel = (severity: number): string => `SEV${severity}`;

/** "1 incident", "1,234 incidents", "2 game days". */
export function countLabel(count: number, kind: IncidentListKind): string {
  const [one, many] =
    kind === 'game_day' ? ['game day', 'game days'] : kind === 'test' ? ['test incident', 'test incidents'] : ['incident', 'incidents'];
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
