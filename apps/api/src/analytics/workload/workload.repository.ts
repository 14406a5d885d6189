import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable, Writable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyOut } from '../../database/copy-out.js';
import type { Freshness, Settings } from '@firewatch/shared';
import { SettingsRepository } from '../../settings/settings.repository.js';
import { caughtUpFreshness, type DerivedDataWorker } from '../freshness.js';
import type { ActivityEvent, ClassifiedSegment } from './compute-workload.js';
import type { ResponderCalendarRow } from './workload-calendar.js';
import { queryWorkloadReport, queryWorkloadResponders, type WorkloadCriteria, type WorkloadReportRows, type WorkloadResponderRow } from './workload.query.js';

/** First key of the advisory locks taken per responder by workload recomputes. */
const WORKLOAD_LOCK_SPACE = 0x776b6c64; // "wkld"
/** Where a full rebuild writes before it replaces `work_segments`. */
const REBUILD_TABLE = 'work_segments_next';
/** Whether a queue row asks for a full rebuild (it has no responder). */
const REBUILD_REQUESTED_SQL = `SELECT EXISTS (SELECT 1 FROM workload_queue WHERE responder_id IS NULL) AS requested`;
/** Key of the lock a full rebuild holds exclusively and queue workers share. */
const REBUILD_LOCK = [0x776b6c72, 0] as const; // "wklr"

export interface ResponderRow extends ResponderCalendarRow {
  id: number;
}

