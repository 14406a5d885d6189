import { Module } from '@nestjs/common';
import { WorkloadModule } from '../analytics/workload/workload.module.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';

@Module({ imports: [WorkloadModule], controllers: [AlertsController], providers: [AlertsRepository, AlertsService] })
export class AlertsModule {}
