import { createHmac } from 'node:crypto';
import { digestsEqual, timestampProblem } from '../signature-compare.js';

/** The three headers Svix (and so incident.io) signs with: `webhook-id`, `webhook-timestamp`, `webhook-signature`. */
export interface SvixHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type SvixVerification = { ok: true } | { ok: false; reason: string };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// A v1 signature is the base64 of an HMAC-SHA256 digest: 32 bytes, 44 characters with padding.
const V1_SIGNATURE = /^v1,([A-Za-z0-9+/]{43}=)$/;

/**
 * Verifies a delivery signed the Svix / Standard Webhooks way, as incident.io sends them.
 *
 * The signed content is `${id}.${timestamp}.${raw body}`; the key is the base64 part of the
 * `whsec_…` secret, decoded; the signature is HMAC-SHA256, base64-encoded. `webhook-signature` is a
 * space-separated list of `v1,<base64>` entries (several during a secret rotation) and any may match.
 * The timestamp (seconds since the epoch) must be within 5 minutes of `nowMs` so a captured delivery
 * cannot be replayed later. Never throws: every failure is `{ ok: false, reason }`.
 * https://docs.svix.com/receiving/verifying-payloads/how-manual
 */
export function verifySvixSignature(
  { id, timestamp, signature }: SvixHeaders,
  rawBody: Buffer,
  secret: string,
  nowMs: number,
): SvixVerification {
  if (!Buffer.isBuffer(rawBody)) return refuse('no raw request body to verify');
  // `typeof`: a header sent twice reaches Node as an array; it is as unusable as a missing one.
  if (typeof id !== 'string' || id === '') return refuse('missing webhook-id header');
  if (typeof timestamp !== 'string' || timestamp === '') return refuse('missing webhook-timestamp header');
  if (typeof signature !== 'string' || signature === '') return refuse('missing webhook-signature header');
  // The signed content joins the parts with "."; an id holding one could shift the boundary.
  if (/[.\s]/.test(id)) return refuse('webhook-id must not contain "." or whitespace');
  // Svix's own libraries allow 5 minutes either way.
  const stale = timestampProblem('webhook-timestamp', timestamp, nowMs);
  if (stale) return refuse(stale);

  // Svix's libraries also accept the secret without its prefix.
  const encodedKey = String(secret ?? '').replace(/^whsec_/, '');
  const key = BASE64.test(encodedKey) ? Buffer.from(encodedKey, 'base64') : Buffer.alloc(0);
  if (key.length === 0) return refuse('the signing secret is not a whsec_<base64> secret');

  const received = signature
    .split(' ')
    .map((entry) => V1_SIGNATURE.exec(entry)?.[1])
    .filter((base64): base64 is string => base64 !== undefined)
    .map((base64) => Buffer.from(base64, 'base64'));
  if (received.length === 0) return refuse('webhook-signature holds no v1 signature');

  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest();
  return received.some((candidate) => digestsEqual(expected, candidate))
    ? { ok: true }
    : refuse('no webhook-signature entry matches');
}

function refuse(reason: string): SvixVerification {
  return { ok: false, reason };
}
