import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryOncall, type OncallCriteria, type OncallRows } from './oncall.query.js';

@Injectable()
export class OncallRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Responders, shifts, interrupting pages and work segments of the range, in one REPEATABLE READ snapshot. */
  rows(criteria: OncallCriteria): Promise<OncallRows> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => queryOncall(manager, criteria));
  }
}
