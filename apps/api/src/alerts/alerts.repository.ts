import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** An alert as its SPEC §2.5 class reads it, after a feedback write. */
export interface AlertFeedbackRow {
  source: string;
  externalId: string;
  rule: string;
  firedAtMs: number;
  resolvedAtMs: number | null;
  resolvedBy: string | null;
  acknowledged: boolean;
  incidentLinked: boolean;
  feedback: string | null;
  escalated: boolean;
}

/** A rule's alerts to mark: `[fromMs, toMs)` on firedAt, either bound optional. */
export interface RuleFeedbackCriteria {
  source: string;
  rule: string;
  feedback: string | null;
  from: Date | null;
  to: Date | null;
  onlyWithoutFeedback: boolean;
}

@Injectable()
export class AlertsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Sets one alert's feedback; undefined when there is no such alert. */
  async setFeedback(source: string, externalId: string, feedback: string | null): Promise<AlertFeedbackRow | undefined> {
    const [row] = await this.dataSource.query(
      // Wrapped in a CTE: TypeORM answers a top-level UPDATE … RETURNING as [rows, count].
      `WITH updated AS (
         UPDATE alerts SET feedback = $3 WHERE source = $1 AND external_id = $2
         RETURNING id, source, external_id, rule, fired_at, resolved_at, resolved_by, acknowledged_at, acknowledged_by_id, incident_id, feedback)
       SELECT u.source, u.external_id AS "externalId", u.rule,
              (extract(epoch FROM u.fired_at) * 1000)::float8 AS "firedAtMs",
              (extract(epoch FROM u.resolved_at) * 1000)::float8 AS "resolvedAtMs",
              u.resolved_by AS "resolvedBy",
              (u.acknowledged_at IS NOT NULL OR u.acknowledged_by_id IS NOT NULL) AS acknowledged,
              u.incident_id IS NOT NULL AS "incidentLinked", u.feedback,
              EXISTS (SELECT 1 FROM pages p WHERE p.alert_id = u.id) AS escalated
         FROM updated u`,
      [source, externalId, feedback],
    );
    return row;
  }

  /**
   * Sets the feedback of a rule's alerts fired in the range (index `ix_alerts_rule`); counts those
   * matched and those whose feedback changed. Null when the rule has no alert at all.
   */
  async setRuleFeedback(c: RuleFeedbackCriteria): Promise<{ matched: number; updated: number } | null> {
    const [row] = await this.dataSource.query(
      `WITH matched AS (
         SELECT id, feedback FROM alerts
          WHERE source = $1 AND rule = $2
            AND ($4::timestamptz IS NULL OR fired_at >= $4::timestamptz)
            AND ($5::timestamptz IS NULL OR fired_at < $5::timestamptz)
            AND (NOT $6::boolean OR feedback IS NULL)),
       updated AS (
         UPDATE alerts a SET feedback = $3 FROM matched m
          WHERE a.id = m.id AND m.feedback IS DISTINCT FROM $3::text
         RETURNING a.id)
       SELECT (SELECT count(*) FROM matched)::int AS matched, (SELECT count(*) FROM updated)::int AS updated,
              EXISTS (SELECT 1 FROM alerts WHERE source = $1 AND rule = $2) AS "ruleExists"`,
      [c.source, c.rule, c.feedback, c.from?.toISOString() ?? null, c.to?.toISOString() ?? null, c.onlyWithoutFeedback],
    );
    return row.ruleExists ? { matched: row.matched, updated: row.updated } : null;
  }
}
