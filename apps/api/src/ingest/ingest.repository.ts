import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';
import { TABLE_OF, type ColumnType, type KindSpec, type ListSpec, type RefKind } from './ingest-kinds.js';

import { identityKey } from './validate-items.js';

export type Id = number | string;

/** Rows to upsert, column by column: `columns[i]` holds the values of the kind's i-th column. */
export interface UpsertColumns {
  sources: string[];
  externalIds: string[];
  columns: unknown[][];
}

export interface UpsertedRow {
  id: Id;
  key: string;
  inserted: boolean;
}

/** Rows a counting upsert inserted, and rows it changed (inserted or updated). */
export interface UpsertCounts {
  created: number;
  changed: number;
}

const arrayType = (type: ColumnType): string => `${type}[]`;

function upsertSql(spec: KindSpec): string {
  const casts = ['text[]', 'text[]', ...spec.columns.map((c) => arrayType(c.type))].map((t, i) => `$${i + 1}::${t}`);
  const names = spec.columns.map((c) => c.column);
  return `INSERT INTO ${spec.table} AS t (source, external_id, ${names.join(', ')})
       SELECT * FROM unnest(${casts.join(', ')})
       ON CONFLICT (source, external_id) DO UPDATE
         SET ${names.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
         WHERE (${names.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${names.map((n) => `EXCLUDED.${n}`).join(', ')})`;
}

const upsertParams = (rows: UpsertColumns): unknown[] => [rows.sources, rows.externalIds, ...rows.columns];

/**
 * The row of `table` with the identity `(k.source, k.external_id)` of the enclosing unnest, for a
 * LATERAL join: one probe of the identity index per key. `OFFSET 0` keeps the planner from flattening
 * it into a plain join, which it answers with a hash of the whole table; at 500,000 stored alerts that
 * made every batch of pages scan all of them (177 ms vs 50 ms per 10,000 keys, growing with the table).
 */
const BY_IDENTITY = (table: string, columns: string) =>
  `SELECT ${columns} FROM ${table} t WHERE t.source = k.source AND t.external_id = k.external_id OFFSET 0`;

/**
 * The SQL of ingestion. Every statement is set-wise: arrays of values are passed once and expanded
 * with `unnest`, so a 10,000-item batch costs a handful of statements, never one per row.
 */
