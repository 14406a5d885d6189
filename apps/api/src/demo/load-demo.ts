import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { copyLinesIn } from '../database/copy-in.js';
import type { DemoManifest } from './demo-manifest.js';
import { DEFAULT_DEMO_SEED, type DemoOptions } from './demo-plan.js';
import { isoDateOf } from './demo-time.js';
import { generateDemo, type DemoDataset, type DemoTable } from './generate-demo.js';

/**
 * Loads a generated demo organisation with COPY, all of it in one transaction: a failure at any row
 * leaves the database as it was. Only the data tables are touched; tokens, settings and the migration
 * history never are.
 */

/** The tables ingestion fills (SPEC §1). "The database holds data" means one of them has a row. */
export const DATA_TABLES = [
  'teams',
  'services',
  'responders',
  'incidents',
  'incident_services',
  'incident_causes',
  'incident_roles',
  'alerts',
  'pages',
  'shifts',
  'activity',
  'annotations',
  'annotation_services',
] as const;
/**
 * Emptied with the data by `--replace`: chat messages are data waiting to be attributed, which webhook
 * deliveries were applied and how far a history import got are facts about that data, and the stored
 * workload is derived from it.
 */
const REPLACED_TABLES = [...DATA_TABLES, 'chat_messages', 'webhook_deliveries', 'import_cursors', 'work_segments', 'work_days', 'alert_facts', 'page_facts', 'noise_queue'];
const SERIAL_TABLES = ['teams', 'services', 'responders', 'incidents', 'alerts', 'pages', 'shifts', 'activity', 'annotations'];

export const MANIFEST_FILE = 'demo-manifest.json';

/** The database already holds data and replacing it was not asked for. */
export class DatabaseNotEmptyError extends Error {
  constructor(readonly tables: string[]) {
    super(`the database already holds data (in ${tables.join(', ')}); pass --replace to delete it and load the demo`);
  }
}

export interface TableProgress {
  table: string;
  rows: number;
  seconds: number;
}

export interface DemoLoadResult {
  counts: Record<string, number>;
  seconds: number;
  manifest: DemoManifest;
}

export interface LoadOptions {
  /** `refuse` (default): throw DatabaseNotEmptyError when there is data; `replace`: delete it first; `skip`: load nothing and return undefined. */
  whenNotEmpty?: 'refuse' | 'replace' | 'skip';
  onTable?: (progress: TableProgress) => void;
}

/** Names of the data tables that hold at least one row. */
export async function nonEmptyDataTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    DATA_TABLES.map((t) => `SELECT '${t}' AS name WHERE EXISTS (SELECT 1 FROM ${t})`).join(' UNION ALL '),
  );
  return rows.map((r) => r.name);
}

