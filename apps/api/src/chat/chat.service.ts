import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { ChatIngestResponse, ChatWaitingResponse } from '@firewatch/shared';
import { IngestRepository } from '../ingest/ingest.repository.js';
import { ChatRepository, type ChatMessageInput, type WaitingRow } from './chat.repository.js';

/** What one request brings: messages to keep and messages deleted (by channel + ts). */
export interface ChatChanges {
  origin: 'events' | 'export';
  messages: readonly ChatMessageInput[];
  deletions?: ReadonlyArray<{ channelId: string; ts: string }>;
  /** An Events API delivery: applied at most once, recorded in the same transaction. */
  delivery?: { source: string; id: string };
}

/**
 * Chat messages as responder activity. Every message is kept (unique by channel + ts); those whose
 * channel an incident names and whose author a responder is become `message` activity at once, the
 * others wait and become activity in the transaction that brings their mapping (see IngestService).
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly repository: ChatRepository,
    private readonly ingestRepository: IngestRepository,
    private readonly logger: PinoLogger,
  ) {}

  /** Stores and deletes in one transaction (all or nothing), then materialises what became attributable. */
  async apply(changes: ChatChanges): Promise<ChatIngestResponse> {
    const q = this.repository.queryRunner();
    await q.connect();
    await q.startTransaction('READ COMMITTED');
    try {
      if (changes.delivery && !(await this.ingestRepository.recordDelivery(q, changes.delivery.source, changes.delivery.id))) {
        await q.rollbackTransaction();
        return { messages: 0, deleted: 0, activity: 0, duplicateDelivery: true };
      }
      const messages = await this.repository.insertMessages(q, changes.origin, changes.messages);
      let deleted = 0;
      for (const d of changes.deletions ?? []) deleted += await this.repository.deleteMessage(q, d.channelId, d.ts);
      const activity = await this.repository.materialise(q);
      await q.commitTransaction();
      this.logger.info({ origin: changes.origin, messages, deleted, activity }, 'chat messages applied');
      return { messages, deleted, activity };
    } catch (error) {
      if (q.isTransactionActive) await q.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await q.release();
    }
  }

  async waiting(): Promise<ChatWaitingResponse> {
    const [users, channels] = await Promise.all([this.repository.waitingByUser(), this.repository.waitingByChannel()]);
    const times = (r: WaitingRow) => ({ messages: r.messages, firstAt: new Date(r.firstAt).toISOString(), lastAt: new Date(r.lastAt).toISOString() });
    return {
      messages: users.reduce((sum, r) => sum + r.messages, 0),
      users: users.map((r) => ({ chatUserId: r.id, ...times(r), responder: r.mappedTo })),
      channels: channels.map((r) => ({ chatChannelId: r.id, ...times(r), incident: r.mappedTo })),
    };
  }
}
