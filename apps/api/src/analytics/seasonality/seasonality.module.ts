import { Module } from '@nestjs/common';
import { WorkloadRepository } from '../workload/workload.repository.js';
import { SeasonalityController } from './seasonality.controller.js';
import { SeasonalityRepository } from './seasonality.repository.js';
import { SeasonalityService } from './seasonality.service.js';

@Module({
  controllers: [SeasonalityController],
  // WorkloadRepository for the settings row it reads (stateless: a second instance is harmless).
  providers: [SeasonalityRepository, SeasonalityService, WorkloadRepository],
  exports: [SeasonalityService],
})
export class SeasonalityModule {}
