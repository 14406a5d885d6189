import { createHmac } from 'node:crypto';
import { digestsEqual, timestampProblem } from '../signature-compare.js';

/** The two headers Slack signs a request with. */
export interface SlackSignatureHeaders {
  /** `X-Slack-Request-Timestamp`: seconds since the epoch. */
  timestamp: string | undefined;
  /** `X-Slack-Signature`: `v0=` and the hex HMAC-SHA256. */
  signature: string | undefined;
}

export type SlackVerification = { ok: true } | { ok: false; reason: string };

// v0 signatures are the hex of an HMAC-SHA256 digest: 32 bytes, 64 hex digits.
const V0_SIGNATURE = /^v0=([0-9a-f]{64})$/;

/**
 * Verifies a request signed by Slack: `X-Slack-Signature` is `v0=` + hex HMAC-SHA256, keyed with the
 * app's signing secret, of `v0:{X-Slack-Request-Timestamp}:{raw body}`. The timestamp must be within
 * 5 minutes of `nowMs` (Slack's advice against replays). Compared in constant time; never throws.
 * https://api.slack.com/authentication/verifying-requests-from-slack
 */
export function verifySlackSignature({ timestamp, signature }: SlackSignatureHeaders, rawBody: Buffer, secret: string, nowMs: number): SlackVerification {
  if (!Buffer.isBuffer(rawBody)) return refuse('no raw request body to verify');
  // `typeof`: a header sent twice reaches Node as an array; it is as unusable as a missing one.
  if (typeof timestamp !== 'string' || timestamp === '') return refuse('missing X-Slack-Request-Timestamp header');
  if (typeof signature !== 'string' || signature === '') return refuse('missing X-Slack-Signature header');
  const stale = timestampProblem('X-Slack-Request-Timestamp', timestamp, nowMs);
  if (stale) return refuse(stale);
  const hex = V0_SIGNATURE.exec(signature)?.[1];
  if (!hex) return refuse('X-Slack-Signature is not a v0= signature');
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(rawBody).digest();
  return digestsEqual(expected, Buffer.from(hex, 'hex')) ? { ok: true } : refuse('X-Slack-Signature does not match the body');
}

function refuse(reason: string): SlackVerification {
  return { ok: false, reason };
}
