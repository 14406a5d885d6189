import { z } from 'zod';
import { ANNOTATION_KINDS } from '../ingest/entities.js';
import { isoDateSchema } from '../time/index.js';
import { analyticsFiltersShape } from './filters.js';
import { namedRecordSchema } from './meta.js';

/**
 * Query of `GET /api/v1/annotations`: without `from` and `to`, every annotation; with either, those
 * whose time `[at, endAt]` touches the local days `[from, to)` (defaults as for the analytics filters).
 */
export const annotationListQuerySchema = z.strictObject({
  from: analyticsFiltersShape.from,
  to: analyticsFiltersShape.to,
});
export type AnnotationListQuery = z.output<typeof annotationListQuerySchema>;

/** A dated event drawn on charts (SPEC §1 Annotation). */
export const annotationListItemSchema = z.object({
  externalId: z.string(),
  title: z.string(),
  kind: z.enum(ANNOTATION_KINDS).describe('launch, migration, freeze, reorg or other.'),
  at: z.string().describe('ISO 8601 instant the event starts.'),
  endAt: z.string().nullable().describe('ISO 8601 instant it ends; null for a point in time.'),
  date: isoDateSchema.describe('Local date of `at` in the organisation time zone.'),
  endDate: isoDateSchema.nullable().describe('Local date of `endAt` in the organisation time zone; null for a point in time.'),
  services: z.array(namedRecordSchema).describe('Services it concerns, by name; empty = not tied to services.'),
});
export type AnnotationListItem = z.infer<typeof annotationListItemSchema>;

/** `GET /api/v1/annotations`: oldest first. */
export const annotationListResponseSchema = z.object({
  timezone: z.string().describe('Organisation IANA time zone of `date` and `endDate`.'),
  items: z.array(annotationListItemSchema),
});
export type AnnotationListResponse = z.infer<typeof annotationListResponseSchema>;
