import { Controller, Get } from '@nestjs/common';
import type { TeamListResponse } from '@firewatch/shared';
import { TeamsRepository } from './teams.repository.js';

@Controller('api/v1/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsRepository) {}

  /** Every team, for filters and pickers. */
  @Get()
  async list(): Promise<TeamListResponse> {
    return { items: await this.teams.list() };
  }
}
