import { Body, Controller, Get, Put } from '@nestjs/common';
import type { Settings } from '@firewatch/shared';
import { Access } from '../auth/access.decorator.js';
import { SettingsService } from './settings.service.js';

@Controller('api/v1/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  /** The organisation settings of SPEC §1 that every metric reads. */
  @Get()
  @Access('read')
  get(): Promise<Settings> {
    return this.settings.get();
  }

  /**
   * Changes the fields given and keeps the others; answers the settings as they now are. Needs an
   * ingest token: settings change every figure, like data does.
   */
  @Put()
  @Access('ingest')
  update(@Body() body: unknown): Promise<Settings> {
    return this.settings.update(body);
  }
}
