import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryExperiences, queryResponders, type ExperienceCriteria, type ExperienceRow, type ReadinessResponderRow } from '../analytics/readiness/readiness.query.js';
import { WORKLOAD_RESPONDERS_SQL, criteriaParams, type WorkloadResponderRow } from '../analytics/workload/workload.query.js';

export interface ResponderProfileRow extends ReadinessResponderRow {
  email: string | null;
  /** Their own zone, or the organisation's when they have none. */
  timezone: string;
}

export interface ResponderPageRows {
  experiences: ExperienceRow[];
  /** Their workload row on incidents of kind `incident` in the range; undefined = none. */
  workload: WorkloadResponderRow | undefined;
  gameDayMinutes: number;
}

@Injectable()
export class RespondersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The responder with this external id (when several sources use the same id, the one recorded
   * first), with employment dates in the org time zone.
   */
  async profile(externalId: string, timeZone: string): Promise<ResponderProfileRow | undefined> {
    const [found]: Array<{ id: number; email: string | null; timezone: string }> = await this.dataSource.query(
      `SELECT r.id, r.email, coalesce(r.timezone, $2::text) AS timezone FROM responders r WHERE r.external_id = $1 ORDER BY r.id LIMIT 1`,
      [externalId, timeZone],
    );
    if (!found) return undefined;
    const [row] = await queryResponders(this.dataSource, timeZone, undefined, found.id);
    return row && { ...row, email: found.email, timezone: found.timezone };
  }

  /**
   * One responder's candidate experiences and their workload in `[from, to)` (the workload report's
   * own statement, clipped to the range), in one REPEATABLE READ snapshot.
   */
  pageRows(responder: ResponderProfileRow, experiences: ExperienceCriteria, range: { from: Date; to: Date }, timeZone: string): Promise<ResponderPageRows> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const workloadOf = async (kind: 'incident' | 'game_day') => {
        const rows: WorkloadResponderRow[] = await manager.query(WORKLOAD_RESPONDERS_SQL, criteriaParams({ ...range, kind, services: [] }));
        return rows.find((r) => r.externalId === responder.externalId);
      };
      return {
        experiences: await queryExperiences(manager, { ...experiences, responderId: responder.id }, timeZone),
        workload: await workloadOf('incident'),
        gameDayMinutes: (await workloadOf('game_day'))?.minutes ?? 0,
      };
    });
  }
}
