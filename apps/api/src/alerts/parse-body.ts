import { HttpStatus } from '@nestjs/common';
import type { z } from 'zod';
import { ProblemException } from '../common/http-exception.filter.js';
import { zodProblems } from '../ingest/validate-items.js';

/** A JSON request body parsed with its shared schema, or a 400 listing every problem by path. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'The body must be a JSON object sent as application/json.', [{ path: '', message: 'must be an object' }]);
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = zodProblems(parsed.error, undefined, body);
  throw new ProblemException(HttpStatus.BAD_REQUEST, `Invalid body: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, problems);
}
