import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { noiseQuerySchema, type NoiseResponse, toCsv } from '@firewatch/shared';
import { Access } from '../../auth/access.decorator.js';
import { parseQuery } from '../../common/parse-query.js';
import { NoiseService } from './noise.service.js';

/** Columns of the rules table as CSV: a row of `rules`, its classes and buckets flattened. */
const RULE_COLUMNS = [
  'source',
  'rule',
  'fired',
  'escalated',
  'interruptions',
  'sleepingInterruptions',
  'workingInterruptions',
  'lateInterruptions',
  'noise',
  'noiseRatio',
  'actionable',
  'flagged',
  'transient',
  'ignored',
  'ackOnly',
  'ttaMedianMinutes',
  'flaps',
  'lastFiredAt',
] as const;

/** The `rules` table of a report as a CSV document. */
export function noiseRulesCsv(report: NoiseResponse): string {
  const rows = report.rules.map((r) => ({
    ...r,
    ...r.classes,
    workingInterruptions: r.interruptionsByBucket.working,
    lateInterruptions: r.interruptionsByBucket.late,
  }));
  return toCsv(rows, RULE_COLUMNS);
}

@Controller('api/v1/analytics/noise')
@Access('read')
export class NoiseController {
  constructor(private readonly noise: NoiseService) {}

  /**
   * Pager noise and escalations (SPEC §2.5) of the alerts fired in `[from, to)`: per rule, "tune first",
   * per responder, escalation depth and weekly actionable ratio. `Accept: text/csv` answers the rules table.
   */
  @Get()
  async report(@Query() query: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<NoiseResponse | string> {
    const report = await this.noise.report(parseQuery(noiseQuerySchema, query));
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return report;
    res.type('text/csv; charset=utf-8');
    res.attachment(`noise-rules_${report.range.from}_${report.range.to}.csv`);
    return noiseRulesCsv(report);
  }
}
