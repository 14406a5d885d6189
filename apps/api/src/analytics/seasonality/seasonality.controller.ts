import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { seasonalityQuerySchema, type SeasonalityResponse, toCsv } from '@firewatch/shared';
import { Access } from '../../auth/access.decorator.js';
import { jsonOrCsv } from '../../csv/csv-response.js';
import { parseQuery } from '../../common/parse-query.js';
import { SeasonalityService } from './seasonality.service.js';

/** Columns of the daily trend as CSV; `sev1`…`sev5` split `incidents` by severity. */
const DAILY_COLUMNS = ['period', 'incidents', 'majorIncidents', 'sev1', 'sev2', 'sev3', 'sev4', 'sev5', 'workloadHours', 'pages'] as const;

/** The daily trend of a report as a CSV document. */
export function seasonalityDailyCsv(report: SeasonalityResponse): string {
  const rows = report.daily.map(({ bySeverity, ...day }) => ({ ...day, ...Object.fromEntries(bySeverity.map((n, i) => [`sev${i + 1}`, n])) }));
  return toCsv(rows, DAILY_COLUMNS);
}

@Controller('api/v1/analytics/seasonality')
@Access('read')
export class SeasonalityController {
  constructor(private readonly seasonality: SeasonalityService) {}

  /**
   * When incidents, workload and pages come (SPEC §2.3) in `[from, to)`: trends, heatmap, profiles,
   * holiday effect, anomalies, year over year. `Accept: text/csv` answers the daily trend as CSV.
   */
  @Get()
  async report(@Query() query: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SeasonalityResponse | string> {
    const report = await this.seasonality.report(parseQuery(seasonalityQuerySchema, query));
    return jsonOrCsv(req, res, report, `seasonality-daily_${report.range.from}_${report.range.to}.csv`, () => seasonalityDailyCsv(report));
  }
}
