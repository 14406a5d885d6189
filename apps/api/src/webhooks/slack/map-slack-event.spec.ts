import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapSlackEvent } from './map-slack-event.js';
import { slackTsToInstant } from './slack-message.js';

const FIXTURES = new URL('../../../../../test/fixtures/slack/', import.meta.url);
const load = (file: string) => JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'));

describe('mapSlackEvent', () => {
  it('url_verification: answers the challenge', () => {
    expect(mapSlackEvent(load('url-verification.json'))).toEqual({ kind: 'challenge', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it("a person's message: channel, author, ts and the instant of the ts", () => {
    expect(mapSlackEvent(load('message.json'))).toEqual({
      kind: 'message',
      eventId: 'Ev08MFMKH6',
      message: {
        workspaceId: 'T123ABC456',
        channelId: 'C123ABC456',
        ts: '1355517523.000005',
        userId: 'U123ABC456',
        at: '2012-12-14T20:38:43.000Z', // 1355517523 s after the epoch; 5 µs drop below the millisecond
        threadTs: null,
      },
    });
  });

  it('a thread reply is a message of its channel, with the parent ts', () => {
    const result = mapSlackEvent(load('thread-reply.json'));
    expect(result).toMatchObject({
      kind: 'message',
      message: { channelId: 'C123ABC456', userId: 'U222BBB222', ts: '1355517643.000200', at: '2012-12-14T20:40:43.000Z', threadTs: '1355517523.000005' },
    });
  });

  it.each([
    ['bot-message.json', 'message subtype bot_message is not a person\'s message'],
    ['channel-join.json', 'message subtype channel_join is not a person\'s message'],
    ['channel-leave.json', 'message subtype channel_leave is not a person\'s message'],
    ['message-changed.json', 'an edit does not change when the message was written'],
  ])('%s is ignored', (file, reason) => {
    expect(mapSlackEvent(load(file))).toEqual({ kind: 'ignored', reason });
  });

  it('a message carrying a bot_id without a subtype (an app posting as itself) is ignored', () => {
    const payload = load('message.json');
    payload.event.bot_id = 'B0APPBOT01';
    expect(mapSlackEvent(payload)).toEqual({ kind: 'ignored', reason: 'message from a bot or an app' });
  });

  it('thread_broadcast (a reply also sent to the channel) is a message', () => {
    const payload = load('thread-reply.json');
    payload.event.subtype = 'thread_broadcast';
    expect(mapSlackEvent(payload)).toMatchObject({ kind: 'message', message: { userId: 'U222BBB222' } });
  });

  it('message_deleted names the channel and the ts deleted', () => {
    expect(mapSlackEvent(load('message-deleted.json'))).toEqual({ kind: 'deleted', eventId: 'Ev08MFMKHC', channelId: 'C123ABC456', ts: '1355517523.000005' });
  });

  it('other event and request types are ignored', () => {
    const payload = load('message.json');
    payload.event = { type: 'reaction_added', user: 'U123ABC456', reaction: 'thumbsup', event_ts: '1360782804.083113' };
    expect(mapSlackEvent(payload)).toEqual({ kind: 'ignored', reason: 'event type reaction_added is not mapped' });
    expect(mapSlackEvent({ type: 'app_rate_limited', team_id: 'T123ABC456', minute_rate_limited: 1518467820 })).toEqual({
      kind: 'ignored',
      reason: 'request type app_rate_limited is not mapped',
    });
  });

  it('a malformed message is invalid, every problem named by path', () => {
    expect(mapSlackEvent(load('malformed.json'))).toEqual({
      kind: 'invalid',
      problems: [
        { path: 'event.channel', message: 'must be a chat id such as C024BE91L or U024BE7LH (upper-case letters and digits)' },
        { path: 'event.ts', message: 'must be a Slack timestamp such as 1355517523.000005' },
      ],
    });
    expect(mapSlackEvent({ type: 'event_callback', event: { type: 'message' } })).toMatchObject({ kind: 'invalid' });
    expect(mapSlackEvent([])).toMatchObject({ kind: 'invalid' });
  });
});

describe('slackTsToInstant', () => {
  it.each([
    ['1355517523.000005', '2012-12-14T20:38:43.000Z'],
    ['1700000000.123456', '2023-11-14T22:13:20.123Z'], // 123456 µs → 123 ms
    ['1700000000.5', '2023-11-14T22:13:20.500Z'], // a short fraction is tenths: .5 s
  ])('%s → %s', (ts, instant) => {
    expect(slackTsToInstant(ts)).toBe(instant);
  });
});
