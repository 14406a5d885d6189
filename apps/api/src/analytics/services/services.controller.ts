import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  beforeAfterQuerySchema,
  causesQuerySchema,
  servicesQuerySchema,
  type BeforeAfterResponse,
  type CausesResponse,
  type ServicesResponse,
  toCsv,
} from '@firewatch/shared';
import { Access } from '../../auth/access.decorator.js';
import { jsonOrCsv } from '../../csv/csv-response.js';
import { parseQuery } from '../../common/parse-query.js';
import { ServicesAnalyticsService } from './services.service.js';

/** Columns of a services/causes table as CSV after the key column; `previous*` from the previous period. */
const FIGURE_COLUMNS = [
  'name',
  'incidents',
  'majorIncidents',
  'workloadHours',
  'outOfHoursHours',
  'pages',
  'ttrMedianMinutes',
  'ttrExcluded',
  'previousIncidents',
  'previousWorkloadHours',
  'workloadHoursChange',
  'cumulativeShare',
] as const;

type Item = ServicesResponse['items'][number] | CausesResponse['items'][number];

/** The items of a services or causes report as CSV, key column first. */
export function breakdownCsv(items: readonly Item[], key: 'externalId' | 'cause'): string {
  const rows = items.map((i) => ({ ...i, previousIncidents: i.previous.incidents, previousWorkloadHours: i.previous.workloadHours }));
  return toCsv(rows, [key, ...FIGURE_COLUMNS]);
}

@Controller('api/v1/analytics/services')
@Access('read')
export class ServicesAnalyticsController {
  constructor(private readonly analytics: ServicesAnalyticsService) {}

  /** Per service (SPEC §2.4) in `[from, to)` vs the previous period, ranked by hours. CSV: the items. */
  @Get()
  async services(@Query() query: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ServicesResponse | string> {
    const report = await this.analytics.services(parseQuery(servicesQuerySchema, query));
    return jsonOrCsv(req, res, report, `services_${report.range.from}_${report.range.to}.csv`, () => breakdownCsv(report.items, 'externalId'));
  }

  /** Weekly incidents and hours of an annotation's services before vs after it (SPEC §2.4). CSV: the weeks. */
  @Get('before-after')
  async beforeAfter(@Query() query: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<BeforeAfterResponse | string> {
    const report = await this.analytics.beforeAfter(parseQuery(beforeAfterQuerySchema, query));
    return jsonOrCsv(req, res, report, `before-after_${report.annotation.externalId}.csv`, () =>
      toCsv(report.weekly, ['week', 'from', 'incidents', 'workloadHours']),
    );
  }
}

@Controller('api/v1/analytics/causes')
@Access('read')
export class CausesAnalyticsController {
  constructor(private readonly analytics: ServicesAnalyticsService) {}

  /** Per cause tag (SPEC §2.4) in `[from, to)` vs the previous period, ranked by hours. CSV: the items. */
  @Get()
  async causes(@Query() query: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<CausesResponse | string> {
    const report = await this.analytics.causes(parseQuery(causesQuerySchema, query));
    return jsonOrCsv(req, res, report, `causes_${report.range.from}_${report.range.to}.csv`, () => breakdownCsv(report.items, 'cause'));
  }
}
