import { MAX_INGEST_ITEMS, type IngestKind, type IngestResponse } from '@firewatch/shared';

export interface IngestCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Request bodies `{ "items": [...] }` of at most `batchSize` items, serialised once before any timing. */
export function ingestBodies(items: readonly unknown[], batchSize = MAX_INGEST_ITEMS): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < items.length; i += batchSize) bodies.push(JSON.stringify({ items: items.slice(i, i + batchSize) }));
  return bodies;
}

/**
 * Sends the bodies to `POST /api/v1/ingest/{kind}` from `clients` concurrent senders, each taking the
 * next unsent body as soon as its previous request is answered. Throws on the first non-200 answer.
 * An aborted `signal` cancels the requests in flight and sends no more.
 */
export async function postBatches(
  apiUrl: string,
  token: string,
  kind: IngestKind,
  bodies: readonly string[],
  clients: number,
  signal?: AbortSignal,
): Promise<IngestCounts> {
  const total: IngestCounts = { created: 0, updated: 0, unchanged: 0 };
  let next = 0;
  const sender = async () => {
    while (next < bodies.length) {
      signal?.throwIfAborted();
      const body = bodies[next++]!;
      const res = await fetch(`${apiUrl}/api/v1/ingest/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        signal,
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`POST /api/v1/ingest/${kind} answered ${res.status}: ${text.slice(0, 2_000)}`);
      const counts = JSON.parse(text) as IngestResponse;
      total.created += counts.created;
      total.updated += counts.updated;
      total.unchanged += counts.unchanged;
    }
  };
  await Promise.all(Array.from({ length: Math.min(clients, bodies.length) }, sender));
  return total;
}

/** Items serialised into request bodies, ready to send. */
export interface PreparedIngest {
  kind: IngestKind;
  items: number;
  bodies: string[];
}

/**
 * Serialises the items up front. Build every body before the first request of a sequence: seconds of
 * synchronous work between two requests let the server close the idle keep-alive sockets unnoticed, and
 * fetch then writes the next POST into a closed socket (EPIPE) and, as POST is not idempotent, fails.
 */
export function prepareIngest(kind: IngestKind, items: readonly unknown[]): PreparedIngest {
  return { kind, items: items.length, bodies: ingestBodies(items) };
}

/** Ingests every item through the API (outside any timing) and checks that each was stored or already was. */
export async function ingestAll(apiUrl: string, token: string, batch: PreparedIngest, clients: number, signal?: AbortSignal): Promise<void> {
  // Let timers and socket events that a preceding stretch of synchronous work held back run first.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const counts = await postBatches(apiUrl, token, batch.kind, batch.bodies, clients, signal);
  if (counts.created + counts.updated + counts.unchanged !== batch.items) throw new Error(`ingest of ${batch.items} ${batch.kind}: ${JSON.stringify(counts)}`);
}
