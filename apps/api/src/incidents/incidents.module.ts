import { Module } from '@nestjs/common';
import { NoiseModule } from '../analytics/noise/noise.module.js';
import { WorkloadModule } from '../analytics/workload/workload.module.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsRepository } from './incidents.repository.js';
import { IncidentsService } from './incidents.service.js';

@Module({
  // The list's responder and escalation-reason filters read the workload rollup and the noise facts.
  imports: [WorkloadModule, NoiseModule],
  controllers: [IncidentsController],
  providers: [IncidentsService, IncidentsRepository],
  exports: [IncidentsRepository],
})
export class IncidentsModule {}
