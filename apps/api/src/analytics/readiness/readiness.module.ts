import { Module } from '@nestjs/common';
import { WorkloadRepository } from '../workload/workload.repository.js';
import { ReadinessController } from './readiness.controller.js';
import { ReadinessRepository } from './readiness.repository.js';
import { ReadinessService } from './readiness.service.js';

@Module({
  controllers: [ReadinessController],
  // WorkloadRepository reads the settings row (stateless; its own instance here).
  providers: [ReadinessRepository, ReadinessService, WorkloadRepository],
  exports: [ReadinessRepository, ReadinessService],
})
export class ReadinessModule {}
