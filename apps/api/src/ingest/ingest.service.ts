import { HttpStatus, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { QueryRunner } from 'typeorm';
import type { IngestKind, IngestResponse, Problem } from '@firewatch/shared';
import { ProblemException } from '../common/http-exception.filter.js';
import { databaseErrorToProblem } from '../database/database-errors.js';
import type { IngestBundle, IngestMode } from './ingest-bundle.js';
import { KIND_SPECS, NOUN_OF, type KindSpec, type RefKind } from './ingest-kinds.js';
import { identityKey, IngestRepository, type Id, type UpsertRow } from './ingest.repository.js';
import { validateItems, type ValidItem } from './validate-items.js';

export interface IngestOptions {
  mode?: IngestMode;
  /** A webhook delivery: applied at most once, recorded in the same transaction as its data. */
  delivery?: { source: string; id: string };
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock
const MAX_ATTEMPTS = 5;

interface RefUse {
  kind: RefKind;
  source: string;
  externalId: string;
  index: number;
  path: string;
}

const sortKey = (a: ValidItem, b: ValidItem) => {
  const ka = identityKey(a.value.source, a.value.externalId);
  const kb = identityKey(b.value.source, b.value.externalId);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/**
 * Ingestion: validates a bundle completely, then writes it in one transaction (all or nothing),
 * upserting by `(source, externalId)` so a re-sent batch changes nothing.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly repository: IngestRepository,
    private readonly logger: PinoLogger,
  ) {}

  async ingest(bundle: IngestBundle, options: IngestOptions = {}): Promise<IngestResponse> {
    const kinds = KIND_SPECS.filter((s) => bundle[s.kind] !== undefined);
    const prefix = kinds.length > 1;
    const validated = new Map<IngestKind, ValidItem[]>();
    const problems: Problem[] = [];
    for (const spec of kinds) {
      const { valid, problems: found } = validateItems(spec.kind, bundle[spec.kind]!);
      validated.set(spec.kind, valid);
      problems.push(...found.map((p) => (prefix ? { ...p, path: `${spec.kind}${p.path ? `.${p.path}` : ''}` } : p)));
    }
    if (problems.length > 0) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, `${problems.length} problem(s) in the batch; nothing was written.`, problems);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.write(validated, options, prefix);
      } catch (error) {
        const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
          this.logger.warn({ code, attempt }, 'ingest transaction conflicted; retrying');
          await new Promise((r) => setTimeout(r, 10 * 2 ** attempt * Math.random()));
          continue;
        }
        throw databaseErrorToProblem(error) ?? error;
      }
    }
  }

  private async write(validated: Map<IngestKind, ValidItem[]>, options: IngestOptions, prefix: boolean): Promise<IngestResponse> {
    const mode = options.mode ?? 'replace';
    const q = this.repository.queryRunner();
    await q.connect();
    await q.startTransaction('READ COMMITTED');
    try {
      if (options.delivery && !(await this.repository.recordDelivery(q, options.delivery.source, options.delivery.id))) {
        await q.rollbackTransaction();
        return { created: 0, updated: 0, unchanged: 0, duplicateDelivery: true };
      }
      await this.checkReferences(q, validated, prefix);
      const total = { created: 0, updated: 0, unchanged: 0 };
      for (const spec of KIND_SPECS) {
        const items = validated.get(spec.kind);
        if (!items || items.length === 0) continue;
        const counts = await this.writeKind(q, spec, [...items].sort(sortKey), mode);
        total.created += counts.created;
        total.updated += counts.updated;
        total.unchanged += counts.unchanged;
      }
      await q.commitTransaction();
      return total;
    } catch (error) {
      if (q.isTransactionActive) await q.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await q.release();
    }
  }

  /** Every reference must name a record in this bundle or already stored; lists all that do not (422). */
  private async checkReferences(q: QueryRunner, validated: Map<IngestKind, ValidItem[]>, prefix: boolean): Promise<void> {
    const inBatch = new Map<RefKind, Set<string>>();
    for (const kind of ['teams', 'services', 'responders', 'incidents', 'alerts'] as const) {
      inBatch.set(kind, new Set((validated.get(kind) ?? []).map((i) => identityKey(i.value.source, i.value.externalId))));
    }
    const uses: RefUse[] = [];
    for (const spec of KIND_SPECS) {
      for (const item of validated.get(spec.kind) ?? []) {
        for (const use of referencesOf(spec, item)) {
          if (!inBatch.get(use.kind)!.has(identityKey(use.source, use.externalId))) {
            uses.push({ ...use, path: prefix ? `${spec.kind}.${use.path}` : use.path });
          }
        }
      }
    }
    if (uses.length === 0) return;
    const missing: Problem[] = [];
    for (const kind of new Set(uses.map((u) => u.kind))) {
      const ofKind = uses.filter((u) => u.kind === kind);
      const found = await this.repository.lookupIds(q, kind, uniqueKeys(ofKind));
      for (const u of ofKind) {
        if (!found.has(identityKey(u.source, u.externalId))) {
          missing.push({ index: u.index, path: u.path, message: `unknown ${NOUN_OF[kind]} "${u.externalId}" (source "${u.source}")` });
        }
      }
    }
    if (missing.length > 0) {
      missing.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        `${missing.length} reference(s) to records that exist neither in the batch nor in Firewatch; nothing was written.`,
        missing,
      );
    }
  }

  private async writeKind(q: QueryRunner, spec: KindSpec, items: ValidItem[], mode: IngestMode) {
    // Ids of referenced records; earlier kinds of the bundle are already written.
    const uses = items.flatMap((item) => referencesOf(spec, item));
    const ids = new Map<RefKind, Map<string, Id>>();
    for (const kind of new Set(uses.map((u) => u.kind))) {
      ids.set(kind, await this.repository.lookupIds(q, kind, uniqueKeys(uses.filter((u) => u.kind === kind))));
    }
    const idOf = (kind: RefKind, source: string, externalId: string): Id => ids.get(kind)!.get(identityKey(source, externalId))!;

    const needStored = mode === 'merge' || spec.lists.length > 0;
    const stored = needStored
      ? await this.repository.fetchRows(q, spec, items.map((i) => [i.value.source, i.value.externalId] as const))
      : new Map<string, Record<string, unknown>>();

    const rows: UpsertRow[] = items.map((item) => {
      const v = item.value;
      const existing = stored.get(identityKey(v.source, v.externalId));
      const values = spec.columns.map((col) => {
        if (mode === 'merge' && existing && !item.given.has(col.field)) return existing[col.column];
        const raw = v[col.field] ?? (col.fallback ? v[col.fallback] : undefined);
        if (raw === undefined || raw === null) return null;
        return col.ref ? idOf(col.ref, v.source, raw as string) : raw;
      });
      return { source: v.source, externalId: v.externalId, values };
    });
    const upserted = await this.repository.upsert(q, spec, rows);

    const changed = new Set(upserted.filter((r) => !r.inserted).map((r) => r.key));
    const inserted = new Set(upserted.filter((r) => r.inserted).map((r) => r.key));
    const created = inserted.size;

    if (spec.lists.length > 0) {
      const ownerId = new Map<string, Id>();
      for (const [key, row] of stored) ownerId.set(key, row.id as Id);
      for (const r of upserted) ownerId.set(r.key, r.id);
      const owners = items.map((i) => ({ item: i, key: identityKey(i.value.source, i.value.externalId) }));
      for (const list of spec.lists) {
        const current = await this.repository.fetchList(q, list, spec.idType, [...stored.values()].map((r) => r.id as Id));
        const touchedOwners: Id[] = [];
        const entries: unknown[][] = [];
        for (const { item, key } of owners) {
          const id = ownerId.get(key)!;
          const before = current.get(String(id)) ?? [];
          // Replace: the list is exactly what the item says. Merge: entries are only ever added.
          const keep = mode === 'merge' ? before : [];
          const fromItem = ((item.value[list.field] as unknown[] | undefined) ?? []).map((entry) =>
            list.columns.map((c) => {
              const raw = c.value(entry);
              return c.ref ? idOf(c.ref, item.value.source, raw as string) : raw;
            }),
          );
          const after = dedupe([...keep, ...fromItem]);
          if (!sameEntries(before, after)) {
            touchedOwners.push(id);
            for (const e of after) entries.push([id, ...e]);
            if (!inserted.has(key)) changed.add(key);
          }
        }
        await this.repository.replaceList(q, list, spec.idType, touchedOwners, entries);
      }
    }
    const updated = changed.size;
    return { created, updated, unchanged: items.length - created - updated };
  }
}

/** References an item makes: its reference columns and the references inside its list fields. */
function referencesOf(spec: KindSpec, item: ValidItem): RefUse[] {
  const v = item.value;
  const uses: RefUse[] = [];
  for (const col of spec.columns) {
    const ext = v[col.field];
    if (col.ref && typeof ext === 'string') uses.push({ kind: col.ref, source: v.source, externalId: ext, index: item.index, path: col.field });
  }
  for (const list of spec.lists) {
    const entries = (v[list.field] as unknown[] | undefined) ?? [];
    entries.forEach((entry, i) => {
      for (const c of list.columns) {
        if (!c.ref) continue;
        const inner = typeof entry === 'object' && entry !== null ? `.${c.column.replace(/_id$/, '')}` : '';
        uses.push({ kind: c.ref, source: v.source, externalId: c.value(entry) as string, index: item.index, path: `${list.field}.${i}${inner}` });
      }
    });
  }
  return uses;
}

function uniqueKeys(uses: readonly RefUse[]): Array<[string, string]> {
  const seen = new Map<string, [string, string]>();
  for (const u of uses) seen.set(identityKey(u.source, u.externalId), [u.source, u.externalId]);
  return [...seen.values()];
}

const entryKey = (e: unknown[]) => JSON.stringify(e.map((x) => String(x)));

function dedupe(entries: unknown[][]): unknown[][] {
  const seen = new Map<string, unknown[]>();
  for (const e of entries) seen.set(entryKey(e), e);
  return [...seen.values()];
}

function sameEntries(a: unknown[][], b: unknown[][]): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(a.map(entryKey));
  return b.every((e) => keys.has(entryKey(e)));
}
