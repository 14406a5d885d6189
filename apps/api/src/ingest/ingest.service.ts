import { HttpStatus, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { DataSource, QueryRunner } from 'typeorm';
import type { IngestKind, IngestResponse, Problem } from '@firewatch/shared';
import { ChatRepository } from '../chat/chat.repository.js';
import { ProblemException } from '../common/http-exception.filter.js';
import { databaseErrorToProblem } from '../database/database-errors.js';
import type { IngestBundle, IngestMode } from './ingest-bundle.js';
import { KIND_SPECS, NOUN_OF, type KindSpec, type RefKind } from './ingest-kinds.js';
import { IngestRepository, type Id, type UpsertColumns } from './ingest.repository.js';
import { identityKey, isGiven, validateItems, type ValidItem } from './validate-items.js';

export interface IngestOptions {
  mode?: IngestMode;
  /** A webhook delivery: applied at most once, recorded in the same transaction as its data. */
  delivery?: { source: string; id: string };
  /**
   * More writes of the caller, in the same transaction after the records (an importer's cursor and
   * the rows its records replace): committed together with them or not at all. Run again on a retry.
   */
  alsoInTransaction?: (q: QueryRunner) => Promise<void>;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock
const MAX_ATTEMPTS = 5;

/** Ids of referenced records by identity key, per kind; filled as the transaction learns them. */
type ResolvedIds = Map<RefKind, Map<string, Id>>;

/**
 * Where in an item a reference is, for messages: `incident`, `services.0`, `roles.1.responder`.
 * A function for list entries, so the hot path builds no strings.
 */
type ReferencePath = string | (() => string);
const pathText = (p: ReferencePath): string => (typeof p === 'string' ? p : p());

/**
 * Ingestion: validates a bundle completely, then writes it in one transaction (all or nothing),
 * upserting by `(source, externalId)` so a re-sent batch changes nothing.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly repository: IngestRepository,
    private readonly logger: PinoLogger,
    private readonly chat: ChatRepository,
  ) {}

  /** The service outside Nest's container, on a data source of its own (the import CLIs, tests). */
  static standalone(dataSource: DataSource, logger: PinoLogger): IngestService {
    return new IngestService(new IngestRepository(dataSource), logger, new ChatRepository(dataSource));
  }

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
      const resolved = await this.checkReferences(q, validated, prefix);
      const total = { created: 0, updated: 0, unchanged: 0 };
      for (const spec of KIND_SPECS) {
        const items = validated.get(spec.kind);
        if (!items || items.length === 0) continue;
        // Sorted by identity, so concurrent batches lock rows in the same order.
        const sorted = [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        const counts = await this.writeKind(q, spec, sorted, mode, resolved, new Set(validated.keys()));
        total.created += counts.created;
        total.updated += counts.updated;
        total.unchanged += counts.unchanged;
      }
      // An incident naming a chat channel or a responder naming a chat user may be the mapping that
      // waiting chat messages lack: they become activity in this same transaction. Batches without
      // chat ids (most of them) bring no mapping and skip the look-up.
      if (bringsChatMapping(validated)) await this.chat.materialise(q);
      await options.alsoInTransaction?.(q);
      await q.commitTransaction();
      return total;
    } catch (error) {
      if (q.isTransactionActive) await q.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await q.release();
    }
  }

  /**
   * Every reference must name a record in this bundle or already stored; answers 422 listing all that
   * do not. Returns the ids of the stored records found, for the writes that follow.
   */
  private async checkReferences(q: QueryRunner, validated: Map<IngestKind, ValidItem[]>, prefix: boolean): Promise<ResolvedIds> {
    const inBatch = new Map<RefKind, Set<string>>();
    for (const kind of REF_KINDS) inBatch.set(kind, new Set((validated.get(kind) ?? []).map((i) => i.key)));
    const wanted = new Map<RefKind, Map<string, readonly [string, string]>>(REF_KINDS.map((k) => [k, new Map()]));
    for (const spec of KIND_SPECS) {
      for (const item of validated.get(spec.kind) ?? []) {
        forEachReference(spec, item, (kind, externalId, key) => {
          if (!inBatch.get(kind)!.has(key)) wanted.get(kind)!.set(key, [item.value.source, externalId]);
        });
      }
    }
    const resolved: ResolvedIds = new Map();
    let missingAny = false;
    for (const kind of REF_KINDS) {
      const keys = wanted.get(kind)!;
      const found = await this.repository.lookupIds(q, kind, [...keys.values()]);
      resolved.set(kind, found);
      if (found.size < keys.size) missingAny = true;
    }
    if (!missingAny) return resolved;

    // Only now, on the error path, describe where each unknown reference is.
    const missing: Problem[] = [];
    for (const spec of KIND_SPECS) {
      for (const item of validated.get(spec.kind) ?? []) {
        forEachReference(spec, item, (kind, externalId, key, path) => {
          if (inBatch.get(kind)!.has(key) || resolved.get(kind)!.has(key)) return;
          missing.push({
            index: item.index,
            path: prefix ? `${spec.kind}.${pathText(path)}` : pathText(path),
            message: `unknown ${NOUN_OF[kind]} "${externalId}" (source "${item.value.source}")`,
          });
        });
      }
    }
    missing.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    throw new ProblemException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      `${missing.length} reference(s) to records that exist neither in the batch nor in Firewatch; nothing was written.`,
      missing,
    );
  }

  /** Looks up ids of records written earlier in this transaction (references within the bundle). */
  private async resolveRemaining(q: QueryRunner, spec: KindSpec, items: readonly ValidItem[], resolved: ResolvedIds, inBundle: ReadonlySet<IngestKind>): Promise<void> {
    const referenced = [...spec.columns.map((c) => c.ref), ...spec.lists.flatMap((l) => l.columns.map((c) => c.ref))];
    if (!referenced.some((kind) => kind !== undefined && inBundle.has(kind))) return; // all were stored before
    const pending = new Map<RefKind, Map<string, readonly [string, string]>>();
    for (const item of items) {
      forEachReference(spec, item, (kind, externalId, key) => {
        if (resolved.get(kind)!.has(key)) return;
        let m = pending.get(kind);
        if (!m) pending.set(kind, (m = new Map()));
        m.set(key, [item.value.source, externalId]);
      });
    }
    for (const [kind, keys] of pending) {
      const found = await this.repository.lookupIds(q, kind, [...keys.values()]);
      const known = resolved.get(kind)!;
      for (const [key, id] of found) known.set(key, id);
    }
  }

  private async writeKind(q: QueryRunner, spec: KindSpec, items: ValidItem[], mode: IngestMode, resolved: ResolvedIds, inBundle: ReadonlySet<IngestKind>) {
    await this.resolveRemaining(q, spec, items, resolved, inBundle);
    const idOf = (kind: RefKind, source: string, externalId: string): Id => resolved.get(kind)!.get(identityKey(source, externalId))!;

    const needStored = mode === 'merge' || spec.lists.length > 0;
    const stored = needStored
      ? await this.repository.fetchRows(q, spec, items.map((i) => [i.value.source, i.value.externalId] as const))
      : undefined;

    const rows: UpsertColumns = {
      sources: new Array(items.length),
      externalIds: new Array(items.length),
      columns: spec.columns.map(() => new Array(items.length)),
    };
    items.forEach((item, r) => {
      const v = item.value;
      const existing = stored?.get(item.key);
      rows.sources[r] = v.source;
      rows.externalIds[r] = v.externalId;
      spec.columns.forEach((col, c) => {
        let value: unknown;
        if (mode === 'merge' && existing && !isGiven(item, col.field)) value = existing[col.column];
        else {
          const raw = v[col.field] ?? (col.fallback ? v[col.fallback] : undefined);
          value = raw === undefined || raw === null ? null : col.ref ? idOf(col.ref, v.source, raw as string) : raw;
        }
        rows.columns[c]![r] = value;
      });
    });

    if (spec.lists.length === 0) {
      const counts = await this.repository.upsertCounting(q, spec, rows);
      const updated = counts.changed - counts.created;
      return { created: counts.created, updated, unchanged: items.length - counts.created - updated };
    }

    const upserted = await this.repository.upsert(q, spec, rows);
    const changed = new Set(upserted.filter((r) => !r.inserted).map((r) => r.key));
    const inserted = new Set(upserted.filter((r) => r.inserted).map((r) => r.key));
    const ownerId = new Map<string, Id>();
    for (const [key, row] of stored!) ownerId.set(key, row.id as Id);
    for (const r of upserted) ownerId.set(r.key, r.id);
    for (const list of spec.lists) {
      const current = await this.repository.fetchList(q, list, spec.idType, [...stored!.values()].map((r) => r.id as Id));
      const touchedOwners: Id[] = [];
      const entries: unknown[][] = [];
      for (const item of items) {
        const id = ownerId.get(item.key)!;
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
          if (!inserted.has(item.key)) changed.add(item.key);
        }
      }
      await this.repository.replaceList(q, list, spec.idType, touchedOwners, entries);
    }
    const created = inserted.size;
    const updated = changed.size;
    return { created, updated, unchanged: items.length - created - updated };
  }
}

