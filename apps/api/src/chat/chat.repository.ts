import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';

/** A chat message as the chat tool reports it (see `chat-message.entity.ts`). */
export interface ChatMessageInput {
  workspaceId: string | null;
  channelId: string;
  ts: string;
  userId: string;
  /** UTC instant, ISO 8601. */
  at: string;
  threadTs: string | null;
}

/** The source and external id of the activity a chat message becomes. */
export const CHAT_ACTIVITY_SOURCE = 'slack';

/** Waiting messages counted per chat user or per channel. */
export interface WaitingRow {
  id: string;
  messages: number;
  /** External id of the responder with this chat user id (for a channel: of an incident naming it), if any. */
  mappedTo: string | null;
  firstAt: Date;
  lastAt: Date;
}

/**
 * The incident a message in a channel belongs to when several incidents name that channel (a channel
 * reused for successive incidents): the latest declared at or before the message; for a message
 * older than all of them, the earliest declared. Ties by id, so the choice is stable.
 */
const INCIDENT_OF_MESSAGE = `
  SELECT i.id FROM incidents i
   WHERE i.chat_channel_id = m.channel_id
   ORDER BY (i.declared_at <= m.at) DESC,
            CASE WHEN i.declared_at <= m.at THEN i.declared_at END DESC,
            i.declared_at, i.id
   LIMIT 1`;

/** The responder who wrote a message: the first stored with that chat user id (the same person from two sources). */
const RESPONDER_OF_MESSAGE = `SELECT r.id FROM responders r WHERE r.chat_user_id = m.user_id ORDER BY r.id LIMIT 1`;

/** The SQL of chat messages: storing them, turning them into activity, and what is still waiting. */
@Injectable()
export class ChatRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  queryRunner(): QueryRunner {
    return this.dataSource.createQueryRunner();
  }

  /**
   * Inserts messages not stored yet (by channel + ts, in that order so concurrent writers lock alike);
   * a message already stored is left as it is. Answers how many were new.
   */
  async insertMessages(q: QueryRunner, origin: string, messages: readonly ChatMessageInput[]): Promise<number> {
    if (messages.length === 0) return 0;
    const sorted = [...messages].sort((a, b) => (a.channelId + a.ts < b.channelId + b.ts ? -1 : 1));
    const column = <K extends keyof ChatMessageInput>(key: K) => sorted.map((m) => m[key]);
    const [result]: Array<{ count: number }> = await q.query(
      `WITH inserted AS (
         INSERT INTO chat_messages (workspace_id, channel_id, ts, user_id, at, thread_ts, origin)
         SELECT w, c, t, u, a, th, $7 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS x(w, c, t, u, a, th)
         ON CONFLICT (channel_id, ts) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS count FROM inserted`,
      [column('workspaceId'), column('channelId'), column('ts'), column('userId'), column('at'), column('threadTs'), origin],
    );
    return result!.count;
  }

  /** Forgets a deleted message and removes the activity it became: Slack no longer shows it, so the workload does not either. */
  async deleteMessage(q: QueryRunner, channelId: string, ts: string): Promise<number> {
    // One statement whose outer command is a SELECT, so the driver answers rows (not [rows, count]).
    const [result]: Array<{ count: number }> = await q.query(
      `WITH gone AS (DELETE FROM chat_messages WHERE channel_id = $1 AND ts = $2 RETURNING activity_id),
            unworked AS (DELETE FROM activity WHERE id IN (SELECT activity_id FROM gone))
       SELECT count(*)::int AS count FROM gone`,
      [channelId, ts],
    );
    return result!.count;
  }

  /**
   * Turns every waiting message whose channel names an incident and whose author is a responder into a
   * `message` activity (source `slack`, external id `<channel>-<ts>`), in one statement. The activity
   * insert fires the workload triggers like any other. Answers how many activities were written.
   */
  async materialise(q: QueryRunner): Promise<number> {
    const [result]: Array<{ count: number }> = await q.query(
      `WITH ready AS MATERIALIZED (
         SELECT m.id AS message_id, m.channel_id || '-' || m.ts AS external_id, m.at, r.id AS responder_id, i.id AS incident_id
           FROM chat_messages m
           CROSS JOIN LATERAL (${RESPONDER_OF_MESSAGE}) r
           CROSS JOIN LATERAL (${INCIDENT_OF_MESSAGE}) i
          WHERE m.activity_id IS NULL
       ), written AS (
         INSERT INTO activity (source, external_id, responder_id, incident_id, at, kind)
         SELECT $1, external_id, responder_id, incident_id, at, 'message' FROM ready ORDER BY external_id
         ON CONFLICT (source, external_id) DO UPDATE
           SET responder_id = EXCLUDED.responder_id, incident_id = EXCLUDED.incident_id, at = EXCLUDED.at, kind = EXCLUDED.kind, end_at = NULL
         RETURNING id, external_id
       ), linked AS (
         UPDATE chat_messages m SET activity_id = written.id
           FROM ready JOIN written USING (external_id)
          WHERE m.id = ready.message_id
         RETURNING 1
       )
       SELECT count(*)::int AS count FROM linked`,
      [CHAT_ACTIVITY_SOURCE],
    );
    return result!.count;
  }

  /** Waiting messages per author; `mappedTo` set = the author is known, so the channel is what is missing. */
  async waitingByUser(): Promise<WaitingRow[]> {
    return this.dataSource.query(
      `SELECT m.user_id AS id, count(*)::int AS messages, min(m.at) AS "firstAt", max(m.at) AS "lastAt",
              (SELECT r.external_id FROM responders r WHERE r.chat_user_id = m.user_id ORDER BY r.id LIMIT 1) AS "mappedTo"
         FROM chat_messages m WHERE m.activity_id IS NULL
        GROUP BY m.user_id ORDER BY messages DESC, id`,
    );
  }

  /** Waiting messages per channel; `mappedTo` set = an incident names it, so the author is what is missing. */
  async waitingByChannel(): Promise<WaitingRow[]> {
    return this.dataSource.query(
      `SELECT m.channel_id AS id, count(*)::int AS messages, min(m.at) AS "firstAt", max(m.at) AS "lastAt",
              (SELECT i.external_id FROM incidents i WHERE i.chat_channel_id = m.channel_id ORDER BY i.declared_at, i.id LIMIT 1) AS "mappedTo"
         FROM chat_messages m WHERE m.activity_id IS NULL
        GROUP BY m.channel_id ORDER BY messages DESC, id`,
    );
  }
}
