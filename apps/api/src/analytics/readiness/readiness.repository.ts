import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  queryExperiences,
  queryResponders,
  queryServices,
  type ExperienceCriteria,
  type ExperienceRow,
  type ReadinessResponderRow,
  type ReadinessServiceRow,
} from './readiness.query.js';

export interface ReadinessRows {
  responders: ReadinessResponderRow[];
  services: ReadinessServiceRow[];
  experiences: ExperienceRow[];
}

@Injectable()
export class ReadinessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Responders of `team` (all when undefined), the services in scope and the candidate experiences,
   * read in one REPEATABLE READ snapshot so a responder and their experiences agree.
   */
  rows(criteria: ExperienceCriteria, timeZone: string, team: string | undefined): Promise<ReadinessRows> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => ({
      responders: await queryResponders(manager, timeZone, team),
      services: await queryServices(manager, team, criteria.services),
      experiences: await queryExperiences(manager, criteria, timeZone),
    }));
  }
}
