import { Injectable } from '@nestjs/common';
import type { SeasonalityQuery, SeasonalityResponse } from '@firewatch/shared';
import { publicHolidays } from '../holidays.js';
import { NoiseFactsService } from '../noise/facts/noise-facts.service.js';
import { WorkloadQueueService } from '../workload/workload-queue.service.js';
import { WorkloadRepository } from '../workload/workload.repository.js';
import { resolveQueryRange } from '../../common/parse-query.js';
import { computeSeasonality } from './compute-seasonality.js';
import { SeasonalityRepository } from './seasonality.repository.js';

const NO_HOLIDAYS = () => false;

@Injectable()
export class SeasonalityService {
  constructor(
    private readonly repository: SeasonalityRepository,
    private readonly workload: WorkloadRepository,
    private readonly noiseFacts: NoiseFactsService,
    private readonly workloadQueue: WorkloadQueueService,
  ) {}

  /** The seasonality report of SPEC §3 `/api/v1/analytics/seasonality` for a parsed query. */
  async report(query: SeasonalityQuery, now = new Date()): Promise<SeasonalityResponse> {
    const freshness = await this.workload.caughtUpFreshness([this.workloadQueue, this.noiseFacts]);
    const settings = await this.workload.settings();
    const timeZone = settings.timezone;
    const range = resolveQueryRange(query, timeZone, now);
    const criteria = { from: range.from, to: range.to, team: query.team, services: query.service, maxSeverity: query.severity };
    const rows = await this.repository.rows(criteria, timeZone);
    const country = settings.holidayCountry;
    const report = computeSeasonality({
      ...rows,
      range,
      timeZone,
      majorSeverity: settings.majorSeverity,
      holidayCountry: country,
      isPublicHoliday: country === null ? NO_HOLIDAYS : publicHolidays(country),
    });
    return { ...report, freshness };
  }
}
