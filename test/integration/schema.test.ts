import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource, QueryFailedError } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase(inject('pgAdminUrl'));
  ds = await new DataSource(dataSourceOptions(db.url, { poolSize: 2 })).initialize();
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

/** The Postgres error code of a failed statement (23505 unique, 23514 check, 23503 foreign key). */
async function pgError(sql: string, params: unknown[] = []): Promise<string | undefined> {
  try {
    await ds.query(sql, params);
    return undefined;
  } catch (error) {
    if (error instanceof QueryFailedError) return (error.driverError as { code?: string }).code;
    throw error;
  }
}

describe('schema', () => {
  it('matches the entities: TypeORM would generate no migration (no drift)', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has every table of the data model', async () => {
    const rows: Array<{ table_name: string }> = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      'activity', 'alert_facts', 'alerts', 'annotation_services', 'annotations', 'api_tokens', 'chat_messages', 'import_cursors', 'incident_causes', 'incident_roles',
      'incident_services', 'incidents', 'migrations', 'noise_queue', 'page_facts', 'pages', 'responders', 'services', 'settings', 'shifts', 'teams',
      'webhook_deliveries', 'work_days', 'work_segments', 'workload_queue',
    ]);
  });

  it('starts with the default settings row of SPEC §1', async () => {
    const [row] = await ds.query(`SELECT * FROM settings`);
    expect(row).toMatchObject({
      id: 1,
      timezone: 'UTC',
      holiday_country: null,
      working_hours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '19:00' },
      sleeping_hours: { start: '23:00', end: '08:00' },
      major_severity: 2,
      readiness_window_days: 60,
      readiness_min_minutes: 15,
      transient_minutes: 10,
      hourly_cost: null,
    });
    expect(await pgError(`INSERT INTO settings SELECT 2, timezone, holiday_country, working_hours, sleeping_hours, major_severity, readiness_window_days, readiness_min_minutes, transient_minutes, hourly_cost FROM settings`)).toBe('23514');
  });

  it('keeps (source, external_id) unique per entity', async () => {
    await ds.query(`INSERT INTO teams (source, external_id, name) VALUES ('api', 't-1', 'One')`);
    expect(await pgError(`INSERT INTO teams (source, external_id, name) VALUES ('api', 't-1', 'Again')`)).toBe('23505');
    // The same external id from another source is another record.
    expect(await pgError(`INSERT INTO teams (source, external_id, name) VALUES ('pagerduty', 't-1', 'Other')`)).toBeUndefined();
  });

  it.each([
    ['incident kind', `INSERT INTO incidents (source, external_id, title, kind, severity, declared_at, started_at) VALUES ('api', 'i-k', 't', 'outage', 1, now(), now())`, '23514'],
    ['incident severity 0', `INSERT INTO incidents (source, external_id, title, kind, severity, declared_at, started_at) VALUES ('api', 'i-s', 't', 'incident', 0, now(), now())`, '23514'],
    ['resolved before start', `INSERT INTO incidents (source, external_id, title, kind, severity, declared_at, started_at, resolved_at) VALUES ('api', 'i-r', 't', 'incident', 3, now(), now(), now() - interval '1 hour')`, '23514'],
    ['activity without responder', `INSERT INTO activity (source, external_id, responder_id, incident_id, at, kind) VALUES ('api', 'a-1', 999999, 999999, now(), 'message')`, '23503'],
    ['service tier 6', `INSERT INTO services (source, external_id, name, tier) VALUES ('api', 's-t', 'S', 6)`, '23514'],
    ['token with unknown scope', `INSERT INTO api_tokens (name, prefix, token_hash, scopes) VALUES ('x', 'fw_', 'h', ARRAY['admin'])`, '23514'],
  ])('rejects %s', async (_label, sql, code) => {
    expect(await pgError(sql)).toBe(code);
  });

  it('requires an end for calls and forbids it for instant activity', async () => {
    await ds.query(`INSERT INTO responders (source, external_id, name) VALUES ('api', 'r-1', 'R')`);
    await ds.query(`INSERT INTO incidents (source, external_id, title, kind, severity, declared_at, started_at) VALUES ('api', 'i-1', 't', 'incident', 2, now(), now())`);
    const insert = (kind: string, endAt: string) =>
      pgError(
        `INSERT INTO activity (source, external_id, responder_id, incident_id, at, kind, end_at)
         SELECT 'api', $1, r.id, i.id, '2026-01-01T10:00:00Z', $2, $3::timestamptz FROM responders r, incidents i WHERE r.external_id = 'r-1' AND i.external_id = 'i-1'`,
        [`a-${kind}-${endAt}`, kind, endAt === 'null' ? null : endAt],
      );
    expect(await insert('call', 'null')).toBe('23514');
    expect(await insert('message', '2026-01-01T10:30:00Z')).toBe('23514');
    expect(await insert('call', '2026-01-01T09:00:00Z')).toBe('23514'); // ends before it starts
    expect(await insert('call', '2026-01-01T10:30:00Z')).toBeUndefined();
    expect(await insert('message', 'null')).toBeUndefined();
  });

  it('queues workload and noise-fact recomputes from triggers in the writing transaction', async () => {
    const rows: Array<{ tgname: string }> = await ds.query(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`);
    expect(rows.map((r) => r.tgname)).toEqual([
      'tr_activity_workload_delete',
      'tr_activity_workload_insert',
      'tr_activity_workload_update',
      'tr_alerts_noise_delete',
      'tr_alerts_noise_insert',
      'tr_alerts_noise_update',
      'tr_incidents_noise_update',
      'tr_incidents_workload_update',
      'tr_pages_noise_delete',
      'tr_pages_noise_insert',
      'tr_pages_noise_update',
      'tr_responders_noise_update',
      'tr_responders_workload_update',
      'tr_services_noise_update',
      'tr_settings_noise_update',
      'tr_settings_workload_update',
      'tr_work_segments_days_delete',
      'tr_work_segments_days_insert',
      'tr_work_segments_days_update',
    ]);
  });

  it('has the time-range indexes the analytics read', async () => {
    const rows: Array<{ indexname: string }> = await ds.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    const names = rows.map((r) => r.indexname);
    for (const ix of ['ix_activity_responder_at', 'ix_incidents_declared_at', 'ix_alerts_fired_at', 'ix_pages_at', 'ix_pages_responder_at', 'ix_shifts_start']) {
      expect(names).toContain(ix);
    }
  });

  it('undoes every migration and applies them again', async () => {
    const count = ds.migrations.length;
    for (let i = 0; i < count; i++) await ds.undoLastMigration({ transaction: 'each' });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
    expect(n).toBe(0);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(count);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
