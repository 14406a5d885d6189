import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ServiceListResponse } from '@firewatch/shared';

@Injectable()
export class ServicesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<ServiceListResponse['items']> {
    return this.dataSource.query(
      `SELECT s.external_id AS "externalId", s.name, t.external_id AS team, s.tier
         FROM services s LEFT JOIN teams t ON t.id = s.team_id
        ORDER BY lower(s.name), s.external_id`,
    );
  }
}
