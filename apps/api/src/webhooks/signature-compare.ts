import { timingSafeEqual } from 'node:crypto';

/**
 * Constant-time equality of a computed and a received HMAC digest. `timingSafeEqual` throws on buffers
 * of different lengths, so a length mismatch (a truncated or malformed signature) is a plain `false`.
 */
export function digestsEqual(expected: Buffer, received: Buffer): boolean {
  return expected.length === received.length && timingSafeEqual(expected, received);
}
