import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { NamedRecord } from '@firewatch/shared';

@Injectable()
export class TeamsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<NamedRecord[]> {
    return this.dataSource.query(`SELECT external_id AS "externalId", name FROM teams ORDER BY lower(name), external_id`);
  }
}
