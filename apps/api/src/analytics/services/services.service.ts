import { HttpStatus, Injectable } from '@nestjs/common';
import {
  addCalendarDays,
  localDate,
  startOfLocalDay,
  type BeforeAfterQuery,
  type BeforeAfterResponse,
  type CausesResponse,
  type Freshness,
  type NamedRecord,
  type ServicesQuery,
  type ServicesResponse,
} from '@firewatch/shared';
import { ProblemException } from '../../common/http-exception.filter.js';
import { resolveQueryRange } from '../../common/parse-query.js';
import { NoiseFactsService } from '../noise/facts/noise-facts.service.js';
import { WorkloadQueueService } from '../workload/workload-queue.service.js';
import { WorkloadRepository } from '../workload/workload.repository.js';
import { computeBeforeAfter } from './compute-before-after.js';
import { computeBreakdown, previousRange, type Breakdown } from './compute-services.js';
import { ServicesAnalyticsRepository } from './services.repository.js';
import type { DimensionName } from './services.query.js';

@Injectable()
export class ServicesAnalyticsService {
  constructor(
    private readonly repository: ServicesAnalyticsRepository,
    private readonly workload: WorkloadRepository,
    private readonly noiseFacts: NoiseFactsService,
    private readonly workloadQueue: WorkloadQueueService,
  ) {}

  /** SPEC §3 `/api/v1/analytics/services`. */
  async services(query: ServicesQuery, now = new Date()): Promise<ServicesResponse> {
    const { items, ...rest } = await this.breakdown('service', query, now);
    return { ...rest, items: items.map(({ key, ...item }) => ({ externalId: key, ...item })) };
  }

  /** SPEC §3 `/api/v1/analytics/causes`. */
  async causes(query: ServicesQuery, now = new Date()): Promise<CausesResponse> {
    const { items, ...rest } = await this.breakdown('cause', query, now);
    return { ...rest, items: items.map(({ key, ...item }) => ({ cause: key, ...item })) };
  }

  private async breakdown(dimension: DimensionName, query: ServicesQuery, now: Date): Promise<Breakdown & { freshness: Freshness }> {
    const freshness = await this.workload.caughtUpFreshness([this.workloadQueue, this.noiseFacts]);
    const settings = await this.workload.settings();
    const timeZone = settings.timezone;
    const range = resolveQueryRange(query, timeZone, now);
    const before = previousRange(range, timeZone);
    const filters = { team: query.team, services: query.service, maxSeverity: query.severity };
    const rows = await this.repository.breakdown(
      dimension,
      { from: range.from, to: range.to, ...filters },
      { from: before.from, to: before.to, ...filters },
      settings.majorSeverity,
    );
    return { ...computeBreakdown({ range, previousRange: before, timeZone, ...rows }), freshness };
  }

  /** SPEC §2.4 before/after around an annotation. */
  async beforeAfter(query: BeforeAfterQuery): Promise<BeforeAfterResponse> {
    await this.workloadQueue.catchUp();
    const annotations = await this.repository.annotations(query.annotation);
    if (annotations.length === 0) throw new ProblemException(HttpStatus.NOT_FOUND, `No annotation with external id ${JSON.stringify(query.annotation)}.`);
    if (annotations.length > 1) {
      const message = 'is ambiguous: several sources sent an annotation with this external id';
      throw new ProblemException(HttpStatus.BAD_REQUEST, `Invalid query: annotation ${message}.`, [{ path: 'annotation', message }]);
    }
    const annotation = annotations[0]!;
    const services = query.service.length > 0 ? await this.knownServices(query.service) : annotation.services;
    if (services.length === 0) {
      const message = 'is required: the annotation names no service';
      throw new ProblemException(HttpStatus.BAD_REQUEST, `Invalid query: service ${message}.`, [{ path: 'service', message }]);
    }
    const settings = await this.workload.settings();
    const timeZone = settings.timezone;
    const date = localDate(new Date(annotation.at), timeZone);
    const criteria = {
      from: startOfLocalDay(addCalendarDays(date, -7 * query.weeks), timeZone),
      to: startOfLocalDay(addCalendarDays(date, 7 * query.weeks), timeZone),
      team: query.team,
      services: services.map((s) => s.externalId),
      maxSeverity: query.severity,
    };
    const rows = await this.repository.serviceSetDays(criteria, timeZone);
    return computeBeforeAfter({ annotation, date, services, timeZone, weeks: query.weeks, ...rows });
  }

  /** The named services, or a 400 naming the parameter when one of them is unknown. */
  private async knownServices(externalIds: readonly string[]): Promise<NamedRecord[]> {
    const services = await this.repository.services(externalIds);
    const unknown = [...new Set(externalIds)].filter((id) => !services.some((s) => s.externalId === id));
    if (unknown.length > 0) {
      const message = `names no known service: ${unknown.join(', ')}`;
      throw new ProblemException(HttpStatus.BAD_REQUEST, `Invalid query: service ${message}.`, [{ path: 'service', message }]);
    }
    return services;
  }
}
