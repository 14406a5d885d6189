import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FLAP_WINDOW_MINUTES } from '../classify-alert.js';
import { INTERRUPTING_CHANNELS } from '../interruptions.js';
import { ALERT_SEVERITY_RANK, FLAP_LOOKBACK } from '../noise.query.js';
import type { MergedPage } from './merge-region.js';

/** Key of the advisory lock the noise-facts workers of every API process take in turn. */
const NOISE_FACTS_LOCK = [0x6e6f6973, 0] as const; // "nois"

/** Alerts recomputed at once from which the fact tables are analysed within the transaction. */
const BULK_IDS = 2_000;

/** A responder's window of pages whose merge and placement to redo (infinite: the whole history). */
export interface ResponderWindow {
  responderId: number;
  fromMs: number;
  toMs: number;
}

/** A claimed slice of the queue. */
export interface NoiseClaim {
  alertIds: string[];
  windows: ResponderWindow[];
}

/** One opening or merged page, as written back by the merge. */
export interface PagePlacement {
  pageId: string;
  opens: boolean;
  bucket: string | null;
  localHour: string | null;
  night: string | null;
}

/**
 * The alerts of the same source, rule and service (none matching none) as alerts $1 that were fired
 * within 60 min after one of them resolved: whose flap that resolution decides. One probe of the
 * firedAt index per resolved alert (an hour of alerts); `OFFSET 0` keeps the planner from turning the
 * probe into a join over the whole table.
 */
const SUCCESSORS_OF = (o: string) => `
  SELECT s.alert_id FROM alert_facts ${o}
   CROSS JOIN LATERAL (
     SELECT s.alert_id FROM alert_facts s
      WHERE s.fired_at BETWEEN ${o}.resolved_at AND ${o}.resolved_at + interval '${FLAP_WINDOW_MINUTES} minutes'
        AND s.source = ${o}.source AND s.rule = ${o}.rule AND s.service_id IS NOT DISTINCT FROM ${o}.service_id
     OFFSET 0) s
   WHERE ${o}.alert_id = ANY($1::bigint[]) AND ${o}.predecessor`;

/**
 * One alert's facts from the raw rows (SPEC §2.5): the classification of `classifyAlert` before the
 * transient threshold, the first page at level ≥ 2 as the report orders them, and whether a test
 * incident takes it out of every report.
 */
const alertFactsSelect = (where: string) => `
  SELECT a.id, a.source, a.rule, a.service_id, s.team_id, ${ALERT_SEVERITY_RANK}, a.fired_at, a.resolved_at,
         x.counted,
         x.counted AND a.resolved_at IS NOT NULL AND a.resolved_at - a.fired_at <= ${FLAP_LOOKBACK},
         false,
         e.paged,
         CASE
           WHEN NOT e.paged THEN NULL
           WHEN a.incident_id IS NOT NULL OR a.feedback = 'actionable' THEN 'actionable'
           WHEN a.feedback IS NOT NULL THEN 'flagged'
           WHEN a.acknowledged_at IS NOT NULL OR a.acknowledged_by_id IS NOT NULL THEN 'ack_only'
           ELSE 'unacked'
         END,
         CASE WHEN a.resolved_by = 'auto' THEN extract(epoch FROM a.resolved_at - a.fired_at)::float8 END,
         extract(epoch FROM a.acknowledged_at - a.fired_at)::float8 / 60,
         a.incident_id, coalesce(i.kind = 'incident', false),
         f.at, f.level, f.reason
    FROM alerts a
    LEFT JOIN services s ON s.id = a.service_id
    LEFT JOIN incidents i ON i.id = a.incident_id
   CROSS JOIN LATERAL (SELECT coalesce(i.kind <> 'test', true) AS counted) x
   CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM pages p WHERE p.alert_id = a.id) AS paged) e
    LEFT JOIN LATERAL (SELECT p.at, p.level, p.reason FROM pages p WHERE p.alert_id = a.id AND p.level >= 2
                        ORDER BY p.at, p.level, p.responder_id, p.id LIMIT 1) f ON true
   WHERE ${where}`;

/** Flap of the alert facts `t` selected by `where` (SPEC §2.5: a predecessor of the same source, rule and service resolved within 60 min before it fired). */
const flapsSelect = (where: string) => `
  SELECT t.alert_id, EXISTS (
           SELECT 1 FROM alert_facts p
            WHERE p.predecessor AND p.source = t.source AND p.rule = t.rule
              AND p.resolved_at BETWEEN t.fired_at - interval '${FLAP_WINDOW_MINUTES} minutes' AND t.fired_at
              AND p.service_id IS NOT DISTINCT FROM t.service_id AND p.alert_id <> t.alert_id) AS flap
    FROM alert_facts t WHERE ${where}`;

