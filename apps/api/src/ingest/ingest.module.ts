import { Module } from '@nestjs/common';
import { ChatModule } from '../chat/chat.module.js';
import { IngestController } from './ingest.controller.js';
import { IngestRepository } from './ingest.repository.js';
import { IngestService } from './ingest.service.js';

@Module({ imports: [ChatModule], controllers: [IngestController], providers: [IngestService, IngestRepository], exports: [IngestService] })
export class IngestModule {}
