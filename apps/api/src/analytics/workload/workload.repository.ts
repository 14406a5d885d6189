import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { settingsSchema, type Settings } from '@firewatch/shared';
import type { ActivityEvent, ClassifiedSegment } from './compute-workload.js';
import type { ResponderCalendarRow } from './workload-calendar.js';

export interface ResponderRow extends ResponderCalendarRow {
  id: number;
}

@Injectable()
export class WorkloadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async settings(): Promise<Settings> {
    const [row] = await this.dataSource.query(
      `SELECT timezone, holiday_country AS "holidayCountry", working_hours AS "workingHours", sleeping_hours AS "sleepingHours",
              major_severity AS "majorSeverity", readiness_window_days AS "readinessWindowDays",
              readiness_min_minutes AS "readinessMinMinutes", transient_minutes AS "transientMinutes",
              hourly_cost::float8 AS "hourlyCost"
         FROM settings WHERE id = 1`,
    );
    return settingsSchema.parse(row);
  }

  respondersWithActivity(): Promise<ResponderRow[]> {
    return this.dataSource.query(
      `SELECT r.id, r.timezone, r.working_hours AS "workingHours", r.holiday_country AS "holidayCountry"
         FROM responders r WHERE EXISTS (SELECT 1 FROM activity a WHERE a.responder_id = r.id) ORDER BY r.id`,
    );
  }

  /** A responder's activity in time order; `test` incidents count nowhere (SPEC §1). */
  async activityOf(responderId: number, manager: EntityManager = this.dataSource.manager): Promise<ActivityEvent[]> {
    const rows: Array<{ incident_id: number; at_ms: number; end_ms: number | null }> = await manager.query(
      `SELECT a.incident_id, (extract(epoch FROM a.at) * 1000)::float8 AS at_ms, (extract(epoch FROM a.end_at) * 1000)::float8 AS end_ms
         FROM activity a JOIN incidents i ON i.id = a.incident_id
        WHERE a.responder_id = $1 AND i.kind <> 'test'
        ORDER BY a.at`,
      [responderId],
    );
    return rows.map((r) => (r.end_ms === null ? { incidentId: r.incident_id, atMs: r.at_ms } : { incidentId: r.incident_id, atMs: r.at_ms, endMs: r.end_ms }));
  }

  /** Replaces all of a responder's segments, set-wise. */
  async replaceSegments(manager: EntityManager, responderId: number, segments: readonly ClassifiedSegment[]): Promise<void> {
    await manager.query(`DELETE FROM work_segments WHERE responder_id = $1`, [responderId]);
    if (segments.length === 0) return;
    await manager.query(
      `INSERT INTO work_segments (responder_id, incident_id, start_at, end_at, share, bucket, local_date)
       SELECT $1, * FROM unnest($2::int[], $3::timestamptz[], $4::timestamptz[], $5::float8[], $6::text[], $7::date[])`,
      [
        responderId,
        segments.map((s) => s.incidentId),
        segments.map((s) => new Date(s.startMs).toISOString()),
        segments.map((s) => new Date(s.endMs).toISOString()),
        segments.map((s) => s.share),
        segments.map((s) => s.bucket),
        segments.map((s) => s.localDate),
      ],
    );
  }

  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }
}
