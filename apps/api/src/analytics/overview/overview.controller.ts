import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { overviewQuerySchema, type OverviewResponse, toCsv } from '@firewatch/shared';
import { Access } from '../../auth/access.decorator.js';
import { jsonOrCsv } from '../../csv/csv-response.js';
import { parseQuery } from '../../common/parse-query.js';
import { OverviewService } from './overview.service.js';

/** Columns of the overview as CSV: one row per figure. */
const FIGURE_COLUMNS = ['figure', 'current', 'previous', 'change'] as const;

/** The figures of an overview as a CSV document. */
export function overviewFiguresCsv(report: OverviewResponse): string {
  return toCsv(report.figures, FIGURE_COLUMNS);
}

@Controller('api/v1/analytics/overview')
@Access('read')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  /**
   * Operational load (SPEC §2.7) of `[from, to)` and of the previous period of equal length, side by
   * side. `Accept: text/csv` answers the figures as rows: figure, current, previous, change.
   */
  @Get()
  async report(@Query() query: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<OverviewResponse | string> {
    const report = await this.overview.report(parseQuery(overviewQuerySchema, query));
    return jsonOrCsv(req, res, report, `overview_${report.current.from}_${report.current.to}.csv`, () => overviewFiguresCsv(report));
  }
}
