import { readFile } from 'node:fs/promises';
import { HttpException } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { INGEST_KINDS, type IngestKind, type Problem } from '@firewatch/shared';
import { CsvImportService } from '../csv/csv-import.service.js';
import { IngestService } from '../ingest/ingest.service.js';
import { runCli, UsageError } from './cli.js';

const USAGE = `usage: npm run import -- <kind> <file.csv>\n  kind: ${INGEST_KINDS.join(' | ')}`;

await runCli('import', async ({ dataSource, logger }) => {
  const [kind, file] = process.argv.slice(2);
  if (!kind || !file || !(INGEST_KINDS as string[]).includes(kind)) throw new UsageError(USAGE);
  let input: Buffer;
  try {
    input = await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const ingest = IngestService.standalone(dataSource, new PinoLogger({ pinoHttp: { logger } }));
  try {
    const result = await new CsvImportService(ingest).import(kind as IngestKind, input);
    process.stdout.write(`${file}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.\n`);
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    const body = error.getResponse() as { message?: string; details?: Problem[] };
    const lines = (body.details ?? []).map((p) => `  ${file}:${p.line ?? '?'}: ${p.path || '(row)'} ${p.message}`);
    throw new Error([body.message ?? error.message, ...lines].join('\n'));
  }
});
