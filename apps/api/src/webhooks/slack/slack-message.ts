import type { ChatMessageInput } from '../../chat/chat.repository.js';
import type { SlackMessage } from './slack-payload.js';

/*
 * Which Slack messages are a responder's activity, for the Events API and the export alike:
 * - a person's message: no subtype, or `thread_broadcast` (a thread reply also sent to the channel),
 *   `file_share` or `me_message` (/me). Thread replies are messages with a `thread_ts` and count like
 *   any other message of the channel.
 * - not activity: anything from a bot or an app (`bot_message`, or any message with a `bot_id`),
 *   joins and leaves (`channel_join`, `channel_leave`, `group_join`, `group_leave`) and the other
 *   channel notices (`channel_topic`, `channel_purpose`, `channel_name`, `pinned_item`, …): Slack
 *   writes them, nobody worked.
 * - `message_changed`: an edit; the message was written when it was first posted, so the time worked
 *   does not change and the edit is ignored.
 * - `message_deleted` removes the message and the activity it became (mapped by the callers).
 */

const PERSON_SUBTYPES = new Set(['thread_broadcast', 'file_share', 'me_message']);

export type SlackMessageReading = { kind: 'message'; message: ChatMessageInput } | { kind: 'ignored'; reason: string };

/** The chat message a Slack message is, or why it is not a person's activity. */
export function readSlackMessage(message: SlackMessage, channelId: string, workspaceId: string | null): SlackMessageReading {
  if (message.subtype !== undefined && !PERSON_SUBTYPES.has(message.subtype)) {
    return { kind: 'ignored', reason: `message subtype ${message.subtype} is not a person's message` };
  }
  if (message.bot_id) return { kind: 'ignored', reason: 'message from a bot or an app' };
  if (!message.user) return { kind: 'ignored', reason: 'message without a user' };
  if (!message.ts) return { kind: 'ignored', reason: 'message without a ts' };
  return {
    kind: 'message',
    message: {
      workspaceId: message.team ?? workspaceId,
      channelId,
      ts: message.ts,
      userId: message.user,
      at: slackTsToInstant(message.ts),
      threadTs: message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : null,
    },
  };
}

/** `1355517523.000005` → `2012-12-14T20:38:43.000Z` (to the millisecond; the digits are read, not floated). */
export function slackTsToInstant(ts: string): string {
  const [seconds, fraction = ''] = ts.split('.');
  const ms = Number(seconds) * 1000 + Math.floor(Number(fraction.padEnd(6, '0').slice(0, 6)) / 1000);
  return new Date(ms).toISOString();
}
