import { Controller, Get } from '@nestjs/common';
import type { ServiceListResponse } from '@firewatch/shared';
import { ServicesRepository } from './services.repository.js';

@Controller('api/v1/services')
export class ServicesController {
  constructor(private readonly services: ServicesRepository) {}

  /** Every service with its team and tier, for filters and pickers. */
  @Get()
  async list(): Promise<ServiceListResponse> {
    return { items: await this.services.list() };
  }
}
