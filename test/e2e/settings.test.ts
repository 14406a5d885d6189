import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_SETTINGS, errorResponseSchema, settingsSchema, workloadResponseSchema } from '@firewatch/shared';
import { createTestApp, createToken, type TestApp } from '../support/app.js';
import { derivedDataSettled } from '../support/derived-data.js';

/** GET / PUT /api/v1/settings (SPEC §1 Settings, §3): read, merge, validation, and workload recompute. */

let t: TestApp;
let ds: DataSource;
let readToken: string;
let ingestToken: string;

const http = () => request(t.app.getHttpServer());
const getSettings = () => http().get('/api/v1/settings').set('Authorization', `Bearer ${readToken}`);
const putSettings = (body: unknown) => http().put('/api/v1/settings').set('Authorization', `Bearer ${ingestToken}`).send(body as object);
const ingest = (kind: string, items: object[]) =>
  http().post(`/api/v1/ingest/${kind}`).set('Authorization', `Bearer ${ingestToken}`).send({ items }).expect(200);

beforeAll(async () => {
  t = await createTestApp(inject('pgAdminUrl'), { FIREWATCH_AUTH: 'on' });
  ds = t.app.get(DataSource);
  readToken = await createToken(t, ['read']);
  ingestToken = await createToken(t, ['ingest']);
});
afterAll(async () => t?.close());

describe('GET /api/v1/settings', () => {
  it('answers the defaults of SPEC §1 on a new organisation', async () => {
    const res = await getSettings().expect(200);
    expect(settingsSchema.parse(res.body)).toEqual(DEFAULT_SETTINGS);
    expect(res.body).toEqual({
      timezone: 'UTC',
      holidayCountry: null,
      workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '19:00' },
      sleepingHours: { start: '23:00', end: '08:00' },
      majorSeverity: 2,
      readinessWindowDays: 60,
      readinessMinMinutes: 15,
      transientMinutes: 10,
      hourlyCost: null,
      // On-call health flags (METRICS.md "On-call health" rule 9).
      oncallMedianFactor: 3,
      oncallMinDisruptedNights: 3,
      oncallMinInterruptions: 5,
      oncallMaxConsecutiveWeeks: 3,
    });
  });

  it('needs a read token', async () => {
    await http().get('/api/v1/settings').expect(401);
  });
});

describe('PUT /api/v1/settings', () => {
  it.each([
    ['no token', undefined, 401],
    ['a read token', 'read', 403],
  ] as const)('refuses %s', async (_, scope, status) => {
    const req = http().put('/api/v1/settings');
    if (scope) req.set('Authorization', `Bearer ${readToken}`);
    await req.send({ hourlyCost: 1 }).expect(status);
  });

  it('merges the fields given and keeps the others', async () => {
    const res = await putSettings({ hourlyCost: 85.5, holidayCountry: 'DE-BY', majorSeverity: 3 }).expect(200);
    expect(res.body).toEqual({ ...DEFAULT_SETTINGS, hourlyCost: 85.5, holidayCountry: 'DE-BY', majorSeverity: 3 });
    expect((await getSettings().expect(200)).body).toEqual(res.body);

    // A second change keeps the first; null clears a nullable setting.
    const next = await putSettings({ sleepingHours: { start: '22:30', end: '07:00' }, holidayCountry: null }).expect(200);
    expect(next.body).toEqual({ ...DEFAULT_SETTINGS, hourlyCost: 85.5, majorSeverity: 3, sleepingHours: { start: '22:30', end: '07:00' } });

    await putSettings(DEFAULT_SETTINGS).expect(200);
    expect((await getSettings().expect(200)).body).toEqual(DEFAULT_SETTINGS);
  });

  it('merges the on-call health thresholds, and the on-call report judges with them', async () => {
    const res = await putSettings({ oncallMedianFactor: 2.5, oncallMaxConsecutiveWeeks: 4 }).expect(200);
    expect(res.body).toEqual({ ...DEFAULT_SETTINGS, oncallMedianFactor: 2.5, oncallMaxConsecutiveWeeks: 4 });
    const report = await http().get('/api/v1/analytics/oncall?from=2026-02-02&to=2026-02-09').set('Authorization', `Bearer ${readToken}`).expect(200);
    expect(report.body.thresholds).toEqual({ medianFactor: 2.5, minDisruptedNights: 3, minInterruptions: 5, maxConsecutiveWeeks: 4 });
    await putSettings(DEFAULT_SETTINGS).expect(200);
  });

  it('keeps both of two concurrent changes of different fields', async () => {
    await Promise.all([putSettings({ transientMinutes: 7 }).expect(200), putSettings({ readinessWindowDays: 30 }).expect(200)]);
    expect((await getSettings().expect(200)).body).toEqual({ ...DEFAULT_SETTINGS, transientMinutes: 7, readinessWindowDays: 30 });
    await putSettings(DEFAULT_SETTINGS).expect(200);
  });

  it.each([
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    ['a holiday country the calendar does not know', { holidayCountry: 'XX' }, 'holidayCountry'],
    ['a region the country does not have', { holidayCountry: 'DE-ZZ' }, 'holidayCountry'],
    ['a country code in lower case', { holidayCountry: 'de' }, 'holidayCountry'],
    ['a severity out of 1..5', { majorSeverity: 9 }, 'majorSeverity'],
    ['working hours without a day', { workingHours: { days: [], start: '08:00', end: '19:00' } }, 'workingHours.days'],
    ['a clock time that is not HH:MM', { sleepingHours: { start: '11pm', end: '08:00' } }, 'sleepingHours.start'],
    ['a negative hourly cost', { hourlyCost: -10 }, 'hourlyCost'],
    ['an on-call median factor below 1', { oncallMedianFactor: 0.5 }, 'oncallMedianFactor'],
    ['a fractional number of weeks', { oncallMaxConsecutiveWeeks: 2.5 }, 'oncallMaxConsecutiveWeeks'],
    ['a field that is not a setting', { colour: 'red' }, 'colour'],
    ['null where a value is required', { timezone: null }, 'timezone'],
  ])('answers 400 naming the field for %s, and writes nothing', async (_, body, field) => {
    const res = await putSettings({ hourlyCost: 42, ...body }).expect(400);
    const problem = errorResponseSchema.parse(res.body);
    expect(problem.details?.map((d) => d.path)).toEqual([field]);
    expect(problem.message).toContain(field);
    expect((await getSettings().expect(200)).body).toEqual(DEFAULT_SETTINGS); // hourlyCost: 42 not written either
  });

  it('answers 400 for a body that is not an object', async () => {
    const res = await putSettings([{ timezone: 'UTC' }]).expect(400);
    expect(errorResponseSchema.parse(res.body).statusCode).toBe(400);
  });
});

