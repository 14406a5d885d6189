import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { HealthResponse, ReadinessResponse } from '@firewatch/shared';
import { HealthService } from './health.service.js';
import { Access } from '../auth/access.decorator.js';

@Controller('api/health')
@Access('public')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process serves HTTP. */
  @Get()
  live(): HealthResponse {
    return this.health.liveness();
  }

  /** Readiness: database reachable and every migration applied; 503 with the reason otherwise. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessResponse> {
    const result = await this.health.readiness();
    if (result.status !== 'ready') res.status(503);
    return result;
  }
}
