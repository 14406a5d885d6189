import { Controller, Get } from '@nestjs/common';
import type { ChatWaitingResponse } from '@firewatch/shared';
import { Access } from '../auth/access.decorator.js';
import { ChatService } from './chat.service.js';

@Controller('api/v1/chat')
@Access('read')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  /** Chat messages kept but not yet activity, per author and per channel. */
  @Get('waiting')
  waiting(): Promise<ChatWaitingResponse> {
    return this.chat.waiting();
  }
}
