import { chatIdSchema } from '@firewatch/shared';
import { z } from 'zod';

/*
 * Slack Events API requests and the message objects of Slack (Events API `message` events and the
 * daily files of a workspace export share the message shape), as far as Firewatch reads them.
 * Objects are loose: Slack adds fields (blocks, files, reactions, …) freely.
 * https://api.slack.com/apis/connections/events-api, https://api.slack.com/events/message,
 * https://slack.com/help/articles/220556107-How-to-read-Slack-data-exports
 */

/** A message timestamp, `1355517523.000005`: seconds and microseconds; also the message's id in its channel. */
export const slackTsSchema = z.string().regex(/^\d{1,12}\.\d{1,6}$/, 'must be a Slack timestamp such as 1355517523.000005');

export const slackEnvelopeSchema = z.looseObject({
  type: z.string().min(1, 'must not be empty'),
});

export const slackUrlVerificationSchema = z.looseObject({
  type: z.literal('url_verification'),
  challenge: z.string().min(1, 'must not be empty').max(500),
});

export const slackEventCallbackSchema = z.looseObject({
  type: z.literal('event_callback'),
  team_id: chatIdSchema.optional(),
  event_id: z.string().regex(/^[A-Za-z0-9]{1,100}$/, 'must be a Slack event id such as Ev08MFMKH6'),
  event_time: z.number().int(),
  event: z.looseObject({ type: z.string().min(1, 'must not be empty') }),
});

/** A `message` event or a message of an export file; `channel` is absent in export files (the folder names it). */
export const slackMessageSchema = z.looseObject({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: chatIdSchema.optional(),
  user: chatIdSchema.optional(),
  bot_id: z.string().nullish(),
  ts: slackTsSchema.optional(),
  thread_ts: slackTsSchema.optional(),
  /** `message_deleted`: the ts of the message deleted. */
  deleted_ts: slackTsSchema.optional(),
  team: chatIdSchema.optional(),
});
export type SlackMessage = z.infer<typeof slackMessageSchema>;
