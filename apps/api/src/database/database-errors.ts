import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../common/http-exception.filter.js';

/** Seconds a client should wait before retrying when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND',
  '57P01', '57P02', '57P03', // admin shutdown, crash shutdown, cannot connect now
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
  '53300', // too many connections
]);

const STATEMENT_TIMEOUT = '57014';

const CONFLICT_CODES: Record<string, string> = {
  '23514': 'violates a rule of the stored data',
  '23503': 'references a record that does not exist',
  '23505': 'would duplicate a record',
};

function codeOf(error: unknown): string | undefined {
  const e = error as { driverError?: { code?: string }; code?: string } | undefined;
  return e?.driverError?.code ?? e?.code;
}

function isConnectionLoss(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(message);
}

/**
 * A database failure the client can act on, as an HTTP problem: the database being down is a 503
 * with Retry-After (retry later, nothing was written); a constraint that rejects the data is a 422.
 * Anything else is returned as undefined and stays a 500.
 */
export function databaseErrorToProblem(error: unknown): ProblemException | undefined {
  const unavailable = databaseUnavailableProblem(error);
  if (unavailable) return unavailable;
  const code = codeOf(error);
  if (code && CONFLICT_CODES[code]) {
    const constraint = (error as { driverError?: { constraint?: string } }).driverError?.constraint;
    return new ProblemException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      `The batch ${CONFLICT_CODES[code]}${constraint ? ` (${constraint})` : ''} when combined with the data already stored; nothing was written.`,
    );
  }
  return undefined;
}

/**
 * The 503 (with Retry-After) of a database that is down, unreachable, or did not answer within the
 * statement timeout (a busy server or a request over a lot of data); undefined for any other error.
 * Every endpoint answers these so, through the exception filter: they are not the client's mistake,
 * and not a bug either.
 */
export function databaseUnavailableProblem(error: unknown): ProblemException | undefined {
  const code = codeOf(error);
  const retry = { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) };
  if (code === STATEMENT_TIMEOUT) {
    const message =
      'The database did not answer within the statement timeout (the server is busy, or the request covers a lot of data); nothing was written. Retry later, or narrow the range.';
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, message, undefined, retry);
  }
  if ((code && UNAVAILABLE_CODES.has(code)) || isConnectionLoss(error)) {
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'The database is unavailable; nothing was written. Retry later.', undefined, retry);
  }
  return undefined;
}
