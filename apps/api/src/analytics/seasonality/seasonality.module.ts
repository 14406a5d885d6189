import { Module } from '@nestjs/common';
import { NoiseModule } from '../noise/noise.module.js';
import { WorkloadModule } from '../workload/workload.module.js';
import { WorkloadRepository } from '../workload/workload.repository.js';
import { SeasonalityController } from './seasonality.controller.js';
import { SeasonalityRepository } from './seasonality.repository.js';
import { SeasonalityService } from './seasonality.service.js';

@Module({
  // Its workload is the workload worker's rollup, its pages the noise facts' (page_facts).
  imports: [WorkloadModule, NoiseModule],
  controllers: [SeasonalityController],
  // WorkloadRepository for the settings row it reads (stateless: a second instance is harmless).
  providers: [SeasonalityRepository, SeasonalityService, WorkloadRepository],
  exports: [SeasonalityService],
})
export class SeasonalityModule {}
