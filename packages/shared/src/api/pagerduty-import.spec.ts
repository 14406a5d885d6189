import { describe, expect, it } from 'vitest';
import { describePagerDutyImportCounts, describePagerDutyImportProgress, pagerDutyImportStartSchema, type PagerDutyImportProgress } from './pagerduty-import.js';

const progress: PagerDutyImportProgress = {
  windowsDone: 12,
  windowsTotal: 53,
  doneUntil: '2025-03-26T00:00:00.000Z',
  incidents: 1204,
  logEntries: 31877,
  pages: 4410,
  activity: 2980,
  shifts: 96,
  created: 38000,
  updated: 12,
  unchanged: 700,
  replacedWebhookRows: 3,
  requests: 3371,
  retries: 2,
  elapsedMs: 122_857,
};

describe('PagerDuty import progress', () => {
  it('says where the run stands, with thousands separated and the rate in incidents per second', () => {
    expect(describePagerDutyImportProgress(progress)).toBe(
      // 1,204 incidents ÷ 122.857 s = 9.8 per second
      '12/53 windows, up to 2025-03-26 · 1,204 incidents, 31,877 log entries, 4,410 pages, 96 shifts · 9.8 incidents/s · 3,371 requests, 2 retries',
    );
    expect(describePagerDutyImportProgress({ ...progress, elapsedMs: 0 })).toContain(' · 0 incidents/s · ');
  });

  it('says what a run wrote', () => {
    expect(describePagerDutyImportCounts(progress)).toBe(
      '1,204 incidents, 4,410 pages, 2,980 activity, 96 shifts; 38,000 created, 12 updated, 700 unchanged; 3 webhook rows replaced',
    );
  });

  it.each([
    [{ since: '2025-01-01' }, true],
    [{ since: '2025-01-01', until: '2025-02-01' }, true],
    [{ since: '2025-01-01', until: '2025-01-01' }, false], // an empty range
    [{ since: '2025-01-01', token: 'x' }, false], // unknown field
  ])('start body %o valid: %s', (body, valid) => {
    expect(pagerDutyImportStartSchema.safeParse(body).success).toBe(valid);
  });
});
