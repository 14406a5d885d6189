import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  DateRangeError,
  WORKLOAD_TOP_INCIDENTS,
  localDate,
  resolveDateRange,
  type ResolvedDateRange,
  type WorkloadQuery,
  type WorkloadResponse,
} from '@firewatch/shared';
import { ProblemException } from '../../common/http-exception.filter.js';
import { computeWorkloadReport } from './compute-workload-report.js';
import { queryWorkloadReport } from './workload.query.js';
import { WorkloadRepository } from './workload.repository.js';

/**
 * `from`/`to` as UTC bounds in the org time zone (default: the 90 days up to today); a bad pair is a
 * 400 naming the parameter to fix.
 * TODO: the same mapping is private in incidents.service.ts; import it once it is exported.
 */
function resolveRange(query: WorkloadQuery, timeZone: string, now: Date): ResolvedDateRange {
  try {
    return resolveDateRange({ from: query.from, to: query.to }, timeZone, localDate(now, timeZone));
  } catch (error) {
    if (!(error instanceof DateRangeError)) throw error;
    throw new ProblemException(HttpStatus.BAD_REQUEST, `Invalid query: ${error.message}.`, [{ path: error.param, message: error.message }]);
  }
}

@Injectable()
export class WorkloadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: WorkloadRepository,
  ) {}

  /** The workload report of SPEC §3 `/api/v1/analytics/workload` for a parsed query. */
  async report(query: WorkloadQuery, now = new Date()): Promise<WorkloadResponse> {
    const settings = await this.repository.settings();
    const timeZone = settings.timezone;
    const range = resolveRange(query, timeZone, now);
    const criteria = { from: range.from, to: range.to, team: query.team, services: query.service, maxSeverity: query.severity };
    // One snapshot for all statements, so weeks, responders and incidents add up while the stored
    // workload is being recomputed.
    const rows = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
      queryWorkloadReport(manager, criteria, timeZone, WORKLOAD_TOP_INCIDENTS),
    );
    return computeWorkloadReport({ ...rows, range, timeZone, hourlyCost: settings.hourlyCost });
  }
}
