import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import type { PagerDutyImportStatus } from '@firewatch/shared';
import { Access } from '../auth/access.decorator.js';
import { PagerDutyImportRunner } from './pagerduty-import-runner.service.js';

@Controller('api/v1/pagerduty/import')
export class PagerDutyImportController {
  constructor(private readonly runner: PagerDutyImportRunner) {}

  /** The last (or current) PagerDuty history import of this server, with its progress or error. */
  @Get()
  @Access('read')
  status(): PagerDutyImportStatus {
    return this.runner.current();
  }

  /** Starts a PagerDuty history import `{ since, until? }` in the background; answers its status at once. */
  @Post()
  @HttpCode(HttpStatus.OK)
  @Access('ingest')
  start(@Body() body: unknown): PagerDutyImportStatus {
    return this.runner.start(body);
  }
}
