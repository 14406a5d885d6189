import { Injectable } from '@nestjs/common';
import { type NoiseQuery, type NoiseResponse, type NoiseTotals } from '@firewatch/shared';
import { resolveQueryRange } from '../../common/parse-query.js';
import { WorkloadRepository } from '../workload/workload.repository.js';
import { computeNoiseReport, computeNoiseTotals } from './compute-noise.js';
import type { NoiseCriteria } from './noise.query.js';
import { NoiseFactsService } from './facts/noise-facts.service.js';
import { NoiseRepository } from './noise.repository.js';

@Injectable()
export class NoiseService {
  constructor(
    private readonly repository: NoiseRepository,
    private readonly workload: WorkloadRepository,
    private readonly facts: NoiseFactsService,
  ) {}

  /** The noise report of SPEC §3 `/api/v1/analytics/noise` for a parsed query. */
  async report(query: NoiseQuery, now = new Date()): Promise<NoiseResponse> {
    await this.facts.catchUp();
    const settings = await this.workload.settings();
    const range = resolveQueryRange(query, settings.timezone, now);
    const criteria = { from: range.from, to: range.to, team: query.team, services: query.service, maxSeverity: query.severity };
    const { freshness, ...aggregates } = await this.repository.report(criteria, settings);
    return { ...computeNoiseReport({ ...aggregates, range, settings }), freshness };
  }

  /**
   * The headline figures (fired, escalated, actionable ratio, interruptions, sleeping interruptions…)
   * of alerts fired in `[criteria.from, criteria.to)` with the same filters as the report, for a
   * period given as UTC bounds (e.g. the overview's current and previous periods).
   */
  async totals(criteria: NoiseCriteria): Promise<NoiseTotals> {
    await this.facts.catchUp();
    const settings = await this.workload.settings();
    return computeNoiseTotals(await this.repository.totals(criteria, settings));
  }
}