@Injectable()
export class IngestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  queryRunner(): QueryRunner {
    return this.dataSource.createQueryRunner();
  }

  /** Ids of the records with these identities (absent ones are missing from the map). */
  async lookupIds(q: QueryRunner, kind: RefKind, keys: ReadonlyArray<readonly [string, string]>): Promise<Map<string, Id>> {
    const found = new Map<string, Id>();
    if (keys.length === 0) return found;
    const rows: Array<{ id: Id; source: string; external_id: string }> = await q.query(
      `SELECT t.id, t.source, t.external_id
         FROM unnest($1::text[], $2::text[]) AS k(source, external_id)
         CROSS JOIN LATERAL (${BY_IDENTITY(TABLE_OF[kind], 't.id, t.source, t.external_id')}) t`,
      [keys.map((k) => k[0]), keys.map((k) => k[1])],
    );
    for (const r of rows) found.set(identityKey(r.source, r.external_id), r.id);
    return found;
  }

  /** Stored rows (id and the kind's columns) for these identities, to merge partial updates into. */
  async fetchRows(q: QueryRunner, spec: KindSpec, keys: ReadonlyArray<readonly [string, string]>): Promise<Map<string, Record<string, unknown>>> {
    const rows = new Map<string, Record<string, unknown>>();
    if (keys.length === 0) return rows;
    const result: Array<Record<string, unknown> & { source: string; external_id: string }> = await q.query(
      `SELECT t.*
         FROM unnest($1::text[], $2::text[]) AS k(source, external_id)
         CROSS JOIN LATERAL (${BY_IDENTITY(spec.table, ['t.id', 't.source', 't.external_id', ...spec.columns.map((c) => `t.${c.column}`)].join(', '))}) t`,
      [keys.map((k) => k[0]), keys.map((k) => k[1])],
    );
    for (const r of result) rows.set(identityKey(r.source, r.external_id), r);
    return rows;
  }

  /**
   * INSERT … ON CONFLICT DO UPDATE of all rows in one statement. A row whose values equal the
   * stored ones is not rewritten (and not returned), which is how "unchanged" is counted.
   * Rows must be sorted by identity so concurrent batches lock rows in the same order (no deadlock).
   */
  async upsert(q: QueryRunner, spec: KindSpec, rows: UpsertColumns): Promise<UpsertedRow[]> {
    if (rows.sources.length === 0) return [];
    const result: Array<{ id: Id; source: string; external_id: string; inserted: boolean }> = await q.query(
      `${upsertSql(spec)} RETURNING t.id, t.source, t.external_id, (xmax = 0) AS inserted`,
      upsertParams(rows),
    );
    return result.map((r) => ({ id: r.id, key: identityKey(r.source, r.external_id), inserted: r.inserted }));
  }

  /** The same upsert, answering only counts: for kinds whose ids are not needed afterwards (no lists). */
  async upsertCounting(q: QueryRunner, spec: KindSpec, rows: UpsertColumns): Promise<UpsertCounts> {
    if (rows.sources.length === 0) return { created: 0, changed: 0 };
    const [counts]: Array<UpsertCounts> = await q.query(
      `WITH up AS (${upsertSql(spec)} RETURNING (xmax = 0) AS inserted)
       SELECT (count(*) FILTER (WHERE inserted))::int AS created, count(*)::int AS changed FROM up`,
      upsertParams(rows),
    );
    return counts!;
  }

  /** Stored entries of a list field, per owner id, each entry as its column values. */
  async fetchList(q: QueryRunner, list: ListSpec, ownerType: string, ownerIds: readonly Id[]): Promise<Map<string, unknown[][]>> {
    const byOwner = new Map<string, unknown[][]>();
    if (ownerIds.length === 0) return byOwner;
    const cols = list.columns.map((c) => c.column);
    const rows: Array<Record<string, unknown>> = await q.query(
      `SELECT ${list.ownerColumn} AS owner, ${cols.join(', ')} FROM ${list.table} WHERE ${list.ownerColumn} = ANY($1::${ownerType}[])`,
      [ownerIds],
    );
    for (const r of rows) {
      const owner = String(r.owner);
      const entries = byOwner.get(owner) ?? [];
      entries.push(cols.map((c) => r[c]));
      byOwner.set(owner, entries);
    }
    return byOwner;
  }

  /** Makes the list of each owner exactly `entries` (rows are [ownerId, ...column values]). */
  async replaceList(q: QueryRunner, list: ListSpec, ownerType: string, ownerIds: readonly Id[], entries: readonly unknown[][]): Promise<void> {
    if (ownerIds.length === 0) return;
    const cols = list.columns;
    const columnArrays = cols.map((_, i) => entries.map((e) => e[i + 1]));
    const casts = cols.map((c, i) => `$${i + 3}::${arrayType(c.type)}`);
    await q.query(
      `DELETE FROM ${list.table} AS l
        WHERE l.${list.ownerColumn} = ANY($1::${ownerType}[])
          AND (l.${list.ownerColumn}, ${cols.map((c) => `l.${c.column}`).join(', ')}) NOT IN (
            SELECT * FROM unnest($2::${ownerType}[], ${casts.join(', ')}))`,
      [ownerIds, entries.map((e) => e[0]), ...columnArrays],
    );
    if (entries.length === 0) return;
    await q.query(
      `INSERT INTO ${list.table} (${list.ownerColumn}, ${cols.map((c) => c.column).join(', ')})
       SELECT * FROM unnest($1::${ownerType}[], ${cols.map((c, i) => `$${i + 2}::${arrayType(c.type)}`).join(', ')})
       ON CONFLICT DO NOTHING`,
      [entries.map((e) => e[0]), ...columnArrays],
    );
  }

  /** Records a webhook delivery; false when it was already recorded (a redelivery). */
  async recordDelivery(q: QueryRunner, source: string, deliveryId: string): Promise<boolean> {
    const rows: unknown[] = await q.query(
      `INSERT INTO webhook_deliveries (source, delivery_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [source, deliveryId],
    );
    return rows.length === 1;
  }
}
