import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Lines are sent to the server in chunks of about this many characters. */
const CHUNK_CHARS = 65_536;

/**
 * Streams lines of COPY text (each ending in its newline) into `sql`, a `COPY … FROM STDIN`
 * statement, in ≈ 64 kB chunks; returns the number of lines sent.
 */
export async function copyLinesIn(client: pg.ClientBase, sql: string, lines: Iterable<string> | AsyncIterable<string>): Promise<number> {
  let count = 0;
  async function* chunks(): AsyncGenerator<string> {
    let buffer: string[] = [];
    let size = 0;
    for await (const line of lines) {
      buffer.push(line);
      size += line.length;
      count++;
      if (size >= CHUNK_CHARS) {
        yield buffer.join('');
        buffer = [];
        size = 0;
      }
    }
    if (buffer.length > 0) yield buffer.join('');
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
  return count;
}
