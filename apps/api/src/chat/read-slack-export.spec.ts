import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { jsonErrorLocation, readSlackExport, SlackExportError } from './read-slack-export.js';

// Shapes of a Slack workspace export (slack.com/help/articles/220556107): channel and user lists,
// and one array of messages per channel and day, the messages without `channel`.
const channels = [
  { id: 'C0INC42XYZ', name: 'inc-42-checkout-down', created: 1767261600, creator: 'U0KIMAAAAA', is_archived: false, is_general: false, members: ['U0KIMAAAAA', 'U0LEEBBBBB'], topic: { value: '', creator: '', last_set: 0 }, purpose: { value: 'Incident 42', creator: 'U0KIMAAAAA', last_set: 1767261600 } },
  { id: 'C0GENERAL1', name: 'general', created: 1767261600, creator: 'U0KIMAAAAA', is_archived: false, is_general: true, members: [] },
];
const users = [
  { id: 'U0KIMAAAAA', team_id: 'T0FIREWTCH', name: 'kim', real_name: 'Kim Park', deleted: false, is_bot: false, profile: { real_name: 'Kim Park', display_name: 'kim', email: 'kim@example.com' } },
  { id: 'U0LEEBBBBB', team_id: 'T0FIREWTCH', name: 'lee', real_name: 'Lee Chan', deleted: false, is_bot: false, profile: { real_name: 'Lee Chan', display_name: 'lee', email: 'lee@example.com' } },
];
const day = [
  { type: 'message', subtype: 'channel_join', ts: '1767261600.000100', user: 'U0LEEBBBBB', text: '<@U0LEEBBBBB> has joined the channel' },
  { type: 'message', user: 'U0KIMAAAAA', text: 'Checkout is failing', ts: '1767261660.000200', team: 'T0FIREWTCH', client_msg_id: 'a1b2c3d4-0000-4000-8000-000000000001' },
  { type: 'message', user: 'U0LEEBBBBB', text: 'Looking', ts: '1767261720.000300', thread_ts: '1767261660.000200', parent_user_id: 'U0KIMAAAAA', team: 'T0FIREWTCH' },
  { type: 'message', subtype: 'bot_message', bot_id: 'B0PAGERBOT', username: 'pager', text: 'Alert fired', ts: '1767261730.000400' },
];
const json = (value: unknown) => strToU8(JSON.stringify(value, null, 2));
const exportZip = (files: Record<string, Uint8Array>) =>
  zipSync({ 'channels.json': json(channels), 'users.json': json(users), 'inc-42-checkout-down/2026-01-01.json': json(day), ...files });

describe('readSlackExport', () => {
  it("reads people's messages of every listed channel, thread replies included, bots and joins not", () => {
    const result = readSlackExport(exportZip({ 'general/2026-01-01.json': json([{ type: 'message', user: 'U0KIMAAAAA', text: 'lunch?', ts: '1767270000.000100' }]) }));
    expect(result.files).toBe(2);
    expect(result.ignored).toBe(2); // the channel_join and the bot_message
    expect(result.messages).toEqual([
      { workspaceId: null, channelId: 'C0GENERAL1', ts: '1767270000.000100', userId: 'U0KIMAAAAA', at: '2026-01-01T12:20:00.000Z', threadTs: null },
      { workspaceId: 'T0FIREWTCH', channelId: 'C0INC42XYZ', ts: '1767261660.000200', userId: 'U0KIMAAAAA', at: '2026-01-01T10:01:00.000Z', threadTs: null },
      { workspaceId: 'T0FIREWTCH', channelId: 'C0INC42XYZ', ts: '1767261720.000300', userId: 'U0LEEBBBBB', at: '2026-01-01T10:02:00.000Z', threadTs: '1767261660.000200' },
    ]);
  });

  it('finds the export inside a top-level folder and skips direct messages and unlisted folders', () => {
    const inner = zipSync({
      'Firewatch Slack export Jan 1 2026/channels.json': json(channels),
      'Firewatch Slack export Jan 1 2026/inc-42-checkout-down/2026-01-01.json': json(day),
      'Firewatch Slack export Jan 1 2026/dms.json': json([{ id: 'D0DM000001', members: ['U0KIMAAAAA', 'U0LEEBBBBB'] }]),
      'Firewatch Slack export Jan 1 2026/D0DM000001/2026-01-01.json': json([{ type: 'message', user: 'U0KIMAAAAA', text: 'psst', ts: '1767261800.000100' }]),
    });
    expect(readSlackExport(inner).messages.map((m) => m.ts)).toEqual(['1767261660.000200', '1767261720.000300']);
  });

  it('refuses a malformed JSON file naming the file, line and column, with every other problem', () => {
    // Line 3 lacks the comma after "ts": the parser stops at the next property name on line 4.
    const broken = strToU8('[\n  { "type": "message", "user": "U0KIMAAAAA",\n    "ts": "1767261900.000100"\n    "text": "oops" }\n]\n');
    const badShape = json([{ type: 'message', user: 'kim', ts: '1767262000.000100' }]);
    let error: unknown;
    try {
      readSlackExport(exportZip({ 'inc-42-checkout-down/2026-01-02.json': broken, 'inc-42-checkout-down/2026-01-03.json': badShape }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SlackExportError);
    expect((error as SlackExportError).problems).toEqual([
      { file: 'inc-42-checkout-down/2026-01-02.json', line: 4, column: 5, message: "Expected ',' or '}' after property value" },
      { file: 'inc-42-checkout-down/2026-01-03.json', message: '[0] user must be a chat id such as C024BE91L or U024BE7LH (upper-case letters and digits)' },
    ]);
    expect((error as Error).message).toContain('inc-42-checkout-down/2026-01-02.json:4:5: Expected');
  });

  it('refuses a zip without channels.json, a day file that is not an array, and a file that is not a zip', () => {
    expect(() => readSlackExport(zipSync({ 'users.json': json(users) }))).toThrow('channels.json: is missing: this is not a Slack workspace export');
    expect(() => readSlackExport(exportZip({ 'general/2026-01-01.json': json({ messages: [] }) }))).toThrow('general/2026-01-01.json:1:1: must be a JSON array of messages');
    expect(() => readSlackExport(strToU8('not a zip'))).toThrow('(zip): not a readable zip archive');
  });
});

describe('jsonErrorLocation', () => {
  it.each([
    ['position form (Node 20)', '{\n  "a": 1,\n}', "Expected double-quoted property name in JSON at position 12", 3, 1],
    ['line and column form (newer V8)', '{}', "Expected double-quoted property name in JSON at position 12 (line 3 column 1)", 3, 1],
    ['end of input', '[1,\n2', 'Unexpected end of JSON input', 2, 2],
  ])('%s', (_name, text, message, line, column) => {
    expect(jsonErrorLocation(text, message)).toMatchObject({ line, column });
  });
});
