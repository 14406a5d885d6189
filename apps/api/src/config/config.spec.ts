import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const EXTERNAL = 'postgres://u:p@127.0.0.1:5432/firewatch';

describe('FIREWATCH_AUTH', () => {
  it.each([
    // env, auth, why
    [{}, 'off', 'loopback host with the embedded database'],
    [{ HOST: '::1' }, 'off', 'loopback host with the embedded database'],
    [{ HOST: 'localhost', FIREWATCH_AUTH: 'off' }, 'off', 'FIREWATCH_AUTH=off'],
    [{ DATABASE_URL: EXTERNAL }, 'on', 'an external database is configured'],
    [{ HOST: '0.0.0.0' }, 'on', 'listening on a non-loopback host (0.0.0.0)'],
    [{ HOST: '0.0.0.0', FIREWATCH_AUTH: 'on' }, 'on', 'FIREWATCH_AUTH=on'],
    [{ FIREWATCH_AUTH: 'on' }, 'on', 'FIREWATCH_AUTH=on'],
  ])('%o → auth %s (%s)', (env, auth, reason) => {
    const config = loadConfig(env);
    expect(config.auth).toBe(auth);
    expect(config.authReason).toBe(reason);
  });

  it.each([
    [{ HOST: '0.0.0.0', FIREWATCH_AUTH: 'off' }, '(HOST is "0.0.0.0")'],
    [{ HOST: '10.1.2.3', FIREWATCH_AUTH: 'off' }, '(HOST is "10.1.2.3")'],
    [{ HOST: 'firewatch.example.com', FIREWATCH_AUTH: 'off' }, '(HOST is "firewatch.example.com")'],
    [{ DATABASE_URL: EXTERNAL, FIREWATCH_AUTH: 'off' }, '(DATABASE_URL is set)'],
    [{ HOST: '0.0.0.0', DATABASE_URL: EXTERNAL, FIREWATCH_AUTH: 'off' }, '(HOST is "0.0.0.0" and DATABASE_URL is set)'],
  ])('refuses off with %o, in one line', (env, why) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(
      `Invalid configuration: FIREWATCH_AUTH=off is only allowed on a loopback HOST with the embedded database ${why}`,
    );
  });
});

describe('FIREWATCH_BODY_TIMEOUT', () => {
  it.each([
    [{}, 30],
    [{ FIREWATCH_BODY_TIMEOUT: '1' }, 1],
    [{ FIREWATCH_BODY_TIMEOUT: '3600' }, 3600],
  ])('%o → %i s', (env, seconds) => {
    expect(loadConfig(env).bodyTimeoutSeconds).toBe(seconds);
  });

  it.each([
    ['0', 'must be at least 1'],
    ['3601', 'must be at most 3600'],
    ['1.5', 'must be a whole number of seconds'],
    ['soon', 'must be a whole number of seconds'],
  ])('refuses %s', (value, message) => {
    expect(() => loadConfig({ FIREWATCH_BODY_TIMEOUT: value })).toThrow(`Invalid configuration: FIREWATCH_BODY_TIMEOUT ${message} (got "${value}")`);
  });
});

describe('PAGERDUTY_API_URL and PAGERDUTY_API_TOKEN', () => {
  it.each([
    [{}, 'https://api.pagerduty.com', undefined],
    [{ PAGERDUTY_API_URL: 'https://api.eu.pagerduty.com', PAGERDUTY_API_TOKEN: 'y_NbAkKc66ryYTWUXYEu' }, 'https://api.eu.pagerduty.com', 'y_NbAkKc66ryYTWUXYEu'],
  ])('%o → %s', (env, url, token) => {
    const config = loadConfig(env);
    expect(config.pagerDutyApiUrl).toBe(url);
    expect(config.pagerDutyApiToken).toBe(token);
  });

  it('refuses a URL that is not http(s), in one line naming the variable', () => {
    expect(() => loadConfig({ PAGERDUTY_API_URL: 'api.pagerduty.com' })).toThrow(
      'Invalid configuration: PAGERDUTY_API_URL must be an http:// or https:// URL (got "api.pagerduty.com")',
    );
  });
});