@Injectable()
export class WorkloadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organisation settings; `SettingsRepository` is the one place that reads them. */
  settings(): Promise<Settings> {
    return new SettingsRepository(this.dataSource).read();
  }

  /** Catches `workers` up, then reads how fresh an answer from their derived data is (before the answer's rows). */
  caughtUpFreshness(workers: readonly DerivedDataWorker[]): Promise<Freshness> {
    return caughtUpFreshness(this.dataSource, workers);
  }

  /** Every responder's calendar columns (a small table: one row per person). */
  responderCalendars(): Promise<ResponderRow[]> {
    return this.dataSource.query(
      `SELECT r.id, r.timezone, r.working_hours AS "workingHours", r.holiday_country AS "holidayCountry" FROM responders r ORDER BY r.id`,
    );
  }

  /** Ids of the `test` incidents, whose activity counts nowhere (SPEC §1). */
  async testIncidentIds(): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.dataSource.query(`SELECT id FROM incidents WHERE kind = 'test'`);
    return rows.map((r) => r.id);
  }

  /**
   * All activity as one binary COPY stream in `(responder, at)` order — an ordered scan of
   * `ix_activity_responder_at` — with the columns activity-copy-parser.ts reads.
   */
  copyActivityOut(client: pg.ClientBase): Readable {
    return client.query(
      copyOut(`COPY (SELECT responder_id, incident_id, at, end_at FROM activity ORDER BY responder_id, at) TO STDOUT (FORMAT binary)`),
    );
  }

  /**
   * An empty `work_segments_next` with the columns, defaults and checks of `work_segments` but no
   * index yet: a full rebuild writes into it at COPY speed and indexes it once, at the end.
   */
  async createRebuildTable(client: pg.ClientBase): Promise<void> {
    await client.query(`DROP TABLE IF EXISTS ${REBUILD_TABLE}`);
    await client.query(`CREATE TABLE ${REBUILD_TABLE} (LIKE work_segments INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
  }

  /** A binary COPY sink into the rebuild table, for the rows of segment-copy-encoder.ts. */
  copySegmentsIn(client: pg.ClientBase): Writable {
    return client.query(
      copyFrom(`COPY ${REBUILD_TABLE} (responder_id, incident_id, start_at, end_at, share, bucket, local_date) FROM STDIN (FORMAT binary)`),
    );
  }

  /**
   * Indexes the rebuild table exactly as `work_segments` is indexed (definitions read from the
   * catalogue, so they follow the migrations), then puts it in its place: the old table is dropped
   * and every name (table, primary key, indexes) taken over, so the schema is what the migrations
   * made; its triggers (which keep `work_days` current) are created again on the new table, and
   * `work_days` is refilled from it. Readers are blocked only for the drop and renames, not while the
   * indexes are built.
   */
  async swapInRebuildTable(client: pg.ClientBase): Promise<void> {
    const { rows: triggers } = await client.query<{ definition: string }>(
      `SELECT pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgrelid = 'work_segments'::regclass AND NOT tgisinternal ORDER BY tgname`,
    );
    const { rows: indexes } = await client.query<{ name: string; definition: string; primaryKey: boolean }>(
      `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indisprimary AS "primaryKey"
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = 'work_segments'::regclass ORDER BY c.relname`,
    );
    const id = (name: string) => client.escapeIdentifier(name);
    const staged = (name: string) => `${name.slice(0, 50)}_next`;
    for (const index of indexes) {
      // "CREATE [UNIQUE] INDEX <name> ON <table> USING <method> (<columns>)"
      const parsed = /^CREATE (UNIQUE )?INDEX \S+ ON \S+ (USING .+)$/.exec(index.definition);
      if (!parsed) throw new Error(`unexpected index definition: ${index.definition}`);
      await client.query(`CREATE ${parsed[1] ?? ''}INDEX ${id(staged(index.name))} ON ${REBUILD_TABLE} ${parsed[2]}`);
      if (index.primaryKey) await client.query(`ALTER TABLE ${REBUILD_TABLE} ADD CONSTRAINT ${id(staged(index.name))} PRIMARY KEY USING INDEX ${id(staged(index.name))}`);
    }
    await client.query(`ANALYZE ${REBUILD_TABLE}`);
    await client.query(`DROP TABLE work_segments`);
    await client.query(`ALTER TABLE ${REBUILD_TABLE} RENAME TO work_segments`);
    for (const index of indexes) {
      // Renaming the primary-key constraint renames its index with it.
      if (index.primaryKey) await client.query(`ALTER TABLE work_segments RENAME CONSTRAINT ${id(staged(index.name))} TO ${id(index.name)}`);
      else await client.query(`ALTER INDEX ${id(staged(index.name))} RENAME TO ${id(index.name)}`);
    }
    // Created after the COPY, so the bulk write did not fire them; the rollup is refilled whole instead.
    for (const trigger of triggers) await client.query(trigger.definition);
    await client.query(`SELECT firewatch_work_days_rebuild()`);
  }

  /** Two pooled connections for the length of `fn` (a rebuild reads on one and writes on the other). */
  async withTwoConnections<T>(fn: (reader: pg.ClientBase, writer: pg.ClientBase) => Promise<T>): Promise<T> {
    const readerRunner = this.dataSource.createQueryRunner();
    const writerRunner = this.dataSource.createQueryRunner();
    try {
      const reader = (await readerRunner.connect()) as pg.ClientBase;
      const writer = (await writerRunner.connect()) as pg.ClientBase;
      return await fn(reader, writer);
    } finally {
      await readerRunner.release();
      await writerRunner.release();
    }
  }

  /** Taken by a full rebuild for its whole transaction: queue workers wait until it commits. */
  async lockForRebuild(client: pg.ClientBase): Promise<void> {
    await client.query(`SELECT pg_advisory_xact_lock($1, $2)`, [...REBUILD_LOCK]);
  }

  /** Taken first by every queue transaction (shared), so none runs while a full rebuild does. */
  async lockAgainstRebuild(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock_shared($1, $2)`, [...REBUILD_LOCK]);
  }

  /** A responder's activity in time order; `test` incidents count nowhere (SPEC §1). */
  async activityOf(responderId: number, manager: EntityManager = this.dataSource.manager): Promise<ActivityEvent[]> {
    const rows: Array<{ incident_id: number; at_ms: number; end_ms: number | null }> = await manager.query(
      `SELECT a.incident_id, (extract(epoch FROM a.at) * 1000)::float8 AS at_ms, (extract(epoch FROM a.end_at) * 1000)::float8 AS end_ms
         FROM activity a JOIN incidents i ON i.id = a.incident_id
        WHERE a.responder_id = $1 AND i.kind <> 'test'
        ORDER BY a.at`,
      [responderId],
    );
    return rows.map((r) => (r.end_ms === null ? { incidentId: r.incident_id, atMs: r.at_ms } : { incidentId: r.incident_id, atMs: r.at_ms, endMs: r.end_ms }));
  }

  /**
   * A responder's activity whose credit overlaps `[fromMs, toMs)`, in time order (test incidents
   * excluded); a call that started earlier but is still running is included.
   */
  async activityOverlapping(manager: EntityManager, responderId: number, fromMs: number, toMs: number): Promise<ActivityEvent[]> {
    return (await this.activityOverlappingMany(manager, [{ responderId, fromMs, toMs }])).get(responderId) ?? [];
  }

  /**
   * The same for several responders' windows in one statement, by responder. The credit of an
   * instant activity ends 10 minutes after it, so `at` is bounded on both sides (`ix_activity_responder_at`);
   * calls, which may run for hours, are also found by their end (`ix_activity_calls`).
   */
  async activityOverlappingMany(manager: EntityManager, windows: ReadonlyArray<{ responderId: number; fromMs: number; toMs: number }>): Promise<Map<number, ActivityEvent[]>> {
    const out = new Map<number, ActivityEvent[]>();
    if (windows.length === 0) return out;
    const rows: Array<{ responder_id: number; incident_id: number; at_ms: number; end_ms: number | null }> = await manager.query(
      // Two index ranges per window, never a scan of the responder's whole history: activity starting
      // in [from − 10 min, to), and calls that started earlier and end after `from`.
      `SELECT w.responder_id, a.incident_id, (extract(epoch FROM a.at) * 1000)::float8 AS at_ms, (extract(epoch FROM a.end_at) * 1000)::float8 AS end_ms
         FROM unnest($1::int[], $2::timestamptz[], $3::timestamptz[]) AS w(responder_id, from_at, to_at)
        CROSS JOIN LATERAL (
          SELECT a.incident_id, a.at, a.end_at FROM activity a
           WHERE a.responder_id = w.responder_id AND a.at > w.from_at - interval '10 minutes' AND a.at < w.to_at
             AND coalesce(a.end_at, a.at + interval '10 minutes') > w.from_at
          UNION ALL
          SELECT a.incident_id, a.at, a.end_at FROM activity a
           WHERE a.responder_id = w.responder_id AND a.end_at > w.from_at AND a.at <= w.from_at - interval '10 minutes'
        ) a
        -- The few test incidents, read once through (kind, declared_at): no join to every incident.
        WHERE a.incident_id <> ALL (ARRAY(SELECT id FROM incidents WHERE kind = 'test'))
        ORDER BY w.responder_id, a.at`,
      [windows.map((w) => w.responderId), windows.map((w) => new Date(w.fromMs).toISOString()), windows.map((w) => new Date(w.toMs).toISOString())],
    );
    for (const r of rows) {
      let list = out.get(r.responder_id);
      if (!list) out.set(r.responder_id, (list = []));
      list.push(r.end_ms === null ? { incidentId: r.incident_id, atMs: r.at_ms } : { incidentId: r.incident_id, atMs: r.at_ms, endMs: r.end_ms });
    }
    return out;
  }

  /**
   * Replaces, for each entry, the responder's segments that start in `[fromMs, toMs)` with the given
   * ones: one DELETE and one INSERT for all of them. Entries of one responder must not overlap.
   */
  async replaceSegmentsInMany(manager: EntityManager, replacements: ReadonlyArray<{ responderId: number; fromMs: number; toMs: number; segments: readonly ClassifiedSegment[] }>): Promise<void> {
    if (replacements.length === 0) return;
    await manager.query(
      `DELETE FROM work_segments s USING unnest($1::int[], $2::timestamptz[], $3::timestamptz[]) AS r(responder_id, from_at, to_at)
        WHERE s.responder_id = r.responder_id AND s.start_at >= r.from_at AND s.start_at < r.to_at`,
      [
        replacements.map((r) => r.responderId),
        replacements.map((r) => new Date(r.fromMs).toISOString()),
        replacements.map((r) => new Date(r.toMs).toISOString()),
      ],
    );
    await this.insertSegments(manager, replacements.flatMap((r) => r.segments.map((segment) => ({ responderId: r.responderId, segment }))));
  }

  /**
   * Serialises recomputes of these responders (queue workers of several processes) until the
   * transaction ends, so two never replace the same segments at once; taken in ascending id order so
   * two workers never deadlock.
   */
  async lockResponders(manager: EntityManager, responderIds: readonly number[]): Promise<void> {
    const sorted = [...new Set(responderIds)].sort((a, b) => a - b);
    await manager.query(`SELECT pg_advisory_xact_lock($1, u.id) FROM unnest($2::int[]) WITH ORDINALITY AS u(id, n) ORDER BY u.n`, [WORKLOAD_LOCK_SPACE, sorted]);
  }

  async respondersByIds(manager: EntityManager, responderIds: readonly number[]): Promise<ResponderRow[]> {
    return manager.query(
      `SELECT r.id, r.timezone, r.working_hours AS "workingHours", r.holiday_country AS "holidayCountry" FROM responders r WHERE r.id = ANY($1::int[])`,
      [responderIds],
    );
  }



  /**
   * Takes up to `limit` queued windows, locking them so concurrent workers take different ones; they
   * are deleted by the caller's transaction, so a crash before commit leaves them queued.
   */
  async claimQueue(manager: EntityManager, limit: number): Promise<Array<{ responderId: number; fromMs: number; toMs: number }>> {
    const rows: Array<{ responder_id: number; from_ms: number; to_ms: number }> = await manager.query(
      // Wrapped in a CTE: TypeORM answers a top-level DELETE … RETURNING as [rows, count].
      `WITH claimed AS (
         DELETE FROM workload_queue WHERE id IN (SELECT id FROM workload_queue WHERE responder_id IS NOT NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING responder_id, from_at, to_at)
       SELECT responder_id, (extract(epoch FROM from_at) * 1000)::float8 AS from_ms, (extract(epoch FROM to_at) * 1000)::float8 AS to_ms FROM claimed`,
      [limit],
    );
    return rows.map((r) => ({ responderId: r.responder_id, fromMs: r.from_ms, toMs: r.to_ms }));
  }

  /** The newest queued id (0 when empty). */
  async queueHighWater(client: pg.ClientBase): Promise<string> {
    const { rows } = await client.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM workload_queue`);
    return rows[0]!.id;
  }

  /** Drops what was queued up to `id`: a full rebuild started after it covers those windows. */
  async clearQueueUpTo(client: pg.ClientBase, id: string): Promise<void> {
    await client.query(`DELETE FROM workload_queue WHERE id <= $1`, [id]);
  }

  /** Whether a full rebuild is asked for (a queue row without a responder). */
  async rebuildRequested(): Promise<boolean> {
    const [{ requested }] = await this.dataSource.query(REBUILD_REQUESTED_SQL);
    return requested;
  }

  /** The same, seen by a rebuild's own transaction after it took the rebuild lock. */
  async rebuildStillRequested(client: pg.ClientBase): Promise<boolean> {
    const { rows } = await client.query<{ requested: boolean }>(REBUILD_REQUESTED_SQL);
    return rows[0]!.requested;
  }

  /**
   * The work queued, in responder windows: a full rebuild asked for counts as one window per
   * responder (what recomputing everyone one by one would be).
   */
  async queuedWindows(): Promise<number> {
    const [{ n }] = await this.dataSource.query(
      `SELECT (count(*) FILTER (WHERE responder_id IS NOT NULL)
               + CASE WHEN bool_or(responder_id IS NULL) THEN (SELECT count(*) FROM responders) ELSE 0 END)::int AS n
         FROM workload_queue`,
    );
    return n;
  }

  /**
   * Replaces all of a responder's segments, set-wise, and all their days, whatever day boundaries those
   * were computed with (a whole-history recompute follows a change of the responder's calendar).
   */
  async replaceSegments(manager: EntityManager, responderId: number, segments: readonly ClassifiedSegment[]): Promise<void> {
    await manager.query(`DELETE FROM work_days WHERE responder_id = $1`, [responderId]);
    await manager.query(`DELETE FROM work_segments WHERE responder_id = $1`, [responderId]);
    await this.insertSegments(manager, segments.map((segment) => ({ responderId, segment })));
  }

  private async insertSegments(manager: EntityManager, rows: ReadonlyArray<{ responderId: number; segment: ClassifiedSegment }>): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO work_segments (responder_id, incident_id, start_at, end_at, share, bucket, local_date)
       SELECT * FROM unnest($1::int[], $2::int[], $3::timestamptz[], $4::timestamptz[], $5::float8[], $6::text[], $7::date[])`,
      [
        rows.map((r) => r.responderId),
        rows.map((r) => r.segment.incidentId),
        rows.map((r) => new Date(r.segment.startMs).toISOString()),
        rows.map((r) => new Date(r.segment.endMs).toISOString()),
        rows.map((r) => r.segment.share),
        rows.map((r) => r.segment.bucket),
        rows.map((r) => r.segment.localDate),
      ],
    );
  }

  /**
   * The rows of the workload report, all read in one REPEATABLE READ snapshot so weeks, responders
   * and incidents add up while the stored workload is being recomputed.
   */
  report(criteria: Omit<WorkloadCriteria, 'kind'>, topIncidents: number): Promise<WorkloadReportRows> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => queryWorkloadReport(manager, criteria, topIncidents));
  }

  /** The report's rows by responder alone (its totals are summed from them). */
  responderRows(criteria: Omit<WorkloadCriteria, 'kind'>): Promise<WorkloadResponderRow[]> {
    return queryWorkloadResponders(this.dataSource, criteria);
  }

  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }
}