describe('a settings change recomputes the workload', () => {
  // One responder without a time zone of their own: the organisation's applies (SPEC §1).
  // Tue 2026-02-03 10:00Z and 10:05Z → [10:00, 10:15) = 15 min.
  const RANGE = 'from=2026-02-02&to=2026-02-09';
  const report = async () =>
    workloadResponseSchema.parse((await http().get(`/api/v1/analytics/workload?${RANGE}`).set('Authorization', `Bearer ${readToken}`).expect(200)).body);

  beforeAll(async () => {
    await ingest('responders', [{ externalId: 'r-1', name: 'Ada' }]);
    await ingest('incidents', [{ externalId: 'inc-1', title: 'API errors', severity: 2, declaredAt: '2026-02-03T09:55:00Z' }]);
    await ingest('activity', [
      { externalId: 'a-1', responder: 'r-1', incident: 'inc-1', at: '2026-02-03T10:00:00Z', kind: 'message' },
      { externalId: 'a-2', responder: 'r-1', incident: 'inc-1', at: '2026-02-03T10:05:00Z', kind: 'message' },
    ]);
    await derivedDataSettled(ds);
  });
  afterAll(async () => {
    await putSettings(DEFAULT_SETTINGS).expect(200);
    await derivedDataSettled(ds);
  });

  it('re-queues everyone when the time zone changes, and the buckets follow', async () => {
    // UTC: Tue 10:00–10:15 is inside 08:00–19:00 → 15 working.
    expect((await report()).totals).toMatchObject({ minutes: 15, working: 15, late: 0, sleeping: 0 });

    await putSettings({ timezone: 'Asia/Tokyo' }).expect(200);
    // The trigger tr_settings_workload_update queued the responder's whole history in the same transaction.
    const queued: Array<{ from: string; to: string }> = await ds.query(
      `SELECT from_at::text AS "from", to_at::text AS "to" FROM workload_queue`,
    );
    // (The worker may already have claimed it: then it is gone, and the figures below prove the recompute.)
    for (const row of queued) expect(row).toEqual({ from: '-infinity', to: 'infinity' });
    await derivedDataSettled(ds);

    // Tokyo (UTC+9): 19:00–19:15 local is after working hours end (19:00, exclusive) → 15 late.
    expect((await report()).totals).toMatchObject({ minutes: 15, working: 0, late: 15, sleeping: 0 });
  });

  it('queues nothing for a change that does not move a minute between buckets, and the cost follows at once', async () => {
    await putSettings({ timezone: 'UTC' }).expect(200);
    await derivedDataSettled(ds);
    await putSettings({ hourlyCost: 100, majorSeverity: 1 }).expect(200);
    expect(await ds.query(`SELECT count(*)::int AS n FROM workload_queue`)).toEqual([{ n: 0 }]);
    // 15 min = 0.25 h × 100 = 25.
    expect((await report()).totals).toMatchObject({ minutes: 15, working: 15, hours: 0.25, costAmount: 25 });
  });
});
