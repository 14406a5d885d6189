import { Injectable } from '@nestjs/common';
import { WORKLOAD_TOP_INCIDENTS, type WorkloadQuery, type WorkloadResponse } from '@firewatch/shared';
import { computeWorkloadReport, workloadTotals } from './compute-workload-report.js';
import { WorkloadQueueService } from './workload-queue.service.js';
import { WorkloadRepository } from './workload.repository.js';
import { resolveQueryRange } from '../../common/parse-query.js';

@Injectable()
export class WorkloadService {
  constructor(
    private readonly repository: WorkloadRepository,
    private readonly queue: WorkloadQueueService,
  ) {}

  /** The workload report of SPEC §3 `/api/v1/analytics/workload` for a parsed query. */
  async report(query: WorkloadQuery, now = new Date()): Promise<WorkloadResponse> {
    const freshness = await this.repository.caughtUpFreshness([this.queue]);
    const settings = await this.repository.settings();
    const timeZone = settings.timezone;
    const range = resolveQueryRange(query, timeZone, now);
    const criteria = { from: range.from, to: range.to, team: query.team, services: query.service, maxSeverity: query.severity };
    const rows = await this.repository.report(criteria, WORKLOAD_TOP_INCIDENTS);
    return { ...computeWorkloadReport({ ...rows, range, timeZone, hourlyCost: settings.hourlyCost }), freshness };
  }

  /** The report's `totals` alone (the overview's figures), from the same rows by responder. */
  async totals(query: WorkloadQuery, now = new Date()): Promise<WorkloadResponse['totals']> {
    await this.queue.catchUp();
    const settings = await this.repository.settings();
    const range = resolveQueryRange(query, settings.timezone, now);
    const criteria = { from: range.from, to: range.to, team: query.team, services: query.service, maxSeverity: query.severity };
    return workloadTotals(await this.repository.responderRows(criteria), settings.hourlyCost);
  }
}
