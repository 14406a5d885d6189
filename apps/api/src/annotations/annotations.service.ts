import { Injectable } from '@nestjs/common';
import { localDate, type AnnotationListItem, type AnnotationListQuery, type AnnotationListResponse } from '@firewatch/shared';
import { resolveQueryRange } from '../common/parse-query.js';
import { SettingsRepository } from '../settings/settings.repository.js';
import { AnnotationsRepository, type AnnotationRow } from './annotations.repository.js';

/** A stored annotation as the API lists it, its dates local to `timeZone`. */
export function toAnnotationListItem(row: AnnotationRow, timeZone: string): AnnotationListItem {
  return {
    externalId: row.externalId,
    title: row.title,
    kind: row.kind as AnnotationListItem['kind'],
    at: row.at.toISOString(),
    endAt: row.endAt?.toISOString() ?? null,
    date: localDate(row.at, timeZone),
    endDate: row.endAt ? localDate(row.endAt, timeZone) : null,
    services: row.services,
  };
}

@Injectable()
export class AnnotationsService {
  constructor(
    private readonly repository: AnnotationsRepository,
    private readonly settings: SettingsRepository,
  ) {}

  /** Every annotation, or those touching `[from, to)` when either bound is given (org time zone). */
  async list(query: AnnotationListQuery, now = new Date()): Promise<AnnotationListResponse> {
    const { timezone } = await this.settings.read();
    const bounded = query.from !== undefined || query.to !== undefined;
    const range = bounded ? resolveQueryRange(query, timezone, now) : null;
    const rows = await this.repository.list(range ? { from: range.from, to: range.to } : null);
    return { timezone, items: rows.map((row) => toAnnotationListItem(row, timezone)) };
  }
}
