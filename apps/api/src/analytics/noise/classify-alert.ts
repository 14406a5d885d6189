import type { AlertClass } from '@firewatch/shared';

/** What SPEC §2.5's classification reads of one alert. */
export interface ClassifiableAlert {
  /** At least one page (any channel): only escalated alerts are classified. */
  escalated: boolean;
  /** Linked to an incident. */
  incidentLinked: boolean;
  feedback: string | null;
  resolvedBy: string | null;
  firedAtMs: number;
  resolvedAtMs: number | null;
  /** acknowledgedAt or acknowledgedBy is set. */
  acknowledged: boolean;
}

const MS_PER_MINUTE = 60_000;

/** A re-fire at most this long after an earlier alert of the rule resolved is a flap (SPEC §2.5). */
export const FLAP_WINDOW_MINUTES = 60;
export const FLAP_WINDOW_MS = FLAP_WINDOW_MINUTES * MS_PER_MINUTE;
/** An alert open longer than this is no flap predecessor (`FLAP_LOOKBACK` of noise.query.ts). */
export const FLAP_PREDECESSOR_MAX_OPEN_MS = 7 * 24 * 60 * MS_PER_MINUTE;

/**
 * The class of an alert, first match wins (SPEC §2.5); null when it is not escalated. `transient`:
 * resolved by `auto` at most `transientMinutes` after firing (exactly at the threshold still counts)
 * and never acknowledged.
 */
export function classifyAlert(alert: ClassifiableAlert, transientMinutes: number): AlertClass | null {
  if (!alert.escalated) return null;
  if (alert.incidentLinked || alert.feedback === 'actionable') return 'actionable';
  if (alert.feedback !== null) return 'flagged';
  if (alert.acknowledged) return 'ack_only';
  const autoResolvedQuickly =
    alert.resolvedBy === 'auto' && alert.resolvedAtMs !== null && alert.resolvedAtMs - alert.firedAtMs <= transientMinutes * MS_PER_MINUTE;
  return autoResolvedQuickly ? 'transient' : 'ignored';
}
