/**
 * A small closed-loop HTTP load generator: `connections` concurrent clients each send the next
 * request as soon as their previous one is answered, until `requests` have been sent. Node's own
 * `fetch` (undici) keeps each client's connection alive. Every answer must be 200 and is read to
 * the last byte; the latency of a request is from sending it to its last byte. Bounded: no request is
 * started after `budgetMs` once every connection has sent one, so a slow endpoint ends with fewer samples.
 */

export interface LoadResult {
  /** Milliseconds per request, in completion order. */
  latenciesMs: number[];
  wallMs: number;
  bytes: number;
}

export async function generateLoad(options: {
  url: string;
  headers: Record<string, string>;
  connections: number;
  requests: number;
  budgetMs: number;
  signal?: AbortSignal;
}): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let bytes = 0;
  let sent = 0;
  const t0 = performance.now();
  const more = () => sent < options.requests && (sent < options.connections || performance.now() - t0 < options.budgetMs);
  const client = async () => {
    while (more()) {
      options.signal?.throwIfAborted();
      sent++;
      const t0 = performance.now();
      const res = await fetch(options.url, { headers: options.headers, signal: options.signal });
      const body = await res.arrayBuffer();
      latenciesMs.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`GET ${options.url} answered ${res.status}: ${Buffer.from(body).toString('utf8').slice(0, 500)}`);
      bytes += body.byteLength;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.connections, options.requests) }, client));
  return { latenciesMs, wallMs: performance.now() - t0, bytes };
}

/** The q-quantile (0..1) of samples, by the nearest-rank method (p95 of 20 samples is the 19th smallest). */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
