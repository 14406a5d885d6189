import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import { copyLinesIn } from '../database/copy-in.js';
import { dropSecondaryIndexes } from '../demo/load-demo.js';
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

/** The archive cannot be restored here; nothing was changed. The message says why. */
export class RestoreRefusedError extends Error {}

/** A migrated database holds this row before any data arrives; its presence does not make it "in use". */
const PRESEEDED_TABLES = new Set(['settings']);

export interface RestoreResult {
  rows: Record<string, number>;
  /** Tables that held rows before and were emptied (only with `force`). */
  replaced: string[];
}

/** Reads the archive line by line; lines of COPY text contain no raw line breaks (COPY escapes them). */
function archiveLines(file: string): { next(what: string): Promise<string>; close(): void } {
  const gunzip = createGunzip();
  const input = createReadStream(file);
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const rl = createInterface({ input: gunzip, crlfDelay: Infinity });
  const iterator = rl[Symbol.asyncIterator]();
  return {
    async next(what: string) {
      let result: IteratorResult<string>;
      try {
        result = await iterator.next();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new RestoreRefusedError(`cannot read ${file}: ${(error as Error).message}`);
        throw new RestoreRefusedError(`${file} is not a complete Firewatch backup (${(error as Error).message})`);
      }
      if (result.done) throw new RestoreRefusedError(`${file} ends early, in ${what}: the archive is incomplete`);
      return result.value;
    },
    close() {
      rl.close();
      input.destroy();
      gunzip.destroy();
    },
  };
}

function parseJsonLine<T>(line: string, file: string, what: string): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new RestoreRefusedError(`${file} is not a Firewatch backup (its ${what} is not JSON)`);
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Loads an archive of `backupDatabase` into this database, in one transaction: on any error nothing
 * changes. The database must have the archive's schema (the same migrations applied) and hold no data,
 * unless `force`, which empties every table first. Triggers that derive data (the workload queue) are
 * off while loading, since the archive holds the derived tables as they were; identity sequences
 * continue after the restored ids.
 */
export async function restoreDatabase(
  client: pg.ClientBase,
  file: string,
  options: { force?: boolean; onTable?: (table: string, rows: number) => void } = {},
): Promise<RestoreResult> {
  const lines = archiveLines(file);
  try {
    const header = parseJsonLine<ArchiveHeader>(await lines.next('the header'), file, 'first line');
    if (header?.format !== ARCHIVE_FORMAT) throw new RestoreRefusedError(`${file} is not a Firewatch backup`);
    if (header.version !== ARCHIVE_VERSION) throw new RestoreRefusedError(`${file} is a backup of format version ${header.version}; this Firewatch reads version ${ARCHIVE_VERSION}`);

    await client.query('BEGIN');
    try {
      await client.query('SET LOCAL statement_timeout = 0');
      await checkSchema(client, header);
      const tables = header.tables.map((t) => quoteIdent(t.name));
      // Writers wait until the restore commits; the check below cannot be raced.
      await client.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      const inUse = await tablesWithRows(client, header.tables.map((t) => t.name).filter((t) => !PRESEEDED_TABLES.has(t)));
      if (inUse.length > 0 && !options.force) {
        throw new RestoreRefusedError(`the database is not empty (rows in ${inUse.join(', ')}); restore into an empty database, or pass --force to replace everything in it`);
      }
      await client.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY`);
      for (const table of tables) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);

      const rows: Record<string, number> = {};
      for (const table of header.tables) {
        // Every table is empty here: load it without its secondary indexes and checks, then rebuild
        // them once (several times faster than a lookup per row; a bad row still fails the rebuild).
        const rebuild = await dropSecondaryIndexes(client, quoteIdent(table.name));
        rows[table.name] = await copyTableIn(client, table.name, table.columns, lines);
        for (const statement of rebuild) await client.query(statement);
        options.onTable?.(table.name, rows[table.name]!);
      }
      const trailer = parseJsonLine<ArchiveTrailer>(await lines.next('the trailer'), file, 'last line');
      if (trailer?.end !== true) throw new RestoreRefusedError(`${file} is damaged: no trailer after the last table`);
      for (const table of header.tables) {
        if (trailer.rows[table.name] !== rows[table.name]) {
          throw new RestoreRefusedError(`${file} is damaged: ${table.name} has ${rows[table.name]} rows, the archive says ${trailer.rows[table.name]}`);
        }
      }

      for (const table of tables) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
      await resetSequences(client);
      await client.query(`ANALYZE ${tables.join(', ')}`);
      await client.query('COMMIT');
      return { rows, replaced: inUse };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    lines.close();
  }
}

/** The archive fits only a database at the same migration, with the same tables and columns. */
async function checkSchema(client: pg.ClientBase, header: ArchiveHeader): Promise<void> {
  const applied = await appliedMigrations(client);
  if (!sameList(applied, header.migrations)) {
    const missing = header.migrations.filter((m) => !applied.includes(m));
    const extra = applied.filter((m) => !header.migrations.includes(m));
    throw new RestoreRefusedError(
      `the backup was made at a different schema version (${[
        missing.length ? `this database lacks ${missing.join(', ')}` : '',
        extra.length ? `this database also has ${extra.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ')}); restore with the Firewatch version that made it`,
    );
  }
  const here = new Map((await tablesInDependencyOrder(client)).map((t) => [t.name, t.columns]));
  for (const table of header.tables) {
    const columns = here.get(table.name);
    if (!columns) throw new RestoreRefusedError(`the database has no table ${table.name}, which the backup holds`);
    if (!sameList(columns, table.columns)) throw new RestoreRefusedError(`the columns of ${table.name} differ from the backup's`);
    here.delete(table.name);
  }
  if (here.size > 0) throw new RestoreRefusedError(`the backup lacks table(s) ${[...here.keys()].join(', ')} of this database`);
}

async function tablesWithRows(client: pg.ClientBase, tables: string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const { rows } = await client.query<{ name: string }>(
    tables.map((t, i) => `SELECT $${i + 1}::text AS name WHERE EXISTS (SELECT 1 FROM ${quoteIdent(t)})`).join(' UNION ALL '),
    tables,
  );
  return rows.map((r) => r.name);
}

/** Streams one table's section of the archive into `COPY … FROM STDIN`. */
async function copyTableIn(client: pg.ClientBase, table: string, columns: string[], lines: { next(what: string): Promise<string> }): Promise<number> {
  async function* section(): AsyncGenerator<string> {
    for (;;) {
      const line = await lines.next(`table ${table}`);
      if (line === END_OF_TABLE) return;
      yield `${line}\n`;
    }
  }
  return copyLinesIn(client, `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`, section());
}

/** Every identity sequence continues after the largest restored id (the next insert gets max + 1). */
async function resetSequences(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ table: string; column: string; sequence: string }>(
    `SELECT c.relname AS table, a.attname AS column, pg_get_serial_sequence(format('%I', c.relname), a.attname) AS sequence
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relkind = 'r' AND pg_get_serial_sequence(format('%I', c.relname), a.attname) IS NOT NULL`,
  );
  for (const r of rows) {
    await client.query(`SELECT setval($1, coalesce(max(${quoteIdent(r.column)}), 0) + 1, false) FROM ${quoteIdent(r.table)}`, [r.sequence]);
  }
}
