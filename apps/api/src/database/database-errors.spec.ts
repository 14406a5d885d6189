import { describe, expect, it } from 'vitest';
import { ProblemException } from '../common/http-exception.filter.js';
import { DATABASE_RETRY_AFTER_SECONDS, databaseErrorToProblem } from './database-errors.js';

/** An error as pg raises it (a `code`), or as TypeORM wraps it (`driverError.code`). */
const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });
const typeormError = (code: string, constraint?: string) => Object.assign(new Error('query failed'), { driverError: { code, constraint } });

describe('databaseErrorToProblem', () => {
  it.each([
    ['connection refused (server stopped)', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['connection reset', pgError('ECONNRESET')],
    ['host not found', pgError('ENOTFOUND')],
    ['admin shutdown (server stopping)', typeormError('57P01')],
    ['crash shutdown', typeormError('57P02')],
    ['cannot connect now (starting up)', pgError('57P03')],
    ['connection failure', typeormError('08006')],
    ['too many connections', pgError('53300')],
    ['connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
  ])('%s → 503 with Retry-After, nothing written', (_label, error) => {
    const problem = databaseErrorToProblem(error);
    expect(problem).toBeInstanceOf(ProblemException);
    expect(problem!.getStatus()).toBe(503);
    expect(problem!.headers).toEqual({ 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
    expect(problem!.message).toBe('The database is unavailable; nothing was written. Retry later.');
  });

  it('statement timeout → 503 with Retry-After, saying why', () => {
    const problem = databaseErrorToProblem(typeormError('57014'));
    expect(problem!.getStatus()).toBe(503);
    expect(problem!.headers).toEqual({ 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
    expect(problem!.message).toMatch(/^The database did not answer within the statement timeout .*Retry later, or narrow the range\.$/);
  });

  it.each([
    ['23505', 'uq_teams_identity', 'The batch would duplicate a record (uq_teams_identity) when combined with the data already stored; nothing was written.'],
    ['23503', undefined, 'The batch references a record that does not exist when combined with the data already stored; nothing was written.'],
    ['23514', 'ck_incidents_severity', 'The batch violates a rule of the stored data (ck_incidents_severity) when combined with the data already stored; nothing was written.'],
  ])('constraint %s → 422', (code, constraint, message) => {
    const problem = databaseErrorToProblem(typeormError(code, constraint));
    expect(problem!.getStatus()).toBe(422);
    expect(problem!.message).toBe(message);
    expect(problem!.headers).toBeUndefined();
  });

  it.each([
    ['a syntax error (a bug: stays a 500)', typeormError('42601')],
    ['an error without a code', new Error('something else')],
    ['not an error at all', 'text'],
    ['undefined', undefined],
  ])('%s → undefined', (_label, error) => {
    expect(databaseErrorToProblem(error)).toBeUndefined();
  });
});
