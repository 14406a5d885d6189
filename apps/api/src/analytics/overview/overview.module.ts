import { Module } from '@nestjs/common';
import { IncidentsModule } from '../../incidents/incidents.module.js';
import { NoiseModule } from '../noise/noise.module.js';
import { ReadinessModule } from '../readiness/readiness.module.js';
import { WorkloadModule } from '../workload/workload.module.js';
import { OverviewController } from './overview.controller.js';
import { OverviewRepository } from './overview.repository.js';
import { OverviewService } from './overview.service.js';

@Module({
  imports: [WorkloadModule, NoiseModule, ReadinessModule, IncidentsModule],
  controllers: [OverviewController],
  providers: [OverviewRepository, OverviewService],
})
export class OverviewModule {}
