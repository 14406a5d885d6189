import { Controller, Get, HttpStatus, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { externalIdSchema, incidentDetailQuerySchema, incidentListQuerySchema, type IncidentDetail, type IncidentListResponse } from '@firewatch/shared';
import { Access } from '../auth/access.decorator.js';
import { incidentListCsv, incidentListCsvFilename } from './incidents-csv.js';
import { IncidentsService } from './incidents.service.js';
import { parseQuery } from '../common/parse-query.js';
import { ProblemException } from '../common/http-exception.filter.js';

@Controller('api/v1/incidents')
@Access('read')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  /**
   * Incidents declared in `[from, to)`, filtered, sorted and paginated. `Accept: text/csv` answers the
   * same page as CSV, with the total over all pages in `X-Total-Count`.
   */
  @Get()
  async list(
    @Query() query: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IncidentListResponse | string> {
    const list = await this.incidents.list(parseQuery(incidentListQuerySchema, query));
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return list;
    res.type('text/csv; charset=utf-8');
    res.attachment(incidentListCsvFilename(list));
    res.setHeader('X-Total-Count', String(list.total));
    return incidentListCsv(list);
  }

  /** One incident with its workload per responder (SPEC §2.1), alerts, pages and activity timeline. */
  @Get(':externalId')
  detail(@Param('externalId') externalId: string, @Query() query: unknown): Promise<IncidentDetail> {
    const id = externalIdSchema.safeParse(externalId);
    if (!id.success) {
      const message = id.error.issues[0]?.message ?? 'is not an external id';
      throw new ProblemException(HttpStatus.BAD_REQUEST, `Invalid externalId: ${message}.`, [{ path: 'externalId', message }]);
    }
    return this.incidents.detail(id.data, parseQuery(incidentDetailQuerySchema, query));
  }
}
