import { z } from 'zod';

const count = z.number().int().min(0);
const instant = z.string().describe('ISO 8601 instant (UTC).');

/** Answer of `POST /api/v1/webhooks/slack` for an event, and of the Slack export import. */
export const chatIngestResponseSchema = z.object({
  messages: count.describe('Chat messages stored that were not stored before.'),
  deleted: count.describe('Chat messages forgotten because they were deleted (their activity removed).'),
  activity: count.describe('Waiting messages that became `message` activity in this request.'),
  duplicateDelivery: z.boolean().optional().describe('The event was already processed (a Slack retry); nothing changed.'),
});
export type ChatIngestResponse = z.infer<typeof chatIngestResponseSchema>;

/** Answer of `POST /api/v1/webhooks/slack` to Slack's `url_verification` request. */
export const slackChallengeResponseSchema = z.object({ challenge: z.string() });

const waitingGroup = {
  messages: count.describe('Messages waiting.'),
  firstAt: instant.describe('Oldest waiting message.'),
  lastAt: instant.describe('Newest waiting message.'),
};

/**
 * `GET /api/v1/chat/waiting`: chat messages kept but not yet activity, because their author is not a
 * responder's `chatUserId` or their channel is not an incident's `chatChannelId` (or both).
 */
export const chatWaitingResponseSchema = z.object({
  messages: count.describe('Messages waiting in all.'),
  users: z
    .array(
      z.object({
        chatUserId: z.string(),
        ...waitingGroup,
        responder: z.string().nullable().describe('External id of the responder with this chatUserId; null = nobody has it yet.'),
      }),
    )
    .describe('Waiting messages per author, most first.'),
  channels: z
    .array(
      z.object({
        chatChannelId: z.string(),
        ...waitingGroup,
        incident: z.string().nullable().describe('External id of an incident naming this channel; null = no incident does yet.'),
      }),
    )
    .describe('Waiting messages per channel, most first.'),
});
export type ChatWaitingResponse = z.infer<typeof chatWaitingResponseSchema>;
