import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PoolClient } from 'pg';
import { backupDatabase } from '../backup/backup.js';
import { runCli, UsageError } from './cli.js';

const USAGE = `usage: npm run backup -- FILE
  Writes every table of the database (DATABASE_URL, or the embedded one) to FILE, a gzip archive
  that npm run restore loads. The server may keep running: the backup is one consistent snapshot.`;

await runCli('backup', async ({ dataSource }) => {
  let file: string;
  try {
    const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'FILE is required' : `unexpected argument ${positionals[1]}`);
    file = resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const runner = dataSource.createQueryRunner();
  // The CLI's own connection, as a pg client for COPY.
  const client = (await runner.connect()) as PoolClient;
  try {
    const result = await backupDatabase(client, file, (table, rows) =>
      process.stdout.write(`  ${table.padEnd(22)} ${rows.toLocaleString('en-US').padStart(12)} rows\n`),
    );
    const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `Backed up ${Object.keys(result.rows).length} tables, ${total.toLocaleString('en-US')} rows, to ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB).\n`,
    );
  } finally {
    await runner.release();
  }
});
