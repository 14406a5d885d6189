import { Module } from '@nestjs/common';
import { WorkloadModule } from '../workload/workload.module.js';
import { NoiseFactsRepository } from './facts/noise-facts.repository.js';
import { NoiseFactsService } from './facts/noise-facts.service.js';
import { NoiseController } from './noise.controller.js';
import { NoiseRepository } from './noise.repository.js';
import { NoiseService } from './noise.service.js';

@Module({
  imports: [WorkloadModule],
  controllers: [NoiseController],
  providers: [NoiseRepository, NoiseService, NoiseFactsRepository, NoiseFactsService],
  exports: [NoiseService, NoiseFactsService, NoiseFactsRepository],
})
export class NoiseModule {}
