import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryExperiences, queryResponders, type ExperienceCriteria, type ExperienceRow, type ReadinessResponderRow } from '../analytics/readiness/readiness.query.js';
import type { ResponderInterruptions } from '@firewatch/shared';
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
 * Responder $1's pager figures for the alerts fired in `[$2, $3)` — the alerts the noise report counts
 * for the range — from the noise facts: the same merged and placed interruptions as their row of
 * `/analytics/noise`, by construction.
 */
const RESPONDER_INTERRUPTIONS_SQL = `
  SELECT count(*)::int AS pages,
         (count(*) FILTER (WHERE p.opens))::int AS interruptions,
         (count(*) FILTER (WHERE p.opens AND p.bucket = 'sleeping'))::int AS "sleepingInterruptions",
         (count(DISTINCT p.local_hour) FILTER (WHERE p.opens))::int AS "disruptedHours",
         (count(DISTINCT p.night) FILTER (WHERE p.opens))::int AS "disruptedNights"
    FROM page_facts p
   WHERE p.responder_id = $1 AND p.counted AND p.fired_at >= $2::timestamptz AND p.fired_at < $3::timestamptz`;

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
  /** Their pages and interruptions of the alerts fired in the range. */
  interruptions: ResponderInterruptions;
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
   * segments, clipped to the range) and their pager figures for the alerts fired in it, in one REPEATABLE READ
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
        interruptions: (await manager.query(RESPONDER_INTERRUPTIONS_SQL, [responder.id, range.from.toISOString(), range.to.toISOString()]))[0],
      };
    });
  }
}
