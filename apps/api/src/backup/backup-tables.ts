import type pg from 'pg';

/** The migration history belongs to the schema, not to the data: the target has its own. */
export const SCHEMA_TABLES = new Set(['migrations']);

export interface TableShape {
  name: string;
  /** Column names in their ordinal order. */
  columns: string[];
}

/** First line of every archive. */
export interface ArchiveHeader {
  format: 'firewatch-backup';
  version: 1;
  createdAt: string;
  /** Names of the migrations applied to the database backed up: the schema the data fits. */
  migrations: string[];
  /** Tables in dependency order (a referenced table before the tables referencing it). */
  tables: TableShape[];
}

/** Last line of every archive; without it the archive is incomplete. */
export interface ArchiveTrailer {
  end: true;
  rows: Record<string, number>;
}

export const ARCHIVE_FORMAT = 'firewatch-backup';
export const ARCHIVE_VERSION = 1;
/** Ends each table's COPY text; COPY escapes a backslash as `\\`, so no data line can equal it. */
export const END_OF_TABLE = '\\.';

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Every table of the public schema except the migration history, each after the tables it references
 * (foreign keys), so rows can be loaded in this order with every constraint checked.
 */
export async function tablesInDependencyOrder(client: pg.ClientBase): Promise<TableShape[]> {
  const { rows: columns } = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE c.relkind IN ('r', 'p')
      ORDER BY c.relname, a.attnum`,
  );
  const { rows: references } = await client.query<{ table: string; references: string }>(
    `SELECT DISTINCT c.relname AS table, r.relname AS references
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class r ON r.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE k.contype = 'f' AND k.conrelid <> k.confrelid`,
  );
  const shapes = new Map<string, TableShape>();
  for (const { table, column } of columns) {
    if (SCHEMA_TABLES.has(table)) continue;
    let shape = shapes.get(table);
    if (!shape) shapes.set(table, (shape = { name: table, columns: [] }));
    shape.columns.push(column);
  }
  const dependsOn = new Map<string, Set<string>>([...shapes.keys()].map((t) => [t, new Set<string>()]));
  for (const r of references) dependsOn.get(r.table)?.add(r.references);

  // Depth-first topological order; names sorted first so the order is the same on every database.
  const ordered: TableShape[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string, path: string[]) => {
    if (state.get(table) === 'done') return;
    if (state.get(table) === 'visiting') throw new Error(`foreign keys form a cycle: ${[...path, table].join(' → ')}`);
    state.set(table, 'visiting');
    for (const dep of [...dependsOn.get(table)!].sort()) if (shapes.has(dep)) visit(dep, [...path, table]);
    state.set(table, 'done');
    ordered.push(shapes.get(table)!);
  };
  for (const table of [...shapes.keys()].sort()) visit(table, []);
  return ordered;
}

/** Names of the migrations applied to this database, oldest first. */
export async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM migrations ORDER BY id`);
  return rows.map((r) => r.name);
}
