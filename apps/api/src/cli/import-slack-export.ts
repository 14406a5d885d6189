import { readFile } from 'node:fs/promises';
import { PinoLogger } from 'nestjs-pino';
import { ChatRepository } from '../chat/chat.repository.js';
import { ChatService } from '../chat/chat.service.js';
import { readSlackExport } from '../chat/read-slack-export.js';
import { IngestRepository } from '../ingest/ingest.repository.js';
import { runCli, UsageError } from './cli.js';

const USAGE = 'usage: npm run import:slack-export -- <export.zip>';

/**
 * Imports the messages of a Slack workspace export as chat messages: the whole zip is read and checked
 * first (a malformed file is named with its line), then written in one transaction; messages already
 * stored (from the Events API or an earlier import) are kept as they are.
 */
await runCli('import:slack-export', async ({ dataSource, logger }) => {
  const [file, extra] = process.argv.slice(2);
  if (!file || extra !== undefined) throw new UsageError(USAGE);
  let zip: Buffer;
  try {
    zip = await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const exported = readSlackExport(zip);
  const chat = new ChatService(new ChatRepository(dataSource), new IngestRepository(dataSource), new PinoLogger({ pinoHttp: { logger } }));
  const result = await chat.apply({ origin: 'export', messages: exported.messages });
  process.stdout.write(
    `${file}: ${exported.files} daily files, ${exported.messages.length} people's messages (${exported.ignored} from bots or about joins and leaves skipped); ` +
      `${result.messages} new, ${result.activity} became activity.\n`,
  );
});
