import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';

export interface ImportCursorRow {
  rangeStart: Date;
  rangeEnd: Date;
  doneUntil: Date;
}

/** Rows of the webhooks an import replaced. */
export interface ReplacedWebhookRows {
  pages: number;
  activity: number;
}

/** The SQL of the history import: its cursor, and the webhook rows its records replace. */
@Injectable()
export class PagerDutyImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async readCursor(source: string): Promise<ImportCursorRow | undefined> {
    const [row]: Array<{ range_start: Date; range_end: Date; done_until: Date }> = await this.dataSource.query(
      `SELECT range_start, range_end, done_until FROM import_cursors WHERE source = $1`,
      [source],
    );
    return row && { rangeStart: row.range_start, rangeEnd: row.range_end, doneUntil: row.done_until };
  }

  /** Stores the cursor inside the batch's transaction, so it moves exactly when the batch commits. */
  async saveCursor(q: QueryRunner, source: string, cursor: ImportCursorRow): Promise<void> {
    await q.query(
      `INSERT INTO import_cursors (source, range_start, range_end, done_until, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (source) DO UPDATE
         SET range_start = EXCLUDED.range_start, range_end = EXCLUDED.range_end, done_until = EXCLUDED.done_until, updated_at = now()`,
      [source, cursor.rangeStart, cursor.rangeEnd, cursor.doneUntil],
    );
  }

  /**
   * Deletes what the webhooks synthesised for incidents the import has read (their ids are both the
   * alert's and the incident's external id): the alerts' webhook pages (`<eventId>:page:<userId>`)
   * and the incidents' webhook activity (`<eventId>:activity`) of the given kinds.
   */
  async replaceWebhookRecords(q: QueryRunner, source: string, incidentIds: readonly string[], activityKinds: readonly string[]): Promise<ReplacedWebhookRows> {
    if (incidentIds.length === 0) return { pages: 0, activity: 0 };
    // A DELETE answers [rows, rowCount].
    const [, pages]: [unknown[], number] = await q.query(
      `DELETE FROM pages p USING alerts a
        WHERE p.alert_id = a.id AND a.source = $1 AND a.external_id = ANY($2::text[])
          AND p.source = $1 AND p.external_id LIKE '%:page:%'`,
      [source, incidentIds],
    );
    const [, activity]: [unknown[], number] = await q.query(
      `DELETE FROM activity x USING incidents i
        WHERE x.incident_id = i.id AND i.source = $1 AND i.external_id = ANY($2::text[])
          AND x.source = $1 AND x.external_id LIKE '%:activity' AND x.kind = ANY($3::text[])`,
      [source, incidentIds, activityKinds],
    );
    return { pages, activity };
  }
}
