import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryNoiseReport, type NoiseCriteria, type NoiseReportRows } from './noise.query.js';

@Injectable()
export class NoiseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The rows of the noise report, read in one REPEATABLE READ snapshot so alerts and pages agree. */
  report(criteria: NoiseCriteria): Promise<NoiseReportRows> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => queryNoiseReport(manager, criteria));
  }
}
