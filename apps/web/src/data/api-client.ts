import { z } from 'zod';
import { errorResponseSchema, type Problem } from '@firewatch/shared';
import { readAuthHeaders } from './read-token';

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
    /** The API's id for the request, to find its line in the server log. */
    readonly requestId?: string,
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
  const { statusCode, error, message, details, requestId } = parsed.data;
  return new ApiError(path, statusCode, error, message, details, requestId);
}

/** Sends a request; throws `ApiError` when no HTTP answer arrives or the answer is not 2xx. */
export async function send(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new ApiError(path, 0, 'Network error', `${path} could not be reached.`);
  }
  if (!response.ok) throw await errorFromResponse(path, response);
  return response;
}

/** The JSON body of a 2xx answer, parsed with `schema`; throws `ApiError` when it is not JSON or not that shape. */
async function parseAnswer<T>(path: string, response: Response, schema: z.ZodType<T>): Promise<T> {
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

/**
 * GET `path` from the API (same origin) and parse the JSON answer with `schema`.
 * Throws `ApiError` carrying the API's `{ statusCode, error, message }` on a non-2xx answer, and
 * also when the API is unreachable or the answer does not match the schema.
 */
export async function fetchJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { headers: { Accept: 'application/json', ...readAuthHeaders() }, signal });
  return parseAnswer(path, response, schema);
}

/**
 * POST a CSV file as the raw request body (`Content-Type: text/csv`, whatever type the browser
 * guessed for the file) with a bearer token, and parse the JSON answer with `schema`.
 * Errors as for `fetchJson`; an error answer's `details` (problems by CSV line) are kept.
 */
export async function postCsv<T>(
  path: string,
  csv: Blob,
  token: string,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  const response = await send(path, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'text/csv', Authorization: `Bearer ${token}` },
    body: csv,
    signal,
  });
  return parseAnswer(path, response, schema);
}

/**
 * PUT a JSON body with a bearer token (a write: `ingest` scope) and parse the JSON answer with
 * `schema`. Errors as for `fetchJson`; a 400's `details` (problems by field) are kept.
 */
export function putJson<T>(path: string, body: unknown, token: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  return writeJson('PUT', path, body, token, schema, signal);
}

/** POST a JSON body with a bearer token; as `putJson`. */
export function postJson<T>(path: string, body: unknown, token: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  return writeJson('POST', path, body, token, schema, signal);
}

async function writeJson<T>(method: 'PUT' | 'POST', path: string, body: unknown, token: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const response = await send(path, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal,
  });
  return parseAnswer(path, response, schema);
}

/** One line a person can act on, for any error a query may throw. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : 'Unknown error.';
}
