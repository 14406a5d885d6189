import { Module } from '@nestjs/common';
import { WorkloadModule } from '../workload/workload.module.js';
import { NoiseController } from './noise.controller.js';
import { NoiseRepository } from './noise.repository.js';
import { NoiseService } from './noise.service.js';

@Module({
  imports: [WorkloadModule],
  controllers: [NoiseController],
  providers: [NoiseRepository, NoiseService],
  exports: [NoiseService],
})
export class NoiseModule {}
