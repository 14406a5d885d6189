import { Controller, Get } from '@nestjs/common';
import type { ServiceListResponse } from '@firewatch/shared';
import { ServicesRepository } from './services.repository.js';
import { Access } from '../auth/access.decorator.js';

@Controller('api/v1/services')
@Access('read')
export class ServicesController {
  constructor(private readonly services: ServicesRepository) {}

  /** Every service with its team and tier, for filters and pickers. */
  @Get()
  async list(): Promise<ServiceListResponse> {
    return { items: await this.services.list() };
  }
}
