import { describe, expect, it } from 'vitest';
import { rowsToCsv, type CsvColumn } from './csv';

interface Row {
  name: string;
  hours: number | null;
}
const columns: CsvColumn<Row>[] = [
  { header: 'name', value: (r) => r.name },
  { header: 'hours', value: (r) => r.hours },
];

describe('rowsToCsv', () => {
  it('writes a header row and CRLF-terminated lines', () => {
    expect(rowsToCsv([{ name: 'Ada', hours: 12.5 }], columns)).toBe('name,hours\r\nAda,12.5\r\n');
  });

  it.each<[string, Row, string]>([
    ['a comma is quoted', { name: 'Lovelace, Ada', hours: 1 }, '"Lovelace, Ada",1'],
    ['a quote is doubled', { name: 'say "hi"', hours: 1 }, '"say ""hi""",1'],
    ['a formula is defused', { name: '=SUM(A1)', hours: 1 }, "'=SUM(A1)"+',1'],
    ['a negative number stays a number', { name: 'x', hours: -5 }, 'x,-5'],
    ['null is an empty cell', { name: 'x', hours: null }, 'x,'],
  ])('%s', (_, row, line) => {
    expect(rowsToCsv([row], columns).split('\r\n')[1]).toBe(line);
  });
});
