import { HttpStatus, Injectable } from '@nestjs/common';
import { addCalendarDays, localDate, type ResponderDetail, type ResponderQuery } from '@firewatch/shared';
import { ProblemException } from '../common/http-exception.filter.js';
import { resolveQueryRange } from '../common/parse-query.js';
import { WorkloadQueueService } from '../analytics/workload/workload-queue.service.js';
import { WorkloadRepository } from '../analytics/workload/workload.repository.js';
import { experienceBounds, readinessRules } from '../analytics/readiness/readiness.service.js';
import { NoiseFactsService } from '../analytics/noise/facts/noise-facts.service.js';
import { computeResponderDetail } from './compute-responder-detail.js';
import { RespondersRepository } from './responders.repository.js';

@Injectable()
export class RespondersService {
  constructor(
    private readonly repository: RespondersRepository,
    private readonly workload: WorkloadRepository,
    private readonly noiseFacts: NoiseFactsService,
    private readonly workloadQueue: WorkloadQueueService,
  ) {}

  /** One responder's page, or a 404 naming the unknown external id. */
  async detail(externalId: string, query: ResponderQuery, now = new Date()): Promise<ResponderDetail> {
    await Promise.all([this.noiseFacts.catchUp(), this.workloadQueue.catchUp()]);
    const settings = await this.workload.settings();
    const timeZone = settings.timezone;
    const range = resolveQueryRange(query, timeZone, now);
    const asOf = query.asOf ?? localDate(now, timeZone);
    const profile = await this.repository.profile(externalId, timeZone);
    if (!profile) {
      throw new ProblemException(HttpStatus.NOT_FOUND, `No responder has the external id ${JSON.stringify(externalId)}.`, [
        { path: 'externalId', message: `unknown responder ${JSON.stringify(externalId)}` },
      ]);
    }
    const rules = readinessRules(settings);
    const bounds = experienceBounds([range.fromDate, asOf], [range.toDate, addCalendarDays(asOf, 1)], rules.windowDays, timeZone);
    const rows = await this.repository.pageRows(profile, { ...bounds, maxSeverity: rules.majorSeverity, services: [] }, range, timeZone);
    return computeResponderDetail({ ...rows, profile, range, timeZone, asOf, rules });
  }
}
