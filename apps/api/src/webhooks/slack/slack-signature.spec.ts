import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifySlackSignature } from './slack-signature.js';

const FIXTURES = new URL('../../../../../test/fixtures/slack/', import.meta.url);
const SECRET = 'test-signing-secret-0123456789abcdef';
// Independent of the code under test: Node's HMAC over Slack's documented base string.
const sign = (timestamp: string, body: Buffer, secret = SECRET) => `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body.toString('utf8')}`).digest('hex')}`;

describe('verifySlackSignature', () => {
  it("reproduces the worked example of Slack's documentation", () => {
    const body = Buffer.from(
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    );
    const headers = { timestamp: '1531420618', signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503' };
    const secret = '8f742231b10e8888abcd99yyyzzz85a5';
    expect(sign(headers.timestamp, body, secret)).toBe(headers.signature);
    expect(verifySlackSignature(headers, body, secret, 1531420618_000)).toEqual({ ok: true });
  });

  const body = readFileSync(new URL('message.json', FIXTURES));
  const now = Date.UTC(2026, 11, 7, 20, 0, 0);
  const timestamp = String(now / 1000);

  it('accepts a delivery signed with the secret within 5 minutes either way', () => {
    for (const skewSeconds of [0, 299, -299]) {
      const ts = String(now / 1000 - skewSeconds);
      expect(verifySlackSignature({ timestamp: ts, signature: sign(ts, body) }, body, SECRET, now), `skew ${skewSeconds}`).toEqual({ ok: true });
    }
  });

  it.each([
    ['a stale timestamp (a replay)', { timestamp: String(now / 1000 - 301) }, 'X-Slack-Request-Timestamp is more than 5 minutes old'],
    ['a timestamp from the future', { timestamp: String(now / 1000 + 301) }, 'X-Slack-Request-Timestamp is more than 5 minutes in the future'],
    ['a timestamp that is not seconds', { timestamp: '2026-12-07T20:00:00Z' }, 'X-Slack-Request-Timestamp must be whole seconds since the epoch'],
    ['no timestamp', { timestamp: undefined }, 'missing X-Slack-Request-Timestamp header'],
    ['no signature', { signature: undefined }, 'missing X-Slack-Signature header'],
    ['a signature of another scheme', { signature: `v1=${'0'.repeat(64)}` }, 'X-Slack-Signature is not a v0= signature'],
    ['a truncated signature', { signature: sign(timestamp, body).slice(0, 40) }, 'X-Slack-Signature is not a v0= signature'],
    ['the wrong secret', { signature: sign(timestamp, body, 'another-secret') }, 'X-Slack-Signature does not match the body'],
  ])('refuses %s', (_name, over, reason) => {
    // The stale and future cases sign their own timestamp, so only the window refuses them.
    const ts = 'timestamp' in over ? over.timestamp : timestamp;
    const headers = { timestamp: ts, signature: ts && /^\d+$/.test(ts) ? sign(ts, body) : sign(timestamp, body), ...('signature' in over ? { signature: over.signature } : {}) };
    expect(verifySlackSignature(headers, body, SECRET, now)).toEqual({ ok: false, reason });
  });

  it('refuses a body changed after signing, even by one byte', () => {
    const changed = Buffer.from(body.toString('utf8').replace('Hello world', 'Hello World'));
    expect(verifySlackSignature({ timestamp, signature: sign(timestamp, body) }, changed, SECRET, now)).toEqual({
      ok: false,
      reason: 'X-Slack-Signature does not match the body',
    });
  });
});
