import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifySvixSignature, type SvixHeaders } from './svix-signature.js';

const FIXTURES = new URL('../../../../../test/fixtures/incident-io/', import.meta.url);

// A test secret in incident.io's format: `whsec_` and the base64 of 32 random bytes.
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const sign = (id: string, timestamp: string, body: Buffer, secret = SECRET): string =>
  `v1,${createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
    .update(`${id}.${timestamp}.${body.toString('utf8')}`)
    .digest('base64')}`;

describe('verifySvixSignature', () => {
  it("reproduces the known-answer vector of Svix's documentation and libraries", () => {
    const headers = {
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: '1614265330',
      signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    };
    const body = Buffer.from('{"test": 2432232314}');
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(sign(headers.id, headers.timestamp, body, secret)).toBe(headers.signature);
    expect(verifySvixSignature(headers, body, secret, 1614265330_000)).toEqual({ ok: true });
    // Svix's libraries also take the secret without its prefix.
    expect(verifySvixSignature(headers, body, 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 1614265330_000)).toEqual({ ok: true });
  });

  const body = readFileSync(new URL('incident-created.json', FIXTURES));
  const now = Date.UTC(2021, 7, 17, 13, 29, 0); // 2021-08-17T13:29:00Z
  const timestamp = String(now / 1000);
  const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const headers = (over: Partial<SvixHeaders> = {}): SvixHeaders => ({
    id,
    timestamp,
    signature: sign(id, timestamp, body),
    ...over,
  });

  it('accepts a delivery signed with the secret', () => {
    expect(verifySvixSignature(headers(), body, SECRET, now)).toEqual({ ok: true });
  });

  it('rejects a body changed by one byte', () => {
    const tampered = Buffer.from(body);
    tampered[tampered.indexOf('sad')] = 'm'.charCodeAt(0); // "Our database is sad" → "mad"
    expect(verifySvixSignature(headers(), tampered, SECRET, now)).toEqual({ ok: false, reason: 'no webhook-signature entry matches' });
  });

  it('rejects a signature made with another secret', () => {
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    expect(verifySvixSignature(headers({ signature: sign(id, timestamp, body, other) }), body, SECRET, now)).toEqual({
      ok: false,
      reason: 'no webhook-signature entry matches',
    });
  });

  it('rejects a signature moved to another message id or timestamp', () => {
    const signature = sign(id, timestamp, body);
    expect(verifySvixSignature(headers({ id: 'msg_other', signature }), body, SECRET, now).ok).toBe(false);
    const later = String(Number(timestamp) + 1);
    expect(verifySvixSignature(headers({ timestamp: later, signature }), body, SECRET, now).ok).toBe(false);
  });

  it.each([
    ['the valid one last', () => `${sign(id, timestamp, body, `whsec_${randomBytes(32).toString('base64')}`)} ${sign(id, timestamp, body)}`],
    ['the valid one first', () => `${sign(id, timestamp, body)} v1,${'A'.repeat(43)}=`],
    ['an asymmetric v1a entry next to it', () => `v1a,${'B'.repeat(86)}== ${sign(id, timestamp, body)}`],
  ])('accepts several signatures with %s', (_case, signature) => {
    expect(verifySvixSignature(headers({ signature: signature() }), body, SECRET, now)).toEqual({ ok: true });
  });

  it.each([
    [0, true], // signed now
    [-300, true], // exactly 5 minutes old
    [300, true], // exactly 5 minutes ahead
    [-301, false],
    [301, false],
  ])('with a timestamp %i s from now: accepted %s', (offsetSeconds, accepted) => {
    const ts = String(now / 1000 + offsetSeconds);
    const result = verifySvixSignature(headers({ timestamp: ts, signature: sign(id, ts, body) }), body, SECRET, now);
    expect(result.ok).toBe(accepted);
  });

  it('names a stale and a future timestamp', () => {
    const stale = String(now / 1000 - 3600);
    const future = String(now / 1000 + 3600);
    expect(verifySvixSignature(headers({ timestamp: stale, signature: sign(id, stale, body) }), body, SECRET, now)).toEqual({
      ok: false,
      reason: 'webhook-timestamp is more than 5 minutes old',
    });
    expect(verifySvixSignature(headers({ timestamp: future, signature: sign(id, future, body) }), body, SECRET, now)).toEqual({
      ok: false,
      reason: 'webhook-timestamp is more than 5 minutes in the future',
    });
  });

  it.each<[string, Partial<SvixHeaders>, string]>([
    ['no id', { id: undefined }, 'missing webhook-id header'],
    ['empty id', { id: '' }, 'missing webhook-id header'],
    ['no timestamp', { timestamp: undefined }, 'missing webhook-timestamp header'],
    ['no signature', { signature: undefined }, 'missing webhook-signature header'],
    ['an id with a dot', { id: 'msg_1.2' }, 'webhook-id must not contain "." or whitespace'],
    ['a timestamp in milliseconds with a fraction', { timestamp: '1629207000.5' }, 'webhook-timestamp must be whole seconds since the epoch'],
    ['an ISO timestamp', { timestamp: '2021-08-17T13:29:00Z' }, 'webhook-timestamp must be whole seconds since the epoch'],
    ['a negative timestamp', { timestamp: '-1' }, 'webhook-timestamp must be whole seconds since the epoch'],
    ['a signature without version', { signature: 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }, 'webhook-signature holds no v1 signature'],
    ['a v1 signature that is not base64', { signature: 'v1,not base64 at all' }, 'webhook-signature holds no v1 signature'],
    ['a truncated v1 signature', { signature: 'v1,g0hM9SsE+OTPJTGt' }, 'webhook-signature holds no v1 signature'],
    ['comma-separated instead of space-separated entries', { signature: 'v1,a,v1,b' }, 'webhook-signature holds no v1 signature'],
  ])('rejects %s without throwing', (_case, over, reason) => {
    expect(verifySvixSignature(headers(over), body, SECRET, now)).toEqual({ ok: false, reason });
  });

  it.each(['', 'whsec_', 'whsec_not base64!', 'whsec_=='])('rejects everything with the unusable secret %j', (secret) => {
    expect(verifySvixSignature(headers(), body, secret, now)).toEqual({
      ok: false,
      reason: 'the signing secret is not a whsec_<base64> secret',
    });
  });

  it('rejects a header sent twice (an array in Node) and a missing raw body without throwing', () => {
    const twice = headers({ signature: [sign(id, timestamp, body), sign(id, timestamp, body)] as unknown as string });
    expect(verifySvixSignature(twice, body, SECRET, now)).toEqual({ ok: false, reason: 'missing webhook-signature header' });
    expect(verifySvixSignature(headers(), undefined as unknown as Buffer, SECRET, now)).toEqual({
      ok: false,
      reason: 'no raw request body to verify',
    });
  });

  it('rejects when the current time is not a number', () => {
    expect(verifySvixSignature(headers(), body, SECRET, Number.NaN)).toEqual({
      ok: false,
      reason: 'no current time to check webhook-timestamp against',
    });
  });
});
