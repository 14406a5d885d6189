import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

@Module({ imports: [IngestModule], controllers: [WebhooksController], providers: [WebhooksService] })
export class WebhooksModule {}
