import { describe, expect, it } from 'vitest';
import { defaultImportSince } from './pagerduty-import-dates';

describe('defaultImportSince', () => {
  it.each([
    ['2026-12-07T20:00:00Z', '2025-12-07'],
    ['2026-01-01T00:30:00Z', '2025-01-01'], // the UTC day, whatever the browser's zone
    ['2028-02-29T12:00:00Z', '2027-03-01'], // no 29 February a year before: Date.UTC rolls over to 1 March
  ])('%s → %s', (now, since) => {
    expect(defaultImportSince(new Date(now))).toBe(since);
  });
});
