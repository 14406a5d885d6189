import { Module } from '@nestjs/common';
import { NoiseModule } from '../noise/noise.module.js';
import { WorkloadModule } from '../workload/workload.module.js';
import { OncallController } from './oncall.controller.js';
import { OncallRepository } from './oncall.repository.js';
import { OncallService } from './oncall.service.js';

@Module({
  imports: [WorkloadModule, NoiseModule],
  controllers: [OncallController],
  providers: [OncallRepository, OncallService],
  exports: [OncallService],
})
export class OncallModule {}
