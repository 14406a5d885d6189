import { Module } from '@nestjs/common';
import { IngestRepository } from '../ingest/ingest.repository.js';
import { ChatController } from './chat.controller.js';
import { ChatRepository } from './chat.repository.js';
import { ChatService } from './chat.service.js';

// IngestModule imports this module for ChatRepository (materialising after incidents and responders
// are written); this one uses IngestRepository only to record webhook deliveries, so it provides its own.
@Module({ controllers: [ChatController], providers: [ChatService, ChatRepository, IngestRepository], exports: [ChatService, ChatRepository] })
export class ChatModule {}
