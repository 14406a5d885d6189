import { Module } from '@nestjs/common';
import { ChatModule } from '../chat/chat.module.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

@Module({ imports: [IngestModule, ChatModule], controllers: [WebhooksController], providers: [WebhooksService] })
export class WebhooksModule {}
