import { z } from 'zod';
import { errorResponseSchema, type Problem } from '@firewatch/shared';

/** A request to the Firewatch API that did not produce the expected answer. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** The request path, e.g. `/api/health`. */
    readonly path: string,
    /** HTTP status; 0 when no HTTP answer arrived at all (network failure). */
    readonly statusCode: number,
    /** Short class of the problem, e.g. `Bad Request`, `Network error`, `Invalid response`. */
    readonly error: string,
    message: string,
    readonly details?: Problem[],
  ) {
    super(message);
  }
}

async function errorFromResponse(path: string, response: Response): Promise<ApiError> {
  const fallback = `${path} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // Not JSON (e.g. a proxy's own error page): describe the status only.
  }
  const parsed = errorResponseSchema.safeParse(body);
  if (!parsed.success) return new ApiError(path, response.status, response.statusText || 'HTTP error', fallback);
  const { statusCode, error, message, details } = parsed.data;
  return new ApiError(path, statusCode, error, message, details);
}

/**
 * GET `path` from the API (same origin) and parse the JSON answer with `schema`.
 * Throws `ApiError` carrying the API's `{ statusCode, error, message }` on a non-2xx answer, and
 * also when the API is unreachable or the answer does not match the schema.
 */
export async function fetchJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(path, 0, 'Network error', `${path} could not be reached.`);
  }
  if (!response.ok) throw await errorFromResponse(path, response);

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(path, response.status, 'Invalid response', `${path} did not answer with JSON.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      path,
      response.status,
      'Invalid response',
      `${path} answered in an unexpected shape: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** One line a person can act on, for any error a query may throw. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : 'Unknown error.';
}
