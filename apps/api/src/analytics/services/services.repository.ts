import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { NamedRecord } from '@firewatch/shared';
import { criteriaParams } from '../workload/workload.query.js';
import { queryIncidentCells, type AnalyticsCriteria, type IncidentCellRow, type WorkloadDayRow } from '../seasonality/seasonality.query.js';
import {
  ANNOTATIONS_BY_EXTERNAL_ID_SQL,
  SERVICES_BY_EXTERNAL_ID_SQL,
  SERVICE_SET_WORKLOAD_DAILY_SQL,
  queryBreakdown,
  type AnnotationRow,
  type BreakdownRows,
  type DimensionName,
} from './services.query.js';

@Injectable()
export class ServicesAnalyticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The rows of both periods of the services or causes report, in one REPEATABLE READ snapshot. */
  breakdown(dimension: DimensionName, current: AnalyticsCriteria, previous: AnalyticsCriteria, majorSeverity: number): Promise<{ current: BreakdownRows; previous: BreakdownRows }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => ({
      current: await queryBreakdown(manager, dimension, current, majorSeverity),
      previous: await queryBreakdown(manager, dimension, previous, majorSeverity),
    }));
  }

  annotations(externalId: string): Promise<AnnotationRow[]> {
    return this.dataSource.query(ANNOTATIONS_BY_EXTERNAL_ID_SQL, [externalId]);
  }

  services(externalIds: readonly string[]): Promise<NamedRecord[]> {
    return this.dataSource.query(SERVICES_BY_EXTERNAL_ID_SQL, [[...externalIds]]);
  }

  /**
   * Incidents (by local date, hour, severity) and weighted workload minutes (by local date) of the
   * incidents touching any of `criteria.services`, in one snapshot.
   */
  serviceSetDays(criteria: AnalyticsCriteria, timeZone: string): Promise<{ incidents: IncidentCellRow[]; workload: WorkloadDayRow[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => ({
      incidents: await queryIncidentCells(manager, criteria, timeZone),
      workload: await manager.query(SERVICE_SET_WORKLOAD_DAILY_SQL, criteriaParams({ ...criteria, kind: 'incident' })),
    }));
  }
}
