import type { ChatMessageInput } from '../../chat/chat.repository.js';
import { zodProblems, type WebhookIgnored, type WebhookInvalid } from '../webhook-mapping.js';
import { readSlackMessage } from './slack-message.js';
import { slackEnvelopeSchema, slackEventCallbackSchema, slackMessageSchema, slackUrlVerificationSchema } from './slack-payload.js';

/*
 * Slack Events API requests → chat messages (see slack-message.ts for which messages count).
 * - `url_verification`: answered with its `challenge` when the Request URL is saved in the app settings.
 * - `event_callback` with a `message` event (subscriptions `message.channels`, `message.groups`):
 *   the message, keyed by channel + ts; `event_id` identifies the delivery, so Slack's retries
 *   (`X-Slack-Retry-Num`) are applied once. `message_deleted` → forget `deleted_ts` in that channel.
 * - Other request and event types are ignored.
 */

export type SlackEventMapResult =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'message'; eventId: string; message: ChatMessageInput }
  | { kind: 'deleted'; eventId: string; channelId: string; ts: string }
  | WebhookIgnored
  | WebhookInvalid;

/** Maps one Slack Events API request body (parsed JSON). Pure; never throws. */
export function mapSlackEvent(payload: unknown): SlackEventMapResult {
  const envelope = slackEnvelopeSchema.safeParse(payload);
  if (!envelope.success) return { kind: 'invalid', problems: zodProblems(envelope.error) };
  if (envelope.data.type === 'url_verification') {
    const verification = slackUrlVerificationSchema.safeParse(payload);
    if (!verification.success) return { kind: 'invalid', problems: zodProblems(verification.error) };
    return { kind: 'challenge', challenge: verification.data.challenge };
  }
  if (envelope.data.type !== 'event_callback') return { kind: 'ignored', reason: `request type ${envelope.data.type} is not mapped` };

  const callback = slackEventCallbackSchema.safeParse(payload);
  if (!callback.success) return { kind: 'invalid', problems: zodProblems(callback.error) };
  const { event_id: eventId, team_id: workspaceId, event } = callback.data;
  if (event.type !== 'message') return { kind: 'ignored', reason: `event type ${event.type} is not mapped` };

  const parsed = slackMessageSchema.safeParse(event);
  if (!parsed.success) return { kind: 'invalid', problems: zodProblems(parsed.error, ['event']) };
  const message = parsed.data;
  const channelRequired: WebhookInvalid = { kind: 'invalid', problems: [{ path: 'event.channel', message: 'is required' }] };
  if (message.subtype === 'message_deleted') {
    if (!message.channel) return channelRequired;
    if (!message.deleted_ts) return { kind: 'invalid', problems: [{ path: 'event.deleted_ts', message: 'is required' }] };
    return { kind: 'deleted', eventId, channelId: message.channel, ts: message.deleted_ts };
  }
  if (message.subtype === 'message_changed') return { kind: 'ignored', reason: 'an edit does not change when the message was written' };
  // Notices and bot messages are ignored whatever else they carry; a person's message needs its channel.
  const reading = readSlackMessage(message, message.channel ?? '', workspaceId ?? null);
  if (reading.kind === 'ignored') return reading;
  if (!message.channel) return channelRequired;
  return { kind: 'message', eventId, message: reading.message };
}
