import { Module } from '@nestjs/common';
import { NoiseModule } from '../analytics/noise/noise.module.js';
import { WorkloadModule } from '../analytics/workload/workload.module.js';
import { WorkloadRepository } from '../analytics/workload/workload.repository.js';
import { RespondersController } from './responders.controller.js';
import { RespondersRepository } from './responders.repository.js';
import { RespondersService } from './responders.service.js';

@Module({
  // The workload and noise-facts workers, caught up before a responder's figures are read.
  imports: [WorkloadModule, NoiseModule],
  controllers: [RespondersController],
  // WorkloadRepository reads the settings row (stateless; its own instance here).
  providers: [RespondersRepository, RespondersService, WorkloadRepository],
})
export class RespondersModule {}
