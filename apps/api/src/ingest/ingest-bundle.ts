import type { IngestKind } from '@firewatch/shared';

/**
 * Records of several kinds to ingest together in one transaction (all or nothing). Items are
 * unvalidated input in the shape of the ingest schemas of `@firewatch/shared`; references between
 * items (an activity's `incident`, a page's `alert`) are external ids in the item's own `source`.
 */
export type IngestBundle = Partial<Record<IngestKind, unknown[]>>;

/**
 * `replace`: a re-sent record takes exactly the fields given (omitted optional fields become empty).
 * `merge`: omitted optional fields keep their stored value, and list fields (services, causes,
 * roles) are added to, never removed from; webhooks use it since each event carries a partial view.
 */
export type IngestMode = 'replace' | 'merge';
