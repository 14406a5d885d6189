import { Module } from '@nestjs/common';
import { WorkloadRebuildService } from './workload-rebuild.service.js';
import { WorkloadRepository } from './workload.repository.js';
import { WorkloadQueueService } from './workload-queue.service.js';
import { WorkloadController } from './workload.controller.js';
import { WorkloadService } from './workload.service.js';

@Module({
  controllers: [WorkloadController],
  providers: [WorkloadRepository, WorkloadRebuildService, WorkloadQueueService, WorkloadService],
  // WorkloadRepository: its settings() row is read by the other analytics too; WorkloadService: the overview's totals.
  exports: [WorkloadRebuildService, WorkloadQueueService, WorkloadRepository, WorkloadService],
})
export class WorkloadModule {}
