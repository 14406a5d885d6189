import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import {
  appliedMigrations,
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  END_OF_TABLE,
  quoteIdent,
  tablesInDependencyOrder,
  type ArchiveHeader,
  type ArchiveTrailer,
} from './backup-tables.js';

/**
 * The archive, once gunzipped, is plain text:
 *
 *     {header JSON: format, version, migrations, tables with their columns}\n
 *     rows of the first table in COPY text format\n
 *     \.\n
 *     … one such section per table, in the header's order …
 *     {trailer JSON: row count of every table}\n
 *
 * Portable: any PostgreSQL of the same schema can load it with `COPY … FROM STDIN`, no `pg_dump`.
 */

export interface BackupResult {
  file: string;
  bytes: number;
  rows: Record<string, number>;
  migrations: string[];
}

/** Counts the rows of COPY text output as it passes (every row ends with a newline; data newlines are escaped). */
class RowCounter extends Transform {
  rows = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.rows++;
    done(null, chunk);
  }
}

/**
 * Writes every table of the database to `file` (gzip), from one consistent snapshot: a transaction
 * `REPEATABLE READ READ ONLY`, so writes that commit meanwhile are either wholly in or wholly out.
 * The archive is written to `file.partial` and renamed when complete, so `file` is never half-written.
 */
export async function backupDatabase(client: pg.ClientBase, file: string, onTable?: (table: string, rows: number) => void): Promise<BackupResult> {
  const partial = `${file}.partial`;
  const text = new PassThrough();
  const written = pipeline(text, createGzip(), createWriteStream(partial, { mode: 0o600 }));
  // Surfaced by `await written` below; without a handler an early write error would be unhandled.
  written.catch(() => undefined);
  const write = async (chunk: string | Buffer) => {
    if (!text.write(chunk)) await new Promise((resolve) => text.once('drain', resolve));
  };
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query('SET LOCAL statement_timeout = 0');
    const migrations = await appliedMigrations(client);
    const tables = await tablesInDependencyOrder(client);
    const header: ArchiveHeader = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, createdAt: new Date().toISOString(), migrations, tables };
    await write(`${JSON.stringify(header)}\n`);
    const rows: Record<string, number> = {};
    for (const table of tables) {
      const counter = new RowCounter();
      const copy = client.query(copyTo(`COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(', ')}) TO STDOUT`));
      // Into the shared text stream without ending it.
      await pipeline(copy, counter, async function* (source: AsyncIterable<Buffer>) {
        // Bytes as they come: a chunk may end inside a multi-byte character.
        for await (const chunk of source) await write(chunk);
        yield* [];
      });
      await write(`${END_OF_TABLE}\n`);
      rows[table.name] = counter.rows;
      onTable?.(table.name, counter.rows);
    }
    const trailer: ArchiveTrailer = { end: true, rows };
    await write(`${JSON.stringify(trailer)}\n`);
    await client.query('COMMIT');
    text.end();
    await written;
    await rename(partial, file);
    return { file, bytes: (await stat(file)).size, rows, migrations };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    text.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}
