import type { ArgumentsHost } from '@nestjs/common';
import type { PinoLogger } from 'nestjs-pino';
import { describe, expect, it } from 'vitest';
import { HttpExceptionFilter } from './http-exception.filter.js';

/** What the filter answers for `exception` on a request with id `r-1`. */
function answer(exception: unknown): { status: number; headers: Record<string, string>; body: unknown } {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const res = {
    headersSent: false,
    setHeader: (k: string, v: string) => void (sent.headers[k] = v),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: unknown) => void (sent.body = body),
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ id: 'r-1' }) }) } as unknown as ArgumentsHost;
  const logger = { error: () => undefined } as unknown as PinoLogger;
  new HttpExceptionFilter(logger).catch(exception, host);
  return sent;
}

const pgError = (code: string) => Object.assign(new Error('query failed'), { driverError: { code } });

describe('HttpExceptionFilter', () => {
  it('answers a statement timeout of any endpoint with 503 and Retry-After, not 500', () => {
    const { status, headers, body } = answer(pgError('57014'));
    expect(status).toBe(503);
    expect(headers).toEqual({ 'Retry-After': '5' });
    expect(body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', requestId: 'r-1' });
    expect((body as { message: string }).message).toMatch(/statement timeout/);
  });

  it('answers a lost database connection with 503', () => {
    expect(answer(new Error('Connection terminated unexpectedly')).status).toBe(503);
  });

  it('answers anything else unexpected with a bare 500', () => {
    expect(answer(new TypeError('x is undefined'))).toEqual({
      status: 500,
      headers: {},
      body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error.', requestId: 'r-1' },
    });
  });
});
