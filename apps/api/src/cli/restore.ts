import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PoolClient } from 'pg';
import { restoreDatabase, RestoreRefusedError } from '../backup/restore.js';
import { runCli, UsageError } from './cli.js';

const USAGE = `usage: npm run restore -- FILE [--force]
  Loads a backup made by npm run backup into the database (DATABASE_URL, or the embedded one), which
  must be empty and at the same schema version. --force first deletes everything in it (tokens too).`;

await runCli('restore', async ({ dataSource }) => {
  let file: string;
  let force: boolean;
  try {
    const { positionals, values } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { force: { type: 'boolean' } } });
    if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'FILE is required' : `unexpected argument ${positionals[1]}`);
    file = resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);
    force = values.force ?? false;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    const result = await restoreDatabase(client, file, {
      force,
      onTable: (table, rows) => process.stdout.write(`  ${table.padEnd(22)} ${rows.toLocaleString('en-US').padStart(12)} rows\n`),
    });
    const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
    const replaced = result.replaced.length > 0 ? ` (replacing the data that was in ${result.replaced.join(', ')})` : '';
    process.stdout.write(`Restored ${Object.keys(result.rows).length} tables, ${total.toLocaleString('en-US')} rows, from ${file}${replaced}.\n`);
  } catch (error) {
    // A refusal changed nothing and is the user's to act on: one line, exit 2.
    if (error instanceof RestoreRefusedError) throw new UsageError(error.message);
    throw error;
  } finally {
    await runner.release();
  }
});
