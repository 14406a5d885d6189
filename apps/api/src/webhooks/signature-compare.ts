import { timingSafeEqual } from 'node:crypto';

/**
 * Constant-time equality of a computed and a received HMAC digest. `timingSafeEqual` throws on buffers
 * of different lengths, so a length mismatch (a truncated or malformed signature) is a plain `false`.
 */
export function digestsEqual(expected: Buffer, received: Buffer): boolean {
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/** How far a signed request's timestamp may be from our clock, either way: Svix and Slack both document 5 minutes. */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * Why a signed request's timestamp header (whole seconds since the epoch) is unusable or outside the
 * 5-minute window around `nowMs`, so a captured request cannot be replayed later; undefined when fine.
 */
export function timestampProblem(header: string, timestamp: string, nowMs: number): string | undefined {
  if (!/^\d{1,12}$/.test(timestamp)) return `${header} must be whole seconds since the epoch`;
  if (!Number.isFinite(nowMs)) return `no current time to check ${header} against`;
  const ageSeconds = nowMs / 1000 - Number(timestamp);
  if (ageSeconds > TOLERANCE_SECONDS) return `${header} is more than 5 minutes old`;
  if (ageSeconds < -TOLERANCE_SECONDS) return `${header} is more than 5 minutes in the future`;
  return undefined;
}
