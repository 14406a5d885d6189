import { HttpStatus, Injectable } from '@nestjs/common';
import { ONCALL_RESPONDERS_LISTED, type OncallQuery, type OncallResponse } from '@firewatch/shared';
import { ProblemException } from '../../common/http-exception.filter.js';
import { resolveQueryRange } from '../../common/parse-query.js';
import { NoiseFactsService } from '../noise/facts/noise-facts.service.js';
import { WorkloadQueueService } from '../workload/workload-queue.service.js';
import { WorkloadRepository } from '../workload/workload.repository.js';
import { computeOncallReport, listedResponders } from './compute-oncall.js';
import { OncallRepository } from './oncall.repository.js';

@Injectable()
export class OncallService {
  constructor(
    private readonly repository: OncallRepository,
    private readonly workload: WorkloadRepository,
    private readonly noiseFacts: NoiseFactsService,
    private readonly workloadQueue: WorkloadQueueService,
  ) {}

  /**
   * The on-call health report of `GET /api/v1/analytics/oncall` for a parsed query. `responders` lists
   * the flagged and the most on call unless the query asks for `all` or `everyone` is set (the CSV,
   * SPEC §3's "download all" path); the rest of the report is over everyone either way.
   */
  async report(query: OncallQuery, { everyone = false, now = new Date() }: { everyone?: boolean; now?: Date } = {}): Promise<OncallResponse> {
    const freshness = await this.workload.caughtUpFreshness([this.workloadQueue, this.noiseFacts]);
    const settings = await this.workload.settings();
    const range = resolveQueryRange(query, settings.timezone, now);
    const rows = await this.repository.rows({
      from: range.from,
      to: range.to,
      team: query.team,
      services: query.service,
      maxSeverity: query.severity,
      detailResponder: query.responder,
    });
    let detailResponderId: number | null = null;
    if (query.responder !== undefined) {
      const found = rows.responders.find((r) => r.externalId === query.responder);
      if (!found) {
        const message = query.team === undefined ? 'names no known responder' : 'names no responder of the team asked for';
        throw new ProblemException(HttpStatus.BAD_REQUEST, `Invalid query: responder ${message}.`, [{ path: 'responder', message }]);
      }
      detailResponderId = found.id;
    }
    const report = { ...computeOncallReport({ ...rows, range, settings, detailResponderId }), freshness };
    if (everyone || query.responders === 'all') return report;
    return { ...report, responders: listedResponders(report.responders, ONCALL_RESPONDERS_LISTED) };
  }
}
