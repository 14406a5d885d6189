import type { Problem } from '@firewatch/shared';
import { describe, expect, it } from 'vitest';
import { describeImportCounts, MAX_PROBLEM_ROWS, needsIngestToken, toProblemTable } from './import-outcome';

describe('describeImportCounts', () => {
  it('names the file and every count, zeros included', () => {
    expect(describeImportCounts('incidents.csv', { created: 3, updated: 0, unchanged: 0 })).toBe(
      'incidents.csv: 3 created, 0 updated, 0 unchanged',
    );
  });
});

describe('toProblemTable', () => {
  it('turns each problem into a Line | Field | Problem row, in order', () => {
    const details: Problem[] = [
      { line: 5, path: 'declaredAt', message: 'must be an ISO 8601 instant' },
      { line: 1, path: '', message: 'the file has a header but no records' },
      { path: 'services', message: 'unknown service "svc-x"' },
    ];
    expect(toProblemTable(details)).toEqual({
      rows: [
        { key: '0', line: '5', field: 'declaredAt', problem: 'must be an ISO 8601 instant' },
        { key: '1', line: '1', field: '—', problem: 'the file has a header but no records' },
        { key: '2', line: '—', field: 'services', problem: 'unknown service "svc-x"' },
      ],
      moreCount: 0,
    });
  });

  it('keeps two problems on the same line and field apart', () => {
    const same: Problem = { line: 2, path: 'title', message: 'is required' };
    const { rows } = toProblemTable([same, same]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(2);
  });

  it.each([
    { count: 0, shown: 0, more: 0 },
    { count: MAX_PROBLEM_ROWS, shown: MAX_PROBLEM_ROWS, more: 0 },
    { count: MAX_PROBLEM_ROWS + 1, shown: MAX_PROBLEM_ROWS, more: 1 },
    { count: 1000, shown: MAX_PROBLEM_ROWS, more: 950 }, // 1000 − 50 shown
  ])('caps $count problems at $shown rows and counts $more more', ({ count, shown, more }) => {
    const details = Array.from({ length: count }, (_, i): Problem => ({ line: i + 2, path: 'title', message: 'is required' }));
    const table = toProblemTable(details);
    expect(table.rows).toHaveLength(shown);
    expect(table.moreCount).toBe(more);
    if (shown > 0) expect(table.rows[0].line).toBe('2');
  });
});

describe('needsIngestToken', () => {
  it.each([
    { status: 401, expected: true },
    { status: 403, expected: true },
    { status: 400, expected: false },
    { status: 422, expected: false },
    { status: 0, expected: false }, // network failure: a token would not help
  ])('$status → $expected', ({ status, expected }) => {
    expect(needsIngestToken(status)).toBe(expected);
  });
});
