import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './write-csv.js';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1+cmd', "'-1+cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"], // the tab is no longer at the edge, so no quotes
    ['\r=1', `"'\r=1"`], // quoted as well: a line break
    ['a=1', 'a=1'], // only a leading trigger is a formula
  ])('neutralises formula %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    [null, ''],
    [undefined, ''],
    ['', ''],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded ', '" padded "'],
    [-5, '-5'], // a number is data, not a formula
    [2.5, '2.5'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
    [true, 'true'],
    [new Date(Date.UTC(2026, 2, 1, 10, 15)), '2026-03-01T10:15:00.000Z'],
    [new Date(Number.NaN), ''],
    [['svc-api', 'svc-db'], 'svc-api;svc-db'],
    [['-x', 'y'], "'-x;y"],
    [{ days: [1, 2], start: '09:00' }, '"{""days"":[1,2],""start"":""09:00""}"'],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes a bigint as a number', () => {
    expect(csvCell(-12n)).toBe('-12');
  });
});

describe('toCsv', () => {
  it('writes the header first and ends every line with CRLF', () => {
    const csv = toCsv(
      [
        { week: '2026-03-02', hours: 12.5, responder: 'Kim, O.' },
        { week: '2026-03-09', hours: 0 },
      ],
      ['week', 'responder', 'hours'],
    );
    expect(csv).toBe('week,responder,hours\r\n2026-03-02,"Kim, O.",12.5\r\n2026-03-09,,0\r\n');
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv([], ['week', 'hours'])).toBe('week,hours\r\n');
  });
});
