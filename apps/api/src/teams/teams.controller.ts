import { Controller, Get } from '@nestjs/common';
import type { TeamListResponse } from '@firewatch/shared';
import { TeamsRepository } from './teams.repository.js';
import { Access } from '../auth/access.decorator.js';

@Controller('api/v1/teams')
@Access('read')
export class TeamsController {
  constructor(private readonly teams: TeamsRepository) {}

  /** Every team, for filters and pickers. */
  @Get()
  async list(): Promise<TeamListResponse> {
    return { items: await this.teams.list() };
  }
}
