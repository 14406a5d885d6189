import { INGEST_KINDS, ingestSchemas, type IngestKind, type Problem } from '@firewatch/shared';
import { z } from 'zod';
import type { IngestBundle } from '../ingest/ingest-bundle.js';

/**
 * What every vendor mapper returns. Mappers are pure and never throw: a payload they cannot read is
 * `invalid` with every problem listed, an event Firewatch has no use for is `ignored` with the reason.
 */
export type WebhookProblem = Pick<Problem, 'path' | 'message'>;
export interface WebhookMapped {
  kind: 'mapped';
  /** Items for ingest mode `merge`: each event carries a partial view of its records. */
  bundle: IngestBundle;
}
export interface WebhookIgnored {
  kind: 'ignored';
  reason: string;
}
export interface WebhookInvalid {
  kind: 'invalid';
  problems: WebhookProblem[];
}

/** An ingest item of one kind, as its shared schema accepts it (before defaults are applied). */
export type IngestItem<K extends IngestKind> = z.input<(typeof ingestSchemas)[K]>;

/** Dotted path of a zod issue under `prefix`, e.g. `event.data.created_at` or `alerts.0.startsAt`. */
export function zodProblems(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): WebhookProblem[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * Collects the items of one webhook delivery. An item is kept once per `(kind, externalId)`: the same
 * responder can be both the agent and an assignee of an event, and is emitted a single time.
 */
export class IngestBundleBuilder {
  private readonly items = new Map<IngestKind, Map<string, unknown>>();

  add<K extends IngestKind>(kind: K, item: IngestItem<K>): void {
    let byId = this.items.get(kind);
    if (!byId) this.items.set(kind, (byId = new Map()));
    if (!byId.has(item.externalId)) byId.set(item.externalId, item);
  }

  get isEmpty(): boolean {
    return this.items.size === 0;
  }

  /**
   * The bundle in dependency order (teams, services, responders, incidents, alerts, pages, activity),
   * or every problem of the items their shared schema would refuse: a vendor value that slipped past
   * the mapper's own checks is reported here, by kind and index, instead of surfacing later as an
   * ingest failure with no link to the delivery.
   */
  build(): WebhookMapped | WebhookInvalid {
    const bundle: IngestBundle = {};
    const problems: WebhookProblem[] = [];
    for (const kind of INGEST_KINDS) {
      const items = [...(this.items.get(kind)?.values() ?? [])];
      if (items.length === 0) continue;
      items.forEach((item, index) => {
        const parsed = ingestSchemas[kind].safeParse(item);
        if (!parsed.success) problems.push(...zodProblems(parsed.error, [kind, index]));
      });
      bundle[kind] = items;
    }
    return problems.length > 0 ? { kind: 'invalid', problems } : { kind: 'mapped', bundle };
  }
}

// Control characters that the shared `textSchema` refuses (tab, newline and carriage return pass).
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Vendor free text (a title, a person's name) made fit for a text field of `maxChars`: control
 * characters removed, trimmed, and cut with an ellipsis when too long. `undefined` when nothing is left.
 */
export function toText(value: string | null | undefined, maxChars: number): string | undefined {
  const text = value?.replace(CONTROL_CHARS, '').trim();
  if (!text) return undefined;
  if (text.length <= maxChars) return text;
  // Never split a surrogate pair: an unpaired half is not valid text.
  const cut = text.slice(0, maxChars - 1).replace(/[\uD800-\uDBFF]$/, '');
  return `${cut}…`;
}

/**
 * A date-time in a vendor payload: ISO 8601 / RFC 3339 with an offset, any fraction of a second.
 * A missing value keeps zod's "expected string, received undefined"; a malformed one is explained.
 */
export const vendorDateTimeSchema = z.iso.datetime({
  offset: true,
  error: (issue) => (issue.input === undefined ? undefined : 'must be an ISO 8601 date-time with an offset'),
});

/** A vendor date-time (already checked as ISO 8601 with an offset) as UTC with milliseconds. */
export function toInstant(isoDateTime: string): string {
  return new Date(isoDateTime).toISOString();
}

// Go renders an unset time as year 1 (`0001-01-01T00:00:00Z`); anything before 1970 is such a placeholder.
const EARLIEST_REAL_INSTANT_MS = Date.UTC(1970, 0, 1);

/** Whether a vendor date-time is a real instant rather than an "unset" placeholder such as year 1. */
export function isRealInstant(isoDateTime: string): boolean {
  return Date.parse(isoDateTime) >= EARLIEST_REAL_INSTANT_MS;
}
