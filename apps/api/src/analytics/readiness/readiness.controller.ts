import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { readinessQuerySchema, type ReadinessReport, toCsv } from '@firewatch/shared';
import { Access } from '../../auth/access.decorator.js';
import { parseQuery } from '../../common/parse-query.js';
import { ReadinessService } from './readiness.service.js';

/** Columns of the daily series as CSV: a row of `series`. */
const SERIES_COLUMNS = ['date', 'ready', 'active', 'readyRatio', 'hires', 'departures'] as const;

/** The daily series of a report as a CSV document. */
export function readinessSeriesCsv(report: ReadinessReport): string {
  return toCsv(report.series, SERIES_COLUMNS);
}

@Controller('api/v1/analytics/readiness')
@Access('read')
export class ReadinessController {
  constructor(private readonly readiness: ReadinessService) {}

  /**
   * Responder readiness (SPEC §2.6): the daily series over `[from, to)` (whole and per team), service
   * coverage and lapsing as of `asOf`, hires and departures with their impact. `Accept: text/csv`
   * answers the daily series as CSV.
   */
  @Get()
  async report(@Query() query: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ReadinessReport | string> {
    const report = await this.readiness.report(parseQuery(readinessQuerySchema, query));
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return report;
    res.type('text/csv; charset=utf-8');
    res.attachment(`readiness-series_${report.range.from}_${report.range.to}.csv`);
    return readinessSeriesCsv(report);
  }
}
