import type { ClassifiedSegment } from './classify-time.js';

/**
 * Encodes work segments as PostgreSQL binary COPY rows for
 * `COPY work_segments (responder_id, incident_id, start_at, end_at, share, bucket, local_date) FROM STDIN (FORMAT binary)`:
 * int4, int4, timestamptz and timestamptz (µs since 2000-01-01 UTC), float8, text, date (days since
 * 2000-01-01). Binary rows skip the formatting and parsing of timestamps as text on both sides.
 * (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4)
 */

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'binary');
const PG_EPOCH_MS = 946_684_800_000;
const MS_PER_DAY = 86_400_000;
const PG_EPOCH_DAY = PG_EPOCH_MS / MS_PER_DAY; // 10,957
const FIELDS = 7;
/** Upper bound of one row's bytes: field count, 2 × int4, 2 × timestamptz, float8, a bucket name of ≤ 16 bytes, date. */
const MAX_ROW_BYTES = 2 + 2 * (4 + 4) + 2 * (4 + 8) + (4 + 8) + (4 + 16) + (4 + 4);

/** Local date `YYYY-MM-DD` as days since 2000-01-01. */
function pgDays(localDate: string): number {
  const ms = Date.UTC(Number(localDate.slice(0, 4)), Number(localDate.slice(5, 7)) - 1, Number(localDate.slice(8, 10)));
  return ms / MS_PER_DAY - PG_EPOCH_DAY;
}

export class SegmentCopyEncoder {
  private buf: Buffer;
  private pos = 0;

  constructor(initialBytes = 256 * 1024) {
    this.buf = Buffer.allocUnsafe(Math.max(initialBytes, 64));
    SIGNATURE.copy(this.buf, 0);
    this.buf.writeUInt32BE(0, 11); // flags
    this.buf.writeUInt32BE(0, 15); // no header extension
    this.pos = 19;
  }

  /** Bytes encoded and not yet taken. */
  get length(): number {
    return this.pos;
  }

  add(responderId: number, s: ClassifiedSegment): void {
    if (this.pos + MAX_ROW_BYTES > this.buf.length) this.grow();
    const b = this.buf;
    let p = this.pos;
    b.writeInt16BE(FIELDS, p);
    p = b.writeInt32BE(4, p + 2);
    p = b.writeInt32BE(responderId, p);
    p = b.writeInt32BE(4, p);
    p = b.writeInt32BE(s.incidentId, p);
    p = writeTimestamp(b, p, s.startMs);
    p = writeTimestamp(b, p, s.endMs);
    p = b.writeInt32BE(8, p);
    p = b.writeDoubleBE(s.share, p);
    const bucketBytes = b.write(s.bucket, p + 4, 'latin1');
    b.writeInt32BE(bucketBytes, p);
    p += 4 + bucketBytes;
    p = b.writeInt32BE(4, p);
    p = b.writeInt32BE(pgDays(s.localDate), p);
    this.pos = p;
  }

  /** The rows encoded so far (a copy); the encoder continues empty. The first chunk carries the header. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }

  /** The rows encoded so far and the trailer that ends the stream. */
  finish(): Buffer {
    if (this.pos + 2 > this.buf.length) this.grow();
    this.pos = this.buf.writeInt16BE(-1, this.pos);
    return this.take();
  }

  private grow(): void {
    const next = Buffer.allocUnsafe(this.buf.length * 2);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
}

/** A timestamptz field: length 8, then µs since 2000-01-01 UTC as a big-endian int64. */
function writeTimestamp(b: Buffer, p: number, ms: number): number {
  p = b.writeInt32BE(8, p);
  const micros = Math.round((ms - PG_EPOCH_MS) * 1000);
  const high = Math.floor(micros / 4_294_967_296);
  p = b.writeInt32BE(high, p);
  return b.writeUInt32BE(micros - high * 4_294_967_296, p);
}
