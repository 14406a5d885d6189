import { Module } from '@nestjs/common';
import { WorkloadRebuildService } from './workload-rebuild.service.js';
import { WorkloadRepository } from './workload.repository.js';

@Module({ providers: [WorkloadRepository, WorkloadRebuildService], exports: [WorkloadRebuildService] })
export class WorkloadModule {}
