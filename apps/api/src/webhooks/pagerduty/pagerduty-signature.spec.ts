import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyPagerDutySignature } from './pagerduty-signature.js';

const FIXTURES = new URL('../../../../../test/fixtures/pagerduty/', import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));

const SECRET = 'firewatch-test-secret';
const sign = (body: Buffer, secret = SECRET): string => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('verifyPagerDutySignature', () => {
  // The known-answer test of PagerDuty's Go client (go-pagerduty, webhookv3/webhookv3_test.go).
  const vectorBody = fixture('signature-vector.body.json');
  const vectorSecret = 'lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK';
  const vectorSignature = 'v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd';

  it("reproduces the signature vector of PagerDuty's Go client", () => {
    expect(sign(vectorBody, vectorSecret)).toBe(vectorSignature);
    expect(verifyPagerDutySignature(vectorBody, vectorSignature, [vectorSecret])).toBe(true);
  });

  it("rejects the Go client's mismatching signature for the same body", () => {
    const mismatch = 'v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5';
    expect(verifyPagerDutySignature(vectorBody, mismatch, [vectorSecret])).toBe(false);
  });

  const body = fixture('incident-triggered.json');

  it('accepts the HMAC-SHA256 of the raw body', () => {
    expect(verifyPagerDutySignature(body, sign(body), [SECRET])).toBe(true);
  });

  it('rejects a body changed by one byte', () => {
    const tampered = Buffer.from(body);
    tampered[tampered.indexOf('high')] = 'l'.charCodeAt(0); // "urgency": "high" → "ligh"
    expect(verifyPagerDutySignature(tampered, sign(body), [SECRET])).toBe(false);
  });

  it('rejects the same JSON re-serialised, since only the raw bytes were signed', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))));
    expect(verifyPagerDutySignature(reserialised, sign(body), [SECRET])).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyPagerDutySignature(body, sign(body, 'another-secret'), [SECRET])).toBe(false);
  });

  it.each([
    ['the valid signature last', () => `${sign(body, 'old-secret')},${sign(body)}`],
    ['the valid signature first', () => `${sign(body)},${sign(body, 'old-secret')}`],
    ['spaces after the commas', () => `${sign(body, 'old-secret')}, ${sign(body)}`],
    ['an unknown version next to v1', () => `v2=${'ab'.repeat(32)},${sign(body)}`],
    ['upper-case hex', () => sign(body).toUpperCase().replace('V1=', 'v1=')],
  ])('accepts several signatures with one valid: %s', (_case, header) => {
    expect(verifyPagerDutySignature(body, header(), [SECRET])).toBe(true);
  });

  it('accepts a signature made with any of several configured secrets (rotation on our side)', () => {
    expect(verifyPagerDutySignature(body, sign(body, 'next-secret'), [SECRET, 'next-secret'])).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['prefix only', 'v1='],
    ['not hex', `v1=${'zz'.repeat(32)}`],
    ['one hex digit short', () => sign(body).slice(0, -1)],
    ['one hex digit long', () => `${sign(body)}0`],
    ['without the v1= prefix', () => sign(body).slice(3)],
    ['another version only', () => sign(body).replace('v1=', 'v2=')],
    ['commas only', ',,,'],
    ['control characters', '\u0000v1=\n'],
  ])('rejects a malformed header (%s) without throwing', (_case, header) => {
    const value = typeof header === 'function' ? header() : header;
    expect(verifyPagerDutySignature(body, value, [SECRET])).toBe(false);
  });

  it('rejects a header sent twice (an array in Node) and a missing raw body without throwing', () => {
    expect(verifyPagerDutySignature(body, [sign(body), sign(body)] as unknown as string, [SECRET])).toBe(false);
    expect(verifyPagerDutySignature(undefined as unknown as Buffer, sign(body), [SECRET])).toBe(false);
  });

  it('rejects everything when no secret is configured', () => {
    expect(verifyPagerDutySignature(body, sign(body), [])).toBe(false);
    expect(verifyPagerDutySignature(body, sign(body, ''), [''])).toBe(false);
  });
});
