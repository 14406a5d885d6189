import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { oncallQuerySchema, type OncallResponse, toCsv } from '@firewatch/shared';
import { Access } from '../../auth/access.decorator.js';
import { jsonOrCsv, prefersCsv } from '../../csv/csv-response.js';
import { parseQuery } from '../../common/parse-query.js';
import { OncallService } from './oncall.service.js';

/** Columns of the responders table as CSV: a row of `responders`, the team and flags flattened. */
const RESPONDER_COLUMNS = [
  'externalId',
  'name',
  'team',
  'timeZone',
  'shifts',
  'onCallHours',
  'outsideWorkingHours',
  'sleepingHours',
  'interruptions',
  'offCallInterruptions',
  'interruptionsPerOnCallHour',
  'sleepingInterruptions',
  'disruptedNights',
  'incidentHoursOnCall',
  'incidentHoursOffCall',
  'longestStreakWeeks',
  'currentStreakWeeks',
  'lastNightInterrupted',
  'daysSinceLastNightInterrupted',
  'loadRatio',
  'flags',
] as const;

/** The `responders` table of a report as a CSV document; flags separated by `;`. */
export function oncallRespondersCsv(report: OncallResponse): string {
  return toCsv(
    report.responders.map((r) => ({ ...r, team: r.team?.externalId ?? null, flags: r.flags.join(';') })),
    RESPONDER_COLUMNS,
  );
}

@Controller('api/v1/analytics/oncall')
@Access('read')
export class OncallController {
  constructor(private readonly oncall: OncallService) {}

  /**
   * On-call health of `[from, to)`: per responder hours on call, interruptions, nights, streaks; per
   * team how evenly they are spread; health flags. `Accept: text/csv` answers the responders table,
   * every responder whatever `responders` says (the CSV is how the whole list is downloaded).
   */
  @Get()
  async report(@Query() query: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<OncallResponse | string> {
    const report = await this.oncall.report(parseQuery(oncallQuerySchema, query), { everyone: prefersCsv(req) });
    return jsonOrCsv(req, res, report, `oncall_${report.range.from}_${report.range.to}.csv`, () => oncallRespondersCsv(report));
  }
}
