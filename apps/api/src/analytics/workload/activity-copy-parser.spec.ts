import { describe, expect, it } from 'vitest';
import { ActivityCopyParser, CopyFormatError } from './activity-copy-parser.js';

/** A binary COPY stream as PostgreSQL writes it (header, rows of int4, int4, timestamptz, timestamptz|NULL, trailer). */
function copyStream(rows: ReadonlyArray<[number, number, number, number | null]>, headerExtension = 0): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'binary')];
  const header = Buffer.alloc(8 + headerExtension);
  header.writeUInt32BE(0, 0); // flags
  header.writeUInt32BE(headerExtension, 4);
  parts.push(header);
  const int4 = (v: number) => {
    const b = Buffer.alloc(8);
    b.writeInt32BE(4, 0);
    b.writeInt32BE(v, 4);
    return b;
  };
  // Microseconds since 2000-01-01 UTC.
  const timestamp = (ms: number | null) => {
    if (ms === null) return Buffer.from([0xff, 0xff, 0xff, 0xff]);
    const b = Buffer.alloc(12);
    b.writeInt32BE(8, 0);
    b.writeBigInt64BE(BigInt(ms - Date.UTC(2000, 0, 1)) * 1000n, 4);
    return b;
  };
  for (const [responder, incident, at, end] of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(4);
    parts.push(count, int4(responder), int4(incident), timestamp(at), timestamp(end));
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

const ROWS: Array<[number, number, number, number | null]> = [
  [1, 10, Date.UTC(2026, 2, 2, 10, 0), null],
  [1, 11, Date.UTC(2026, 2, 2, 10, 5), Date.UTC(2026, 2, 2, 10, 35)], // a call
  [2, 10, Date.UTC(1999, 11, 31, 23, 59, 59), null], // before PostgreSQL's epoch: a negative count
  [70_000, 2_000_000_000, Date.UTC(2026, 9, 25, 0, 59, 59, 999), null],
];
const EXPECTED = ROWS.map(([r, i, at, end]) => [r, i, at, end ?? NaN]);

function parse(chunks: Buffer[]): number[][] {
  const rows: number[][] = [];
  const parser = new ActivityCopyParser((...row) => rows.push(row));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  expect(parser.rows).toBe(rows.length);
  return rows;
}

describe('ActivityCopyParser', () => {
  it('reads every row of a stream in one chunk, NULL end as NaN, times to the millisecond', () => {
    expect(parse([copyStream(ROWS)])).toEqual(EXPECTED);
  });

  it('reads the same rows however the stream is cut into chunks', () => {
    const stream = copyStream(ROWS);
    for (let cut = 1; cut < stream.length; cut++) {
      expect(parse([stream.subarray(0, cut), stream.subarray(cut)])).toEqual(EXPECTED);
    }
    // One byte at a time.
    expect(parse([...stream].map((b) => Buffer.from([b])))).toEqual(EXPECTED);
  });

  it('skips a header extension', () => {
    expect(parse([copyStream(ROWS, 6)])).toEqual(EXPECTED);
  });

  it('reads an empty table', () => {
    expect(parse([copyStream([])])).toEqual([]);
  });

  it('refuses a stream that is not binary COPY, has other columns, or stops mid-row', () => {
    expect(() => new ActivityCopyParser(() => undefined).push(Buffer.from('1\t2\t2026-03-02 10:00:00+00\t\\N\n'.repeat(2)))).toThrow(CopyFormatError);
    const wrongWidth = copyStream(ROWS);
    wrongWidth.writeInt16BE(3, 19); // first row claims 3 fields
    expect(() => new ActivityCopyParser(() => undefined).push(wrongWidth)).toThrow('expected 4 fields per row, got 3');
    const cut = new ActivityCopyParser(() => undefined);
    cut.push(copyStream(ROWS).subarray(0, 40));
    expect(() => cut.end()).toThrow('ended mid-row');
  });
});
