import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module.js';
import { PagerDutyImportController } from './pagerduty-import.controller.js';
import { PagerDutyImportRepository } from './pagerduty-import.repository.js';
import { PagerDutyImportRunner } from './pagerduty-import-runner.service.js';
import { PagerDutyImportService } from './pagerduty-import.service.js';

@Module({
  imports: [IngestModule],
  controllers: [PagerDutyImportController],
  providers: [PagerDutyImportService, PagerDutyImportRepository, PagerDutyImportRunner],
})
export class PagerDutyImportModule {}