export async function loadDemo(client: pg.ClientBase, dataset: DemoDataset, options: LoadOptions & { whenNotEmpty: 'skip' }): Promise<DemoLoadResult | undefined>;
export async function loadDemo(client: pg.ClientBase, dataset: DemoDataset, options?: LoadOptions): Promise<DemoLoadResult>;
export async function loadDemo(client: pg.ClientBase, dataset: DemoDataset, options: LoadOptions = {}): Promise<DemoLoadResult | undefined> {
  const started = performance.now();
  const whenNotEmpty = options.whenNotEmpty ?? 'refuse';
  await client.query('BEGIN');
  try {
    // COPY of the large tables takes longer than the pool's statement timeout; the lock keeps
    // concurrent writers (an ingest, a second server starting) out until the commit, readers not.
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query(`LOCK TABLE ${DATA_TABLES.join(', ')} IN EXCLUSIVE MODE`);
    const nonEmpty = await nonEmptyDataTables(client);
    if (nonEmpty.length > 0) {
      if (whenNotEmpty === 'skip') {
        await client.query('ROLLBACK');
        return undefined;
      }
      if (whenNotEmpty === 'refuse') throw new DatabaseNotEmptyError(nonEmpty);
      await client.query(`TRUNCATE ${REPLACED_TABLES.join(', ')} RESTART IDENTITY`);
    }
    const counts: Record<string, number> = {};
    for (const table of dataset.tables) {
      const tableStarted = performance.now();
      const rebuild = await dropSecondaryIndexes(client, table.name);
      counts[table.name] = await copyTable(client, table);
      for (const statement of rebuild) await client.query(statement);
      options.onTable?.({ table: table.name, rows: counts[table.name]!, seconds: (performance.now() - tableStarted) / 1000 });
    }
    // Ids were given explicitly; the next ingested row continues after them.
    for (const table of SERIAL_TABLES) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${table}`);
    }
    await client.query(`ANALYZE ${DATA_TABLES.join(', ')}`);
    await client.query('COMMIT');
    return { counts, seconds: (performance.now() - started) / 1000, manifest: { ...dataset.manifest, counts } };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Every table is empty when its COPY starts, so its secondary indexes, unique constraints and foreign
 * keys are dropped first and rebuilt after it (one sort and one join each, instead of a lookup per
 * row: several times faster for the large tables). The definitions are read from the catalogue and
 * replayed unchanged, names included; the primary key stays, as other tables' foreign keys use it.
 * Returns the statements that rebuild them.
 */
export async function dropSecondaryIndexes(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows: constraints } = await client.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname`,
    [table],
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = $1::regclass AND NOT x.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     ORDER BY i.relname`,
    [table],
  );
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  for (const c of constraints) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${quoted(c.name)}`);
  for (const i of indexes) await client.query(`DROP INDEX ${quoted(i.name)}`);
  return [
    ...indexes.map((i) => i.definition),
    ...constraints.map((c) => `ALTER TABLE ${table} ADD CONSTRAINT ${quoted(c.name)} ${c.definition}`),
  ];
}

/** Streams a table's lines into `COPY … FROM STDIN`; returns the number of rows. */
function copyTable(client: pg.ClientBase, table: DemoTable): Promise<number> {
  return copyLinesIn(client, `COPY ${table.name} (${table.columns.join(', ')}) FROM STDIN`, table.rows());
}

export async function writeManifest(dataDir: string, manifest: DemoManifest): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, MANIFEST_FILE);
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return file;
}

/** `6 teams, 60 responders, 1,536 incidents, …` */
export function describeCounts(counts: Record<string, number>): string {
  const shown = ['teams', 'responders', 'services', 'incidents', 'alerts', 'pages', 'shifts', 'activity'];
  return shown.filter((t) => t in counts).map((t) => `${counts[t]!.toLocaleString('en-US')} ${t === 'activity' ? 'activity events' : t}`).join(', ');
}

/**
 * The automatic demo of `npm start`: scale 1, the default seed, 18 months ending today (UTC), loaded
 * only when no data table has a row (checked again under the lock, so two servers starting on the
 * same database load it once). Returns undefined when it loaded nothing.
 */
export async function loadDemoIfEmpty(params: {
  databaseUrl: string;
  dataDir: string;
  options?: Partial<DemoOptions>;
}): Promise<(DemoLoadResult & { manifestFile: string; manifestError?: string }) | undefined> {
  const client = new pg.Client({ connectionString: params.databaseUrl, application_name: 'firewatch-demo' });
  await client.connect();
  try {
    if ((await nonEmptyDataTables(client)).length > 0) return undefined;
    const dataset = generateDemo({ seed: DEFAULT_DEMO_SEED, scale: 1, end: isoDateOf(Date.now()), ...params.options });
    const result = await loadDemo(client, dataset, { whenNotEmpty: 'skip' });
    if (!result) return undefined;
    // The demo is committed by now: a manifest that cannot be written is reported, not a failure.
    const manifestFile = join(params.dataDir, MANIFEST_FILE);
    try {
      await writeManifest(params.dataDir, result.manifest);
      return { ...result, manifestFile };
    } catch (error) {
      return { ...result, manifestFile, manifestError: error instanceof Error ? error.message : String(error) };
    }
  } finally {
    await client.end();
  }
}
