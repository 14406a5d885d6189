import { z } from 'zod';

/** Liveness answer of `GET /api/health`; also tells the dashboard whether read endpoints need a token. */
export const healthResponseSchema = z.object({
  status: z.literal('ok').describe('The process is up and serving HTTP.'),
  auth: z.enum(['on', 'off']).describe('Whether read endpoints require a bearer token (ingest always does).'),
  version: z.string().describe('Firewatch version.'),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** Readiness answer of `GET /api/health/ready` (200 when ready, 503 with the same shape when not). */
export const readinessResponseSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  database: z.enum(['up', 'down']),
  pendingMigrations: z.array(z.string()).describe('Names of migrations not yet applied.'),
  reason: z.string().optional().describe('Why the service is not ready.'),
});
export type ReadinessResponse = z.infer<typeof readinessResponseSchema>;

/**
 * How fresh an analytics answer is (SPEC §3): it reflects every change accepted before `asOf`. Derived
 * data is kept current as data arrives; during a bulk backfill the workers may lag, and say so here.
 */
export const freshnessSchema = z.object({
  asOf: z.iso.datetime().describe('Every change accepted before this instant is in the answer (the oldest change still queued, else the moment the answer was read).'),
  queuedChanges: z.number().int().min(0).describe('Changes accepted but not yet in the derived data the answer was read from.'),
  lagSeconds: z.number().min(0).describe('How long the oldest of them has waited; 0 when none.'),
});
export type Freshness = z.infer<typeof freshnessSchema>;

/** One option of a filter list (teams, services). */
export const namedRecordSchema = z.object({
  externalId: z.string(),
  name: z.string(),
});
export type NamedRecord = z.infer<typeof namedRecordSchema>;

/** `GET /api/v1/teams` */
export const teamListResponseSchema = z.object({ items: z.array(namedRecordSchema) });
export type TeamListResponse = z.infer<typeof teamListResponseSchema>;

/** `GET /api/v1/services` */
export const serviceListResponseSchema = z.object({
  items: z.array(namedRecordSchema.extend({ team: z.string().nullable(), tier: z.number().int().nullable() })),
});
export type ServiceListResponse = z.infer<typeof serviceListResponseSchema>;

/** Counts of one ingest request: every item is exactly one of created, updated or unchanged. */
export const ingestCountsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type IngestCounts = z.infer<typeof ingestCountsSchema>;

/** Answer of `POST /api/v1/ingest/{kind}` and of the webhooks. */
export const ingestResponseSchema = ingestCountsSchema.extend({
  duplicateDelivery: z.boolean().optional().describe('The webhook delivery was already processed; nothing changed.'),
});
export type IngestResponse = z.infer<typeof ingestResponseSchema>;
