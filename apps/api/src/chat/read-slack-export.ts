import { unzipSync } from 'fflate';
import { z } from 'zod';
import { chatIdSchema } from '@firewatch/shared';
import { readSlackMessage } from '../webhooks/slack/slack-message.js';
import { slackMessageSchema } from '../webhooks/slack/slack-payload.js';
import type { ChatMessageInput } from './chat.repository.js';

/*
 * A Slack workspace export (the zip an admin downloads from Settings → Import/Export Data):
 * `channels.json` (public channels: `id`, `name`, …), `groups.json` in exports that include private
 * channels, `users.json`, and one folder per channel, named after the channel, holding one
 * `YYYY-MM-DD.json` per day: an array of message objects as the Events API sends them, without
 * `channel`. Direct messages (`dms.json`, `mpims.json` and their folders) are not incident channels
 * and are skipped, as are folders no channel list names.
 * https://slack.com/help/articles/220556107-How-to-read-Slack-data-exports
 */

/** One problem of an export: the file, and where in it when known (line and column 1-based, or the item). */
export interface SlackExportProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export class SlackExportError extends Error {
  constructor(readonly problems: SlackExportProblem[]) {
    super(`${problems.length} problem(s) in the Slack export; nothing was written.\n${problems.map(formatProblem).join('\n')}`);
  }
}

export function formatProblem(p: SlackExportProblem): string {
  const at = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  return `  ${at}: ${p.message}`;
}

export interface SlackExport {
  messages: ChatMessageInput[];
  /** Messages that are not a person's (bots, joins, leaves, channel notices). */
  ignored: number;
  /** Daily files read. */
  files: number;
}

const channelListSchema = z.array(z.looseObject({ id: chatIdSchema, name: z.string().min(1, 'must not be empty') }));
const userListSchema = z.array(z.looseObject({ id: chatIdSchema }));
const dayFileName = /^(.+)\/(\d{4}-\d{2}-\d{2})\.json$/;

/**
 * Reads and checks a whole export before anything is written: every JSON file must parse (a syntax
 * error is named by file, line and column) and every message must have Slack's documented shape (by
 * file and item). Throws a SlackExportError listing every problem; otherwise answers the messages.
 */
export function readSlackExport(zip: Uint8Array): SlackExport {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    throw new SlackExportError([{ file: '(zip)', message: `not a readable zip archive (${(error as Error).message})` }]);
  }
  // Some tools zip the export inside a folder; the folder holding channels.json is the root.
  const channelsPath = Object.keys(entries).find((p) => /(^|\/)channels\.json$/.test(p) && !p.startsWith('__MACOSX/'));
  if (channelsPath === undefined) throw new SlackExportError([{ file: 'channels.json', message: 'is missing: this is not a Slack workspace export' }]);
  const root = channelsPath.slice(0, -'channels.json'.length);
  const files = new Map(
    Object.entries(entries)
      .filter(([p]) => p.startsWith(root) && !p.endsWith('/'))
      .map(([p, bytes]) => [p.slice(root.length), bytes] as const),
  );

  const problems: SlackExportProblem[] = [];
  const read = <T>(file: string, schema: z.ZodType<T>): T | undefined => {
    const json = parseJsonFile(file, files.get(file)!, problems);
    if (json === undefined) return undefined;
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    problems.push(...parsed.error.issues.map((i) => ({ file, message: `${issueAt(i.path)}${i.message}` })));
    return undefined;
  };

  const channelIdByName = new Map<string, string>();
  for (const list of ['channels.json', 'groups.json']) {
    if (!files.has(list)) continue;
    for (const channel of read(list, channelListSchema) ?? []) channelIdByName.set(channel.name, channel.id);
  }
  if (files.has('users.json')) read('users.json', userListSchema);

  const messages: ChatMessageInput[] = [];
  let ignored = 0;
  let dayFiles = 0;
  for (const [file, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const day = dayFileName.exec(file);
    const channelId = day && channelIdByName.get(day[1]!);
    if (!channelId) continue;
    dayFiles++;
    const json = parseJsonFile(file, bytes, problems);
    if (json === undefined) continue;
    if (!Array.isArray(json)) {
      problems.push({ file, line: 1, column: 1, message: 'must be a JSON array of messages' });
      continue;
    }
    json.forEach((item, index) => {
      if (typeof item !== 'object' || item === null || (item as { type?: unknown }).type !== 'message') {
        problems.push({ file, message: `[${index}] must be a message object ("type": "message")` });
        return;
      }
      const parsed = slackMessageSchema.safeParse(item);
      if (!parsed.success) {
        problems.push(...parsed.error.issues.map((i) => ({ file, message: `[${index}] ${issueAt(i.path)}${i.message}` })));
        return;
      }
      const reading = readSlackMessage(parsed.data, channelId, null);
      if (reading.kind === 'message') messages.push(reading.message);
      else ignored++;
    });
  }
  if (problems.length > 0) throw new SlackExportError(problems);
  return { messages, ignored, files: dayFiles };
}

const issueAt = (path: ReadonlyArray<PropertyKey>): string => (path.length > 0 ? `${path.map(String).join('.')} ` : '');

/** Parses a file of the export as UTF-8 JSON; a syntax error is recorded with its line and column. */
function parseJsonFile(file: string, bytes: Uint8Array, problems: SlackExportProblem[]): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    problems.push({ file, message: 'is not UTF-8 text' });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.push({ file, ...jsonErrorLocation(text, (error as Error).message) });
    return undefined;
  }
}

/**
 * Where V8's JSON.parse error is: its message says `at position N` (Node 20) or `(line L column C)`
 * (newer V8); the end of input is the end of the text. The message itself is kept without that part.
 */
export function jsonErrorLocation(text: string, message: string): { line: number; column: number; message: string } {
  const cleaned = message.replace(/\s*(in JSON )?at position \d+.*$|\s*\(line \d+ column \d+\)$/, '').replace(/\s*in JSON$/, '');
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]), message: cleaned };
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n'), message: cleaned };
}
