import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryExperiences, queryResponders, type ExperienceCriteria, type ExperienceRow, type ReadinessResponderRow } from '../analytics/readiness/readiness.query.js';
import type { PageLike } from '../analytics/noise/interruptions.js';
import type { ResponderCalendarRow } from '../analytics/workload/workload-calendar.js';
import { BUCKET_SUMS, SCOPED, criteriaParams, type BucketMinutesRow } from '../analytics/workload/workload.query.js';

/**
 * One responder's workload in `[from, to)`: the workload report's own clipped segments ($1–$6
 * criteriaParams) of responder row $7 — by row id, since several sources may share an external id.
 */
const RESPONDER_WORKLOAD_SQL = `
  WITH ${SCOPED}
  SELECT ${BUCKET_SUMS}, count(DISTINCT incident_id)::int AS incidents
    FROM scoped
   WHERE responder_id = $7::int`;

/**
 * Pages to responder $1 of the alerts fired in `[$2, $3)` — the alerts the noise report counts for
 * the range (alerts linked to a `test` incident count nowhere) — in time order, for the interruption
 * merge. A responder has few pages: `ix_pages_responder_at` bounds the scan.
 */
const RESPONDER_PAGES_SQL = `
  SELECT p.alert_id::text AS "alertId", p.responder_id AS "responderId", (extract(epoch FROM p.at) * 1000)::float8 AS "atMs", p.channel
    FROM pages p
    JOIN alerts a ON a.id = p.alert_id
   WHERE p.responder_id = $1 AND a.fired_at >= $2::timestamptz AND a.fired_at < $3::timestamptz
     AND NOT EXISTS (SELECT 1 FROM incidents x WHERE x.id = a.incident_id AND x.kind = 'test')
   ORDER BY p.at, p.id`;

export interface ResponderProfileRow extends ReadinessResponderRow, ResponderCalendarRow {
  email: string | null;
  chatUserId: string | null;
  /** Their own zone, or the organisation's when they have none. */
  timezone: string;
}

export interface ResponderPageRows {
  experiences: ExperienceRow[];
  /** Their workload on incidents of kind `incident` in the range (full precision). */
  workload: BucketMinutesRow & { incidents: number };
  gameDayMinutes: number;
  /** Their pages of the alerts fired in the range, in time order. */
  pages: PageLike[];
}

@Injectable()
export class RespondersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The responder with this external id (when several sources use the same id, the one recorded
   * first), with employment dates in the org time zone.
   */
  async profile(externalId: string, timeZone: string): Promise<ResponderProfileRow | undefined> {
    const [found]: Array<Omit<ResponderProfileRow, keyof ReadinessResponderRow> & { id: number }> = await this.dataSource.query(
      `SELECT r.id, r.email, r.chat_user_id AS "chatUserId", coalesce(r.timezone, $2::text) AS timezone, r.working_hours AS "workingHours", r.holiday_country AS "holidayCountry"
         FROM responders r WHERE r.external_id = $1 ORDER BY r.id LIMIT 1`,
      [externalId, timeZone],
    );
    if (!found) return undefined;
    const [row] = await queryResponders(this.dataSource, timeZone, undefined, found.id);
    return row && { ...row, email: found.email, chatUserId: found.chatUserId, timezone: found.timezone, workingHours: found.workingHours, holidayCountry: found.holidayCountry };
  }

  /**
   * One responder's candidate experiences, their workload in `[from, to)` (the workload report's
   * segments, clipped to the range) and their pages of the alerts fired in it, in one REPEATABLE READ
   * snapshot.
   */
  pageRows(responder: ResponderProfileRow, experiences: ExperienceCriteria, range: { from: Date; to: Date }, timeZone: string): Promise<ResponderPageRows> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const workloadOf = async (kind: 'incident' | 'game_day'): Promise<BucketMinutesRow & { incidents: number }> => {
        const [row] = await manager.query(RESPONDER_WORKLOAD_SQL, [...criteriaParams({ ...range, kind, services: [] }), responder.id]);
        return row;
      };
      return {
        experiences: await queryExperiences(manager, { ...experiences, responderId: responder.id }, timeZone),
        workload: await workloadOf('incident'),
        gameDayMinutes: (await workloadOf('game_day')).minutes,
        pages: await manager.query(RESPONDER_PAGES_SQL, [responder.id, range.from.toISOString(), range.to.toISOString()]),
      };
    });
  }
}
