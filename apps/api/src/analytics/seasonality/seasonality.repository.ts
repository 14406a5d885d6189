import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { querySeasonality, type AnalyticsCriteria, type SeasonalityRows } from './seasonality.query.js';

@Injectable()
export class SeasonalityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The rows of the seasonality report, read in one REPEATABLE READ snapshot. */
  rows(criteria: AnalyticsCriteria, timeZone: string): Promise<SeasonalityRows> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => querySeasonality(manager, criteria, timeZone));
  }
}
