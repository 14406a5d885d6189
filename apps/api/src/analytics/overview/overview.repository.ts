import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AnalyticsCriteria } from '../seasonality/seasonality.query.js';
import { queryOverview, type OverviewRows } from './overview.query.js';

@Injectable()
export class OverviewRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Incidents by severity, shifts and employed hours of one period, in one REPEATABLE READ snapshot. */
  rows(criteria: AnalyticsCriteria): Promise<OverviewRows> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => queryOverview(manager, criteria));
  }
}
