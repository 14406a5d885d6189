import { createHmac } from 'node:crypto';
import { digestsEqual } from '../signature-compare.js';

const SIGNATURE_PREFIX = 'v1=';
// A v1 signature is the hex of an HMAC-SHA256 digest: 32 bytes.
const V1_SIGNATURE = /^[0-9a-f]{64}$/i;

/**
 * Verifies the `X-PagerDuty-Signature` header of a Webhooks v3 delivery.
 *
 * The header holds one or more comma-separated `v1=<hex>` signatures (several during a secret
 * rotation); each is the HMAC-SHA256 of the raw request body keyed with a subscription secret. The
 * delivery is authentic when any signature matches any of `secrets`. Entries of other versions and
 * malformed entries are skipped; a missing or empty header, no raw body or no secret is simply `false`.
 * https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/04-Signatures.md
 */
export function verifyPagerDutySignature(rawBody: Buffer, header: string | undefined, secrets: string[]): boolean {
  if (!Buffer.isBuffer(rawBody) || typeof header !== 'string') return false;
  const received = header
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith(SIGNATURE_PREFIX))
    .map((entry) => entry.slice(SIGNATURE_PREFIX.length))
    .filter((hex) => V1_SIGNATURE.test(hex))
    .map((hex) => Buffer.from(hex, 'hex'));
  if (received.length === 0) return false;

  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length === 0) continue;
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    if (received.some((signature) => digestsEqual(expected, signature))) return true;
  }
  return false;
}
