import { Controller, Get, Param, Query } from '@nestjs/common';
import { responderQuerySchema, type ResponderDetail } from '@firewatch/shared';
import { Access } from '../auth/access.decorator.js';
import { parseQuery } from '../common/parse-query.js';
import { RespondersService } from './responders.service.js';

@Controller('api/v1/responders')
@Access('read')
export class RespondersController {
  constructor(private readonly responders: RespondersService) {}

  /**
   * One responder before a 1:1: readiness on `asOf` with its expiry and the services it covers,
   * qualifying experiences and workload in `[from, to)`. 404 names an unknown external id.
   */
  @Get(':externalId')
  detail(@Param('externalId') externalId: string, @Query() query: unknown): Promise<ResponderDetail> {
    return this.responders.detail(externalId, parseQuery(responderQuerySchema, query));
  }
}
