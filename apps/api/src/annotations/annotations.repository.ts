import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { NamedRecord } from '@firewatch/shared';

/** An annotation as stored, with the services it concerns. */
export interface AnnotationRow {
  externalId: string;
  title: string;
  kind: string;
  at: Date;
  endAt: Date | null;
  services: NamedRecord[];
}

@Injectable()
export class AnnotationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Annotations whose time `[at, endAt]` (a point when `endAt` is null) touches `[from, to)`, oldest
   * first; every annotation when no bounds are given.
   */
  list(bounds: { from: Date; to: Date } | null): Promise<AnnotationRow[]> {
    return this.dataSource.query(
      `SELECT a.external_id AS "externalId", a.title, a.kind, a.at, a.end_at AS "endAt",
              coalesce(json_agg(json_build_object('externalId', s.external_id, 'name', s.name) ORDER BY lower(s.name), s.external_id)
                         FILTER (WHERE s.id IS NOT NULL), '[]') AS services
         FROM annotations a
         LEFT JOIN annotation_services ans ON ans.annotation_id = a.id
         LEFT JOIN services s ON s.id = ans.service_id
        WHERE $1::timestamptz IS NULL OR (a.at < $2 AND coalesce(a.end_at, a.at) >= $1)
        GROUP BY a.id
        ORDER BY a.at, a.external_id`,
      [bounds?.from ?? null, bounds?.to ?? null],
    );
  }
}
