import { Module } from '@nestjs/common';
import { SettingsRepository } from '../settings/settings.repository.js';
import { AnnotationsController } from './annotations.controller.js';
import { AnnotationsRepository } from './annotations.repository.js';
import { AnnotationsService } from './annotations.service.js';

@Module({
  controllers: [AnnotationsController],
  // SettingsRepository for the organisation time zone (stateless: a second instance is harmless).
  providers: [AnnotationsRepository, AnnotationsService, SettingsRepository],
})
export class AnnotationsModule {}