const REF_KINDS: readonly RefKind[] = ['teams', 'services', 'responders', 'incidents', 'alerts'];

/** Whether a bundle names an incident's chat channel or a responder's chat user id. */
function bringsChatMapping(validated: ReadonlyMap<IngestKind, ValidItem[]>): boolean {
  return (
    (validated.get('incidents') ?? []).some((i) => i.value.chatChannelId !== undefined) ||
    (validated.get('responders') ?? []).some((i) => i.value.chatUserId !== undefined)
  );
}

/** Calls `fn` for each reference an item makes, with the identity key of the referenced record. */
function forEachReference(
  spec: KindSpec,
  item: ValidItem,
  fn: (kind: RefKind, externalId: string, key: string, path: ReferencePath) => void,
): void {
  const v = item.value;
  for (const col of spec.columns) {
    if (!col.ref) continue;
    const ext = v[col.field];
    if (typeof ext === 'string') fn(col.ref, ext, identityKey(v.source, ext), col.field);
  }
  for (const list of spec.lists) {
    const entries = (v[list.field] as unknown[] | undefined) ?? [];
    entries.forEach((entry, i) => {
      for (const c of list.columns) {
        if (!c.ref) continue;
        const ext = c.value(entry) as string;
        const inner = typeof entry === 'object' && entry !== null ? `.${c.column.replace(/_id$/, '')}` : '';
        fn(c.ref, ext, identityKey(v.source, ext), () => `${list.field}.${i}${inner}`);
      }
    });
  }
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