/** Page facts of the pages `p` selected by `where` ($1 the interrupting channels), merge and placement not yet done. */
const pageFactsInsert = (where: string) => `
  INSERT INTO page_facts (page_id, alert_id, responder_id, at, interrupting, counted, fired_at, service_id, team_id, severity_rank, source, rule, noisy,
                          opens, bucket, local_hour, night)
  SELECT p.id, p.alert_id, p.responder_id, p.at, p.channel = ANY($1::text[]), f.counted, f.fired_at, f.service_id, f.team_id, f.severity_rank,
         f.source, f.rule, f.base_class IS DISTINCT FROM 'actionable', false, NULL, NULL, NULL
    FROM pages p JOIN alert_facts f ON f.alert_id = p.alert_id
   WHERE ${where}`;

const ALERT_FACT_COLUMNS = [
  'alert_id', 'source', 'rule', 'service_id', 'team_id', 'severity_rank', 'fired_at', 'resolved_at', 'counted', 'predecessor', 'flap', 'escalated',
  'base_class', 'auto_resolved_seconds', 'tta_minutes', 'incident_id', 'incident_counts', 'escalated_at', 'escalated_level', 'escalated_reason',
];

@Injectable()
export class NoiseFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }

  /** One noise-facts worker at a time across processes, until the transaction ends. */
  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, $2)`, [...NOISE_FACTS_LOCK]);
  }

  /** Takes up to `limit` queue rows; deleted with the caller's transaction, so a crash leaves them queued. */
  async claim(manager: EntityManager, limit: number): Promise<NoiseClaim & { rows: number }> {
    const rows: Array<{ alert_ids: string[] | null; responder_id: number | null; from_ms: number | null; to_ms: number | null }> = await manager.query(
      `WITH claimed AS (
         DELETE FROM noise_queue WHERE id IN (SELECT id FROM noise_queue ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING alert_ids, responder_id, from_at, to_at)
       SELECT alert_ids::text[] AS alert_ids, responder_id,
              (extract(epoch FROM from_at) * 1000)::float8 AS from_ms, (extract(epoch FROM to_at) * 1000)::float8 AS to_ms
         FROM claimed`,
      [limit],
    );
    const alertIds = new Set<string>();
    const windows: ResponderWindow[] = [];
    for (const r of rows) {
      for (const id of r.alert_ids ?? []) alertIds.add(id);
      if (r.responder_id !== null) windows.push({ responderId: r.responder_id, fromMs: r.from_ms!, toMs: r.to_ms! });
    }
    return { alertIds: [...alertIds], windows, rows: rows.length };
  }

  /**
   * Recomputes the facts of `alertIds` and of their pages, and the flaps they decide (their own, and
   * those of the alerts fired within 60 min after they resolved, before and after the change).
   * Returns the responders' windows whose merge the rewritten pages need redone.
   */
  async recomputeAlerts(manager: EntityManager, alertIds: readonly string[]): Promise<ResponderWindow[]> {
    if (alertIds.length === 0) return [];
    const ids = [...alertIds];
    const before: Array<{ alert_id: string }> = await manager.query(SUCCESSORS_OF('o'), [ids]);
    await manager.query(`DELETE FROM alert_facts f WHERE f.alert_id = ANY($1::bigint[]) AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.id = f.alert_id)`, [ids]);
    const updates = ALERT_FACT_COLUMNS.filter((c) => c !== 'alert_id' && c !== 'flap').map((c) => `${c} = excluded.${c}`);
    await manager.query(`INSERT INTO alert_facts (${ALERT_FACT_COLUMNS.join(', ')}) ${alertFactsSelect('a.id = ANY($1::bigint[])')} ON CONFLICT (alert_id) DO UPDATE SET ${updates.join(', ')}`, [ids]);
    // A bulk load (a backfill, a rebuild) changes the tables' shape: plan the next statements on fresh statistics.
    if (ids.length >= BULK_IDS) await manager.query(`ANALYZE alert_facts`);
    const flapTargets = [...new Set([...ids, ...before.map((r) => r.alert_id)])];
    await manager.query(
      `WITH targets AS (SELECT unnest($2::bigint[]) AS id UNION ${SUCCESSORS_OF('o')})
       UPDATE alert_facts x SET flap = y.flap
         FROM (${flapsSelect('t.alert_id IN (SELECT id FROM targets)')}) y
        WHERE x.alert_id = y.alert_id AND x.flap IS DISTINCT FROM y.flap`,
      [ids, flapTargets],
    );
    // Pages: rewritten whole (merge and placement reset), their responders' windows returned.
    const gone: Array<{ responder_id: number; at: Date }> = await manager.query(
      `WITH gone AS (DELETE FROM page_facts WHERE alert_id = ANY($1::bigint[]) RETURNING responder_id, at, counted AND interrupting AS merged)
       SELECT responder_id, at FROM gone WHERE merged`,
      [ids],
    );
    const added: Array<{ responder_id: number; at: Date }> = await manager.query(
      `WITH added AS (
         ${pageFactsInsert('p.alert_id = ANY($2::bigint[])')}
         ON CONFLICT (page_id) DO UPDATE SET alert_id = excluded.alert_id, responder_id = excluded.responder_id, at = excluded.at,
           interrupting = excluded.interrupting, counted = excluded.counted, fired_at = excluded.fired_at, service_id = excluded.service_id,
           team_id = excluded.team_id, severity_rank = excluded.severity_rank, source = excluded.source, rule = excluded.rule, noisy = excluded.noisy, opens = false, bucket = NULL, local_hour = NULL, night = NULL
         RETURNING responder_id, at, counted AND interrupting AS merged)
       SELECT responder_id, at FROM added WHERE merged`,
      [[...INTERRUPTING_CHANNELS], ids],
    );
    if (ids.length >= BULK_IDS) await manager.query(`ANALYZE page_facts`);
    return [...gone, ...added].map((p) => ({ responderId: p.responder_id, fromMs: p.at.getTime(), toMs: p.at.getTime() }));
  }

  /**
   * Every alert's and page's facts from the raw rows, set-wise: one INSERT of all alert facts, one
   * UPDATE of all flaps (each an index probe of `ix_alert_facts_predecessor`), one INSERT of all page
   * facts. Merge and placement are left to the caller. Runs in the caller's transaction with no
   * statement timeout (each statement reads the whole history). Returns the number of alerts.
   */
  async rebuildAlertsAndPages(manager: EntityManager): Promise<number> {
    await manager.query(`SET LOCAL statement_timeout = 0`);
    await manager.query(`INSERT INTO alert_facts (${ALERT_FACT_COLUMNS.join(', ')}) ${alertFactsSelect('true')}`);
    await manager.query(`ANALYZE alert_facts`);
    await manager.query(`UPDATE alert_facts x SET flap = true FROM (${flapsSelect('true')}) y WHERE x.alert_id = y.alert_id AND y.flap`);
    await manager.query(pageFactsInsert('true'), [[...INTERRUPTING_CHANNELS]]);
    await manager.query(`ANALYZE page_facts`);
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM alert_facts`);
    return n;
  }

  /** A responder's counted interrupting pages in `[fromMs, toMs]` (infinite: unbounded), in merge order. */
  async mergedPages(manager: EntityManager, responderId: number, fromMs: number, toMs: number): Promise<MergedPage[]> {
    const rows: Array<{ page_id: string; at_ms: number }> = await manager.query(
      // Ordered by the columns, not by the text ids selected.
      `SELECT f.page_id::text AS page_id, (extract(epoch FROM f.at) * 1000)::float8 AS at_ms FROM page_facts f
        WHERE f.responder_id = $1 AND f.counted AND f.interrupting AND f.at >= $2::timestamptz AND f.at <= $3::timestamptz
        ORDER BY f.at, f.page_id`,
      [responderId, instant(fromMs), instant(toMs)],
    );
    return rows.map((r) => ({ pageId: r.page_id, atMs: r.at_ms }));
  }

  /** Writes the merge and placement of pages, touching only rows that change. */
  async writePlacements(manager: EntityManager, placements: readonly PagePlacement[]): Promise<void> {
    if (placements.length === 0) return;
    await manager.query(
      `UPDATE page_facts f SET opens = u.opens, bucket = u.bucket, local_hour = u.local_hour, night = u.night
         FROM unnest($1::bigint[], $2::boolean[], $3::text[], $4::text[], $5::date[]) AS u(page_id, opens, bucket, local_hour, night)
        WHERE f.page_id = u.page_id
          AND (f.opens, f.bucket, f.local_hour, f.night) IS DISTINCT FROM (u.opens, u.bucket, u.local_hour, u.night)`,
      [placements.map((p) => p.pageId), placements.map((p) => p.opens), placements.map((p) => p.bucket), placements.map((p) => p.localHour), placements.map((p) => p.night)],
    );
  }

  /** Deletes every fact and everything queued (a rebuild follows in the same transaction). */
  async clear(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM noise_queue`);
    await manager.query(`DELETE FROM page_facts`);
    await manager.query(`DELETE FROM alert_facts`);
  }

  /** Responders with at least one counted interrupting page. */
  async pagedResponders(manager: EntityManager): Promise<number[]> {
    const rows: Array<{ responder_id: number }> = await manager.query(`SELECT DISTINCT responder_id FROM page_facts WHERE counted AND interrupting`);
    return rows.map((r) => r.responder_id);
  }

  async queueLength(): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM noise_queue`);
    return n;
  }
}

const instant = (ms: number): string => (ms === -Infinity ? '-infinity' : ms === Infinity ? 'infinity' : new Date(ms).toISOString());
