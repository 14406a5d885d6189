import { HttpStatus } from '@nestjs/common';
import type { z } from 'zod';
import { ProblemException } from '../common/http-exception.filter.js';
import { zodProblems } from '../ingest/validate-items.js';

/**
 * The raw query object of a request parsed with its shared schema, or a 400 that names every bad
 * parameter in `details` (`{ path: 'severity', message: 'must be a whole number 1..5' }`).
 * Unknown parameters are refused, not ignored: a misspelt filter must not silently widen a figure.
 */
export function parseQuery<T extends z.ZodObject>(schema: T, query: unknown): z.output<T> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const problems = zodProblems(parsed.error);
  const summary = problems.map((p) => `${p.path} ${p.message}`).join('; ');
  throw new ProblemException(
    HttpStatus.BAD_REQUEST,
    `Invalid query: ${summary}. Known parameters: ${Object.keys(schema.shape).join(', ')}.`,
    problems,
  );
}
