import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Freshness } from '@firewatch/shared';
import { queryFreshness } from '../freshness.js';
import { queryNoiseAggregates, queryNoiseTotals, type NoiseAggregates, type NoiseCriteria, type NoiseTotalsAggregates } from './noise.query.js';

@Injectable()
export class NoiseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The aggregates of the noise report, read in one REPEATABLE READ snapshot so alert and page facts agree. */
  report(criteria: NoiseCriteria, settings: { transientMinutes: number; timezone: string }): Promise<NoiseAggregates & { freshness: Freshness }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => ({
      ...(await queryNoiseAggregates(manager, criteria, settings)),
      freshness: await queryFreshness(manager, ['noise_queue']),
    }));
  }

  /** The aggregates of the report's totals alone, in one snapshot. */
  totals(criteria: NoiseCriteria, settings: { transientMinutes: number }): Promise<NoiseTotalsAggregates> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => queryNoiseTotals(manager, criteria, settings));
  }
}
