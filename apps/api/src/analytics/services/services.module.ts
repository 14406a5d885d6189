import { Module } from '@nestjs/common';
import { NoiseModule } from '../noise/noise.module.js';
import { WorkloadModule } from '../workload/workload.module.js';
import { WorkloadRepository } from '../workload/workload.repository.js';
import { CausesAnalyticsController, ServicesAnalyticsController } from './services.controller.js';
import { ServicesAnalyticsRepository } from './services.repository.js';
import { ServicesAnalyticsService } from './services.service.js';

@Module({
  // Its workload is the workload worker's rollup, its pages the noise facts' (page_facts).
  imports: [WorkloadModule, NoiseModule],
  controllers: [ServicesAnalyticsController, CausesAnalyticsController],
  // WorkloadRepository for the settings row it reads (stateless: a second instance is harmless).
  providers: [ServicesAnalyticsRepository, ServicesAnalyticsService, WorkloadRepository],
  exports: [ServicesAnalyticsService],
})
export class ServicesAnalyticsModule {}
