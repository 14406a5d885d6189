import { Module } from '@nestjs/common';
import { WorkloadModule } from '../workload/workload.module.js';
import { WorkloadRepository } from '../workload/workload.repository.js';
import { ReadinessController } from './readiness.controller.js';
import { ReadinessRepository } from './readiness.repository.js';
import { ReadinessService } from './readiness.service.js';

@Module({
  // The workload worker, caught up before the stored workload is read.
  imports: [WorkloadModule],
  controllers: [ReadinessController],
  // WorkloadRepository reads the settings row (stateless; its own instance here).
  providers: [ReadinessRepository, ReadinessService, WorkloadRepository],
  exports: [ReadinessRepository, ReadinessService],
})
export class ReadinessModule {}
