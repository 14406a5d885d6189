import { setTimeout } from 'node:timers/promises';
import type { z } from 'zod';
import { zodProblems } from '../webhooks/webhook-mapping.js';
import { pagerDutyErrorSchema, pagerDutyPaginationSchema } from './pagerduty-rest-payload.js';

/** PagerDuty's REST API v2. */
export const PAGERDUTY_API_URL = 'https://api.pagerduty.com';

export interface PagerDutyClientOptions {
  baseUrl: string;
  token: string;
  /** Attempts per request before giving up (429, 5xx, a dropped connection or a cut-off body). */
  maxAttempts?: number;
  /** First backoff delay; doubles on each retry up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Waits between attempts; tests pass one that does not really wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Each request's time limit. */
  timeoutMs?: number;
  /** Cancels the request in flight and any wait (a server shutting down); the run then fails without writing. */
  signal?: AbortSignal;
  /** Called before each retry, for the progress line. */
  onRetry?: (info: { path: string; attempt: number; delayMs: number; why: string }) => void;
}

/** Results per page: PagerDuty's maximum for classic pagination. */
const PAGE_LIMIT = 100;

/**
 * A request PagerDuty refused for a reason retrying cannot fix (401, 403, 400, 404…), or that kept
 * failing. The message is one line for the user, naming the request and what to do.
 */
export class PagerDutyApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Thrown for an answer worth trying again (a 429, a 5xx, a dropped connection or a cut-off body). */
class TransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}


/**
 * A reader of PagerDuty's REST API v2 (`Authorization: Token token=…`): classic offset/limit
 * pagination until `more` is false, `429` honouring `Retry-After`, `5xx` and network failures retried
 * with exponential backoff and a bounded number of attempts.
 */
export class PagerDutyClient {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  /** Requests made, including retries. */
  requests = 0;
  retries = 0;

  constructor(private readonly options: PagerDutyClientOptions) {
    this.maxAttempts = options.maxAttempts ?? 6;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.sleep = options.sleep ?? ((ms) => setTimeout(ms, undefined, { signal: options.signal }));
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /**
   * Every item of a paginated list: `key` names the array in the body (`incidents`, `log_entries`…),
   * each item is checked against `item`. Query values that are arrays are sent as repeated `name[]`.
   */
  async list<T extends z.ZodType>(path: string, key: string, item: T, query: Record<string, string | string[]> = {}): Promise<Array<z.infer<T>>> {
    const all: Array<z.infer<T>> = [];
    for (let offset = 0; ; ) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) {
        for (const v of Array.isArray(value) ? value : [value]) params.append(Array.isArray(value) ? `${name}[]` : name, v);
      }
      params.set('limit', String(PAGE_LIMIT));
      params.set('offset', String(offset));
      const body = await this.get(`${path}?${params}`);
      const page = pagerDutyPaginationSchema.safeParse(body);
      const items = (body as Record<string, unknown>)[key];
      if (!page.success || !Array.isArray(items)) {
        throw new PagerDutyApiError(`PagerDuty's answer to GET ${path} is not a page of ${key} (expected { ${key}: [...], more }).`);
      }
      for (const [index, raw] of items.entries()) {
        const parsed = item.safeParse(raw);
        if (!parsed.success) {
          const problem = zodProblems(parsed.error, [key, offset + index])[0]!;
          throw new PagerDutyApiError(`PagerDuty's answer to GET ${path} does not have the documented shape: ${problem.path} ${problem.message}.`);
        }
        all.push(parsed.data);
      }
      if (!page.data.more || items.length === 0) return all;
      offset += items.length;
    }
  }

  /** One GET, retried while the failure is transient. */
  async get(pathAndQuery: string): Promise<unknown> {
    const path = pathAndQuery.split('?')[0]!;
    for (let attempt = 1; ; attempt++) {
      this.options.signal?.throwIfAborted();
      try {
        return await this.attempt(pathAndQuery, path);
      } catch (error) {
        if (!(error instanceof TransientError)) throw error;
        if (attempt >= this.maxAttempts) {
          throw new PagerDutyApiError(`PagerDuty did not answer GET ${path} after ${attempt} attempts (last: ${error.message}); run the import again to resume.`);
        }
        const backoff = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
        const delayMs = error.retryAfterMs ?? backoff;
        this.retries++;
        this.options.onRetry?.({ path, attempt, delayMs, why: error.message });
        await this.sleep(delayMs);
        this.options.signal?.throwIfAborted();
      }
    }
  }

  private async attempt(pathAndQuery: string, path: string): Promise<unknown> {
    this.requests++;
    let response: Response;
    let text: string;
    try {
      response = await fetch(new URL(pathAndQuery.replace(/^\//, ''), withSlash(this.options.baseUrl)), {
        headers: {
          accept: 'application/vnd.pagerduty+json;version=2',
          authorization: `Token token=${this.options.token}`,
        },
        signal: this.options.signal ? AbortSignal.any([this.options.signal, AbortSignal.timeout(this.timeoutMs)]) : AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      this.options.signal?.throwIfAborted();
      // A dropped connection, a reset in the middle of the body, or the time limit.
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new TransientError(cause ?? (error instanceof Error ? error.name : String(error)));
    }
    if (response.status === 429) {
      throw new TransientError('429 Too Many Requests', retryAfterMs(response.headers.get('retry-after')));
    }
    if (response.status >= 500) throw new TransientError(`${response.status} ${response.statusText}`);
    if (!response.ok) throw refused(response.status, path, text);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // A 200 whose body is cut off: the page is read again, never half-used.
      throw new TransientError('an incomplete JSON body');
    }
  }
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/** `Retry-After` in seconds (PagerDuty's form) or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The one-line error for a refused request, with PagerDuty's own message when the body has one. */
function refused(status: number, path: string, body: string): PagerDutyApiError {
  let said = '';
  try {
    const parsed = pagerDutyErrorSchema.safeParse(JSON.parse(body));
    if (parsed.success) said = [parsed.data.error.message, ...(parsed.data.error.errors ?? [])].filter(Boolean).join('; ');
  } catch {
    // Not JSON: the status says enough.
  }
  const quoted = said ? ` (PagerDuty: "${said}")` : '';
  if (status === 401) {
    return new PagerDutyApiError(`PagerDuty refused the API token (401 Unauthorized on GET ${path})${quoted}: check PAGERDUTY_API_TOKEN.`, status);
  }
  if (status === 403) {
    return new PagerDutyApiError(
      `The API token may not read GET ${path} (403 Forbidden)${quoted}: use a read-only account-level REST API key or a user token that can see it.`,
      status,
    );
  }
  return new PagerDutyApiError(`PagerDuty answered ${status} to GET ${path}${quoted}.`, status);
}
