import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyText } from '@firewatch/api/demo/copy-text.js';

const CHUNK_BYTES = 1 << 20;

/** A value in COPY text format (the demo loader's encoding); objects as JSON. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return copyText(null);
  return copyText(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/** Rows encoded as COPY text, in chunks of about 1 MiB, ready to stream (encoding is not timed). */
export function copyTextChunks(rows: Iterable<readonly unknown[]>): Buffer[] {
  const chunks: Buffer[] = [];
  let lines: string[] = [];
  let size = 0;
  for (const row of rows) {
    const line = `${row.map(copyField).join('\t')}\n`;
    lines.push(line);
    size += line.length;
    if (size >= CHUNK_BYTES) {
      chunks.push(Buffer.from(lines.join(''), 'utf8'));
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) chunks.push(Buffer.from(lines.join(''), 'utf8'));
  return chunks;
}

/** `COPY table (columns) FROM STDIN` of pre-encoded chunks; resolves with the rows the server stored. */
export async function copyInto(client: pg.Client, table: string, columns: readonly string[], chunks: readonly Buffer[]): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks), stream);
  return stream.rowCount;
}

/**
 * COPY of batches from several connections at once, each taking the next batch when its previous
 * COPY is done (the shape of the API's concurrent clients). Resolves with the rows stored.
 */
export async function copyBatches(
  clients: readonly pg.Client[],
  table: string,
  columns: readonly string[],
  batches: readonly Buffer[][],
  signal?: AbortSignal,
): Promise<number> {
  let next = 0;
  let stored = 0;
  const sender = async (client: pg.Client) => {
    while (next < batches.length) {
      signal?.throwIfAborted();
      const n = await copyInto(client, table, columns, batches[next++]!);
      stored += n; // not `stored += await …`: that would read `stored` before the other sender's update
    }
  };
  await Promise.all(clients.map(sender));
  return stored;
}
