import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { workloadQuerySchema, type WorkloadResponse, toCsv } from '@firewatch/shared';
import { Access } from '../../auth/access.decorator.js';
import { parseQuery } from '../../common/parse-query.js';
import { WorkloadService } from './workload.service.js';

/** Columns of the responders table as CSV: a row of `responders`, the team as external id and name. */
const RESPONDER_COLUMNS = ['externalId', 'name', 'team', 'teamName', 'minutes', 'working', 'late', 'sleeping', 'incidents'] as const;

/** The `responders` table of a report as a CSV document. */
export function workloadRespondersCsv(report: WorkloadResponse): string {
  const rows = report.responders.map((r) => ({ ...r, team: r.team?.externalId ?? null, teamName: r.team?.name ?? null }));
  return toCsv(rows, RESPONDER_COLUMNS);
}

@Controller('api/v1/analytics/workload')
@Access('read')
export class WorkloadController {
  constructor(private readonly workload: WorkloadService) {}

  /**
   * Responder workload (SPEC §2.1) in `[from, to)`: totals by bucket, by week, by responder, by team,
   * top incidents and game days. `Accept: text/csv` answers the responders table as CSV.
   */
  @Get()
  async report(@Query() query: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<WorkloadResponse | string> {
    const report = await this.workload.report(parseQuery(workloadQuerySchema, query));
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return report;
    res.type('text/csv; charset=utf-8');
    res.attachment(`workload-responders_${report.range.from}_${report.range.to}.csv`);
    return workloadRespondersCsv(report);
  }
}
