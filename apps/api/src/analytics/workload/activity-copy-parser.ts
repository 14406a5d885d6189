/**
 * Reads the rows of `COPY (SELECT responder_id, incident_id, at, end_at …) TO STDOUT (FORMAT binary)`
 * as they stream in, without building a string or an object per field: PostgreSQL's binary COPY
 * format is a fixed 19-byte header, then per row a 16-bit field count followed by each field as a
 * 32-bit length (−1 = NULL) and its bytes, then a 16-bit −1 trailer.
 * (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4)
 * `int4` is a big-endian 32-bit integer; `timestamptz` a big-endian 64-bit count of microseconds
 * since 2000-01-01 00:00 UTC. Chunks may split a row anywhere; the tail is kept for the next chunk.
 */

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'binary');
/** Signature (11) + flags (4) + header extension length (4). */
const HEADER_BYTES = 19;
/** 2000-01-01T00:00:00Z in Unix milliseconds: PostgreSQL's timestamp epoch. */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_POW_32 = 4_294_967_296;
const FIELDS = 4;

/** One activity row; `endMs` is NaN when `end_at` is NULL. Times are Unix milliseconds. */
export type ActivityRowHandler = (responderId: number, incidentId: number, atMs: number, endMs: number) => void;

export class CopyFormatError extends Error {}

export class ActivityCopyParser {
  private pending: Buffer = Buffer.alloc(0);
  private headerRead = false;
  private ended = false;
  /** Rows read so far. */
  rows = 0;

  constructor(private readonly onRow: ActivityRowHandler) {}

  /** Feeds the next chunk of the stream; calls the handler for every row it completes. */
  push(chunk: Buffer): void {
    const buf = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let pos = 0;
    if (!this.headerRead) {
      if (buf.length < HEADER_BYTES) {
        this.pending = buf;
        return;
      }
      if (!buf.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new CopyFormatError('not a binary COPY stream');
      pos = HEADER_BYTES + buf.readUInt32BE(15); // skip the header extension, if any
      this.headerRead = true;
    }
    const length = buf.length;
    while (pos + 2 <= length) {
      const fields = buf.readInt16BE(pos);
      if (fields === -1) {
        this.ended = true;
        pos += 2;
        break;
      }
      if (fields !== FIELDS) throw new CopyFormatError(`expected ${FIELDS} fields per row, got ${fields}`);
      // A full row is at most 2 + 4×4 + 4 + 4 + 8 + 8 = 42 bytes; wait for more when it may be cut.
      if (pos + 42 > length && !this.completeRowAt(buf, pos)) break;
      let p = pos + 2;
      // responder_id int4, incident_id int4: length 4 each, never NULL.
      const responderId = buf.readInt32BE(p + 4);
      p += 8;
      const incidentId = buf.readInt32BE(p + 4);
      p += 8;
      const atMs = timestampMs(buf, p + 4);
      p += 12;
      let endMs = NaN;
      if (buf.readInt32BE(p) === -1) p += 4;
      else {
        endMs = timestampMs(buf, p + 4);
        p += 12;
      }
      pos = p;
      this.rows++;
      this.onRow(responderId, incidentId, atMs, endMs);
    }
    this.pending = pos < length ? Buffer.from(buf.subarray(pos)) : Buffer.alloc(0);
  }

  /** Checks that the stream ended with its trailer and nothing was left over. */
  end(): void {
    if (!this.ended || this.pending.length > 0) throw new CopyFormatError('binary COPY stream ended mid-row');
  }

  /** Whether the row starting at `pos` is wholly inside `buf` (only needed near a chunk's end). */
  private completeRowAt(buf: Buffer, pos: number): boolean {
    // 2 (count) + 8 + 8 (two int4) + 12 (at) = 30 bytes, then end_at's length word and maybe 8 bytes.
    if (pos + 34 > buf.length) return false;
    return buf.readInt32BE(pos + 30) === -1 || pos + 42 <= buf.length;
  }
}

/** A `timestamptz` at `offset` as Unix milliseconds (exact to the microsecond within ±142,000 years). */
function timestampMs(buf: Buffer, offset: number): number {
  const micros = buf.readInt32BE(offset) * TWO_POW_32 + buf.readUInt32BE(offset + 4);
  return micros / 1000 + PG_EPOCH_MS;
}
