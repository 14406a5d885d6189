import { describe, expect, it } from 'vitest';
import { copyInstant, copyLine, copyNumber, copyText } from './copy-text.js';

describe('COPY text values', () => {
  it.each([
    ['plain', 'Postgres failover', 'Postgres failover'],
    ['backslash', 'C:\\dir', 'C:\\\\dir'],
    ['tab and newline', 'a\tb\nc\rd', 'a\\tb\\nc\\rd'],
    ['non-ASCII', 'Jonas Krüger · O’Brien', 'Jonas Krüger · O’Brien'],
  ])('escapes %s', (_label, input, encoded) => {
    expect(copyText(input)).toBe(encoded);
  });

  it('writes NULL as \\N, instants in UTC ISO 8601, lines tab-separated', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyNumber(null)).toBe('\\N');
    expect(copyNumber(3)).toBe('3');
    expect(copyInstant(Date.UTC(2026, 2, 29, 1, 0, 0))).toBe('2026-03-29T01:00:00.000Z');
    expect(copyLine(['1', 'demo', '\\N'])).toBe('1\tdemo\t\\N\n');
  });
});
