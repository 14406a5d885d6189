import { Module } from '@nestjs/common';
import { WorkloadRepository } from '../workload/workload.repository.js';
import { CausesAnalyticsController, ServicesAnalyticsController } from './services.controller.js';
import { ServicesAnalyticsRepository } from './services.repository.js';
import { ServicesAnalyticsService } from './services.service.js';

@Module({
  controllers: [ServicesAnalyticsController, CausesAnalyticsController],
  // WorkloadRepository for the settings row it reads (stateless: a second instance is harmless).
  providers: [ServicesAnalyticsRepository, ServicesAnalyticsService, WorkloadRepository],
  exports: [ServicesAnalyticsService],
})
export class ServicesAnalyticsModule {}
