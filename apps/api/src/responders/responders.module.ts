import { Module } from '@nestjs/common';
import { NoiseModule } from '../analytics/noise/noise.module.js';
import { WorkloadRepository } from '../analytics/workload/workload.repository.js';
import { RespondersController } from './responders.controller.js';
import { RespondersRepository } from './responders.repository.js';
import { RespondersService } from './responders.service.js';

@Module({
  // NoiseModule: the noise facts' worker, caught up before a responder's pager figures are read.
  imports: [NoiseModule],
  controllers: [RespondersController],
  // WorkloadRepository reads the settings row (stateless; its own instance here).
  providers: [RespondersRepository, RespondersService, WorkloadRepository],
})
export class RespondersModule {}
