import { Injectable } from '@nestjs/common';
import { addCalendarDays, type OverviewQuery, type OverviewResponse, type ResolvedDateRange } from '@firewatch/shared';
import { resolveQueryRange } from '../../common/parse-query.js';
import { toIncidentTimings } from '../../incidents/incident-detail.js';
import { IncidentsRepository } from '../../incidents/incidents.repository.js';
import { NoiseFactsService } from '../noise/facts/noise-facts.service.js';
import { NoiseService } from '../noise/noise.service.js';
import { ReadinessService } from '../readiness/readiness.service.js';
import { previousRange } from '../services/compute-services.js';
import { WorkloadRepository } from '../workload/workload.repository.js';
import { WorkloadQueueService } from '../workload/workload-queue.service.js';
import { WorkloadService } from '../workload/workload.service.js';
import { computeOverview, type OverviewPeriodInput } from './compute-overview.js';
import { OverviewRepository } from './overview.repository.js';

/**
 * The leadership overview (SPEC §2.7) assembled from the analytics that define each figure — the
 * workload report, the noise totals, the incident timings and the readiness series — so a figure
 * here is always the one its own page shows for the same period and filters.
 */
@Injectable()
export class OverviewService {
  constructor(
    private readonly repository: OverviewRepository,
    private readonly settingsRow: WorkloadRepository,
    private readonly workload: WorkloadService,
    private readonly noise: NoiseService,
    private readonly readiness: ReadinessService,
    private readonly incidents: IncidentsRepository,
    private readonly workloadQueue: WorkloadQueueService,
    private readonly noiseFacts: NoiseFactsService,
  ) {}

  /** SPEC §3 `/api/v1/analytics/overview` for a parsed query. */
  async report(query: OverviewQuery, now = new Date()): Promise<OverviewResponse> {
    const freshness = await this.settingsRow.caughtUpFreshness([this.workloadQueue, this.noiseFacts]);
    const settings = await this.settingsRow.settings();
    const range = resolveQueryRange(query, settings.timezone, now);
    // One period after the other: each already reads several statements in parallel.
    const current = await this.period(range, query);
    const previous = await this.period(previousRange(range, settings.timezone), query);
    return { ...computeOverview({ timeZone: settings.timezone, majorSeverity: settings.majorSeverity, current, previous }), freshness };
  }

  private async period(range: ResolvedDateRange, query: OverviewQuery): Promise<OverviewPeriodInput> {
    const filters = { team: query.team, service: query.service, severity: query.severity };
    const criteria = { from: range.from, to: range.to, team: query.team, services: query.service, maxSeverity: query.severity };
    const lastDay = addCalendarDays(range.toDate, -1);
    const [workload, noise, timings, readiness, rows] = await Promise.all([
      this.workload.totals({ ...filters, from: range.fromDate, to: range.toDate }),
      this.noise.totals(criteria),
      this.incidents.timings(criteria),
      // The series of the last day alone: a day's readiness depends only on the window before it.
      this.readiness.report({ ...filters, from: lastDay, to: range.toDate, asOf: lastDay }),
      this.repository.rows(criteria),
    ]);
    return { range, workload, noise, timings: toIncidentTimings(timings), readiness: readiness.series[0]!, rows };
  }
}
