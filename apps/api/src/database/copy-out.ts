import { to as copyTo } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import type { Submittable } from 'pg';

/**
 * `COPY … TO STDOUT` as a readable stream of the data only, like pg-copy-streams' `to()`, but
 * without an allocation per row. PostgreSQL sends every row as its own CopyData message; the library
 * slices each one out as a separate Buffer before joining them, which for tens of millions of rows
 * costs seconds of allocation and garbage collection. Here each chunk from the socket is scanned
 * once and the payloads copied into one output buffer. The message framing is PostgreSQL's
 * (https://www.postgresql.org/docs/current/protocol-message-formats.html): a type byte and a 32-bit
 * length that counts itself. Everything else (attaching to the connection, errors, the end of the
 * copy, handing the rest back to `pg`) is the library's.
 */

const COPY_DATA = 0x64; // d
const ERROR_RESPONSE = 0x45; // E
/** Messages that may come between CopyData messages and are skipped (CopyOutResponse, Notification, Notice, ParameterStatus). */
const INTERSPERSED = new Set([0x48, 0x41, 0x4e, 0x53]);

interface CopyToInternals {
  _buffer: { push(chunk: Buffer): void };
  _detach(): void;
  _cleanup(): void;
  push(chunk: Buffer | null): boolean;
}

type CopyToClass = new (text: string) => Readable & Submittable & CopyToInternals;
const CopyToStreamQuery = Object.getPrototypeOf(copyTo('')).constructor as CopyToClass;

class FastCopyToStreamQuery extends CopyToStreamQuery {
  /** Bytes of a message cut by the end of the previous chunk. */
  private tail: Buffer | undefined;

  /** Called by the library for each chunk read from the socket; returns whether to keep reading. */
  _parse(chunk: Buffer): boolean {
    const buf = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = undefined;
    const out = Buffer.allocUnsafe(buf.length);
    let outLength = 0;
    let pos = 0;
    let ending: 'error' | 'done' | undefined;
    while (pos < buf.length) {
      const type = buf[pos]!;
      if (type === ERROR_RESPONSE) {
        // Left for pg to parse and report (it emits the stream's 'error'), as the library does.
        this._buffer.push(buf.subarray(pos));
        ending = 'error';
        break;
      }
      if (pos + 5 > buf.length) break;
      const end = pos + 1 + buf.readUInt32BE(pos + 1);
      if (end > buf.length) break;
      if (type === COPY_DATA) outLength += buf.copy(out, outLength, pos + 5, end);
      else if (!INTERSPERSED.has(type)) {
        // CopyDone (or anything else) ends copy-out mode; what follows is pg's.
        this._buffer.push(buf.subarray(end));
        ending = 'done';
        break;
      }
      pos = end;
    }
    if (ending === undefined && pos < buf.length) this.tail = Buffer.from(buf.subarray(pos));
    const drained = outLength > 0 ? this.push(out.subarray(0, outLength)) : true;
    if (ending !== undefined) this._detach();
    if (ending === 'done') {
      this.push(null);
      this._cleanup();
    }
    return drained;
  }
}

/** A readable stream of the output of `sql` (a `COPY … TO STDOUT` statement), for `client.query(...)`. */
export function copyOut(sql: string): Readable & Submittable {
  return new FastCopyToStreamQuery(sql);
}
