import { readdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@firewatch/api/database/data-source-options.js';
import { KIND_SPECS, TABLE_OF, type KindSpec, type RefKind } from '@firewatch/api/ingest/ingest-kinds.js';
import { IngestRepository, type UpsertColumns } from '@firewatch/api/ingest/ingest.repository.js';
import { MAX_INGEST_ITEMS, type IngestKind } from '@firewatch/shared';
import { startApi, type ApiProcess } from '../api-process.js';
import { copyBatches, copyInto, copyTextChunks } from '../copy.js';
import { createApiToken, startBenchDatabase, type BenchDatabase } from '../database.js';
import { activityItems, alertItems, BENCH_SOURCE, pageItems, referenceData, VOLUME_AT_SCALE_1, type ReferenceData } from '../dataset.js';
import { row, type Figure, type FigureContext, type FigureRow } from '../figure.js';
import { ingestAll, ingestBodies, postBatches, prepareIngest } from '../ingest-client.js';
import { cpuSecondsOf, machineCpuSeconds, postgresCpuSeconds } from '../proc.js';
import { readCpuProfile, renderCpuProfileSummary } from '../profile/cpu-profile.js';
import { pairedRatio, summarise } from '../stats.js';

/** Concurrent HTTP clients, as the issue specifies (each sends 10,000-item batches). */
export const CONCURRENT_CLIENTS = 2;
/** Ingest must reach at least half the throughput of raw COPY into the same table. */
const TARGET = { minRatio: 0.5 };
const VOLUME_KINDS = ['activity', 'alerts', 'pages'] as const;
/** Share of the machine's CPU used by anything else during a timed run beyond which the run is flagged. */
const DISTURBED_SHARE = 0.1;
type VolumeKind = (typeof VOLUME_KINDS)[number];

interface Timed {
  /** Rows (items) per second. */
  rate: number;
  wallSeconds: number;
  apiCpuSeconds: number;
  postgresCpuSeconds: number;
  /** The benchmark's own process (HTTP or COPY client): it shares the cores with the measured ones. */
  benchCpuSeconds: number;
  /** CPU used meanwhile by processes that are not part of the measurement, and stolen by the hypervisor. */
  otherCpuSeconds: number;
  stealSeconds: number;
}

interface Stack {
  db: BenchDatabase;
  api: ApiProcess;
  token: string;
  /** The API's own SQL layer, run in the bench process (to time the SQL of ingest without HTTP, JSON and validation). */
  repository: IngestRepository;
}

/**
 * Each batch as the API writes it: one READ COMMITTED transaction around `IngestRepository.upsert`
 * of rows whose references are resolved, from `clients` connections at once.
 */
async function upsertBatches(repository: IngestRepository, spec: KindSpec, batches: readonly UpsertColumns[], clients: number, signal: AbortSignal): Promise<number> {
  let next = 0;
  let created = 0;
  const sender = async () => {
    while (next < batches.length) {
      signal.throwIfAborted();
      const batch = batches[next++]!;
      const q = repository.queryRunner();
      await q.connect();
      try {
        await q.startTransaction('READ COMMITTED');
        const counts = await repository.upsertCounting(q, spec, batch);
        await q.commitTransaction();
        created += counts.created;
      } catch (error) {
        if (q.isTransactionActive) await q.rollbackTransaction();
        throw error;
      } finally {
        await q.release();
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, sender));
  return created;
}

const specOf = (kind: IngestKind): KindSpec => KIND_SPECS.find((s) => s.kind === kind)!;

/** Runs `work` and measures its wall time and the CPU the API process and PostgreSQL spent meanwhile. */
async function timed(stack: Stack, rows: number, work: () => Promise<void>): Promise<Timed> {
  const api0 = cpuSecondsOf(stack.api.pid);
  const pg0 = postgresCpuSeconds(stack.db.postmasterPid);
  const bench0 = process.cpuUsage();
  const machine0 = machineCpuSeconds();
  const t0 = performance.now();
  await work();
  const wallSeconds = (performance.now() - t0) / 1000;
  const machine = machineCpuSeconds();
  const bench = process.cpuUsage(bench0);
  const measured = {
    apiCpuSeconds: cpuSecondsOf(stack.api.pid) - api0,
    postgresCpuSeconds: postgresCpuSeconds(stack.db.postmasterPid) - pg0,
    benchCpuSeconds: (bench.user + bench.system) / 1e6,
  };
  const own = measured.apiCpuSeconds + measured.postgresCpuSeconds + measured.benchCpuSeconds;
  return {
    rate: rows / wallSeconds,
    wallSeconds,
    ...measured,
    otherCpuSeconds: Math.max(0, machine.busy - machine0.busy - own),
    stealSeconds: machine.steal - machine0.steal,
  };
}

/** Ids of the stored bench records of a kind, by external id (for the COPY baseline's rows). */
async function idsOf(client: pg.Client, kind: RefKind): Promise<Map<string, string>> {
  const { rows } = await client.query<{ external_id: string; id: string }>(`SELECT external_id, id::text FROM ${TABLE_OF[kind]} WHERE source = $1`, [
    BENCH_SOURCE,
  ]);
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

/**
 * The rows the API stores for these items, in COPY column order: identity, then the kind's columns
 * mapped exactly as the API maps them (same spec, references resolved to ids).
 */
async function copyRows(client: pg.Client, spec: KindSpec, items: ReadonlyArray<Record<string, unknown>>): Promise<unknown[][]> {
  const ids = new Map<RefKind, Map<string, string>>();
  for (const col of spec.columns) if (col.ref && !ids.has(col.ref)) ids.set(col.ref, await idsOf(client, col.ref));
  return items.map((item) => [
    item.source,
    item.externalId,
    ...spec.columns.map((col) => {
      const raw = item[col.field] ?? (col.fallback ? item[col.fallback] : undefined);
      if (raw === undefined || raw === null || !col.ref) return raw ?? null;
      const id = ids.get(col.ref)!.get(raw as string);
      if (id === undefined) throw new Error(`bench data: ${spec.kind} ${String(item.externalId)} references unknown ${col.ref} ${String(raw)}`);
      return id;
    }),
  ]);
}

/** Index definitions with the table and index names taken out, to compare two tables' indexes. */
async function indexShapes(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1`, [table]);
  return rows.map((r) => r.indexdef.replace(/^CREATE (UNIQUE )?INDEX \S+ ON public\.\S+/, 'CREATE $1INDEX ON t')).sort();
}

/** Rows of one table missing from the other (compared on every column but the generated id). */
async function differingRows(client: pg.Client, spec: KindSpec, a: string, b: string): Promise<number> {
  const cols = ['source', 'external_id', ...spec.columns.map((c) => c.column)].join(', ');
  const { rows } = await client.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM (SELECT ${cols} FROM ${a} EXCEPT ALL SELECT ${cols} FROM ${b}) d)
          + (SELECT count(*) FROM (SELECT ${cols} FROM ${b} EXCEPT ALL SELECT ${cols} FROM ${a}) d) AS n`,
  );
  return Number(rows[0]!.n);
}

const DEADLOCK_DETECTED = '40P01';
const DROP_ATTEMPTS = 5;

/**
 * Drops the bench's copies of a table. Dropping the copy with foreign keys removes its triggers from the
 * referenced tables, which takes their strongest lock; the API's workload worker, still catching up with
 * the ingest, may be reading those tables, and PostgreSQL may then end the DROP as a deadlock victim
 * (nothing was dropped): it is tried again.
 */
async function dropCopies(client: pg.Client, tables: readonly string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`DROP TABLE ${tables.join(', ')}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= DROP_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** Empties a table before a fresh run; a checkpoint keeps the previous run's dirty pages out of the timing. */
async function empty(client: pg.Client, tables: string): Promise<void> {
  await client.query(`TRUNCATE ${tables}`);
  await client.query('CHECKPOINT');
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const ratioText = (n: number) => `${n.toFixed(2)}×`;

/** A table with the columns, defaults, checks and indexes of `table` (LIKE … INCLUDING ALL copies no foreign key). */
async function likeTable(client: pg.Client, name: string, table: string, withForeignKeys: boolean): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${name}`);
  await client.query(`CREATE TABLE ${name} (LIKE ${table} INCLUDING ALL)`);
  const [real, copy] = [await indexShapes(client, table), await indexShapes(client, name)];
  if (real.join('\n') !== copy.join('\n')) throw new Error(`${name} does not have the indexes of ${table}:\n${real.join('\n')}\nvs\n${copy.join('\n')}`);
  if (!withForeignKeys) return;
  const { rows } = await client.query<{ def: string }>(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`, [table]);
  for (const r of rows) await client.query(`ALTER TABLE ${name} ADD ${r.def}`);
}

/** One way of storing the rows, timed into an emptied table. */
interface Method {
  tables: string;
  run(): Promise<void>;
  results: Timed[];
}

async function measureKind(ctx: FigureContext, stack: Stack, kind: VolumeKind, items: ReadonlyArray<Record<string, unknown>>): Promise<FigureRow[]> {
  const { client } = stack.db;
  const spec = specOf(kind);
  const table = spec.table;
  const benchTable = `bench_${table}`;
  const fkTable = `bench_fk_${table}`;
  const sqlTable = `bench_sql_${table}`;
  await likeTable(client, benchTable, table, false);
  await likeTable(client, fkTable, table, true);
  await likeTable(client, sqlTable, table, true);
  const indexCount = (await indexShapes(client, table)).length;

  ctx.progress(`ingest ${kind}: preparing ${items.length.toLocaleString('en')} items`);
  const bodies = ingestBodies(items);
  const columns = ['source', 'external_id', ...spec.columns.map((c) => c.column)];
  const rows = await copyRows(client, spec, items);
  const oneStream = copyTextChunks(rows);
  const batches: Buffer[][] = [];
  const upsertRows: UpsertColumns[] = [];
  for (let i = 0; i < rows.length; i += MAX_INGEST_ITEMS) {
    const batch = rows.slice(i, i + MAX_INGEST_ITEMS);
    batches.push(copyTextChunks(batch));
    // Generated external ids are in identity order already, as the service sorts them.
    upsertRows.push({
      sources: batch.map((r) => r[0] as string),
      externalIds: batch.map((r) => r[1] as string),
      columns: spec.columns.map((_, c) => batch.map((r) => r[c + 2])),
    });
  }
  const connections = [client, ...(await Promise.all(Array.from({ length: CONCURRENT_CLIENTS - 1 }, () => stack.db.connect())))];

  const expectStored = (what: string) => (stored: number) => {
    if (stored !== items.length) throw new Error(`${what} stored ${stored} of ${items.length} ${kind} rows`);
  };
  const method = (tables: string, run: () => Promise<void>): Method => ({ tables, run, results: [] });
  // Alerts are referenced by pages, activity by the chat messages it came from: a fresh run empties both.
  const realTables = kind === 'alerts' ? 'pages, alerts' : kind === 'activity' ? 'chat_messages, activity' : table;
  const methods = {
    copy: method(benchTable, () => copyBatches(connections, benchTable, columns, batches, ctx.cleanup.signal).then(expectStored('COPY'))),
    api: method(
      realTables,
      async () => {
        const counts = await postBatches(stack.api.url, stack.token, kind, bodies, CONCURRENT_CLIENTS, ctx.cleanup.signal);
        if (counts.created !== items.length) throw new Error(`ingest of ${kind} created ${counts.created} of ${items.length}: ${JSON.stringify(counts)}`);
      },
    ),
    sqlOnly: method(sqlTable, () =>
      upsertBatches(stack.repository, { ...spec, table: sqlTable }, upsertRows, CONCURRENT_CLIENTS, ctx.cleanup.signal).then(expectStored('the upsert alone')),
    ),
    copyWithForeignKeys: method(fkTable, () => copyBatches(connections, fkTable, columns, batches, ctx.cleanup.signal).then(expectStored('COPY with foreign keys'))),
    copyOneStream: method(benchTable, () => copyInto(client, benchTable, columns, oneStream).then(expectStored('one COPY'))),
  };
  const all = Object.values(methods);
  for (let run = 0; run < ctx.runs; run++) {
    // Rotate which method goes first, so that drift of the machine does not favour one of them.
    for (const m of [...all.slice(run % all.length), ...all.slice(0, run % all.length)]) {
      await empty(client, m.tables);
      m.results.push(await timed(stack, items.length, m.run));
    }
    ctx.progress(`ingest ${kind}: run ${run + 1}/${ctx.runs}: API ${Math.round(methods.api.results.at(-1)!.rate)} items/s, COPY ${Math.round(methods.copyWithForeignKeys.results.at(-1)!.rate)} rows/s`);
  }

  // Every way must have stored the same rows, or the comparison means nothing.
  for (const other of [table, fkTable, sqlTable]) {
    const differing = await differingRows(client, spec, other, benchTable);
    if (differing !== 0) throw new Error(`${other} and ${benchTable} (via COPY) differ in ${differing} rows`);
  }

  // The same batches again: every item is unchanged (the upsert's IS DISTINCT FROM check skips it).
  const resent = method(table, async () => {
    const counts = await postBatches(stack.api.url, stack.token, kind, bodies, CONCURRENT_CLIENTS, ctx.cleanup.signal);
    if (counts.unchanged !== items.length) throw new Error(`re-sent ${kind}: ${JSON.stringify(counts)}, expected all unchanged`);
  });
  for (let run = 0; run < ctx.runs; run++) resent.results.push(await timed(stack, items.length, resent.run));
  await dropCopies(client, [benchTable, fkTable, sqlTable]);

  const rates = (m: Method) => m.results.map((t) => t.rate);
  const median = (m: Method, f: (t: Timed) => number) => summarise(m.results.map(f)).median;
  const { api, copy, copyWithForeignKeys, sqlOnly } = methods;
  const wall = (m: Method) => median(m, (t) => t.wallSeconds);
  const cpu = (m: Method) => `PostgreSQL ${fmt(median(m, (t) => t.postgresCpuSeconds))} CPU-s`;
  const busy = (m: Method) => median(m, (t) => (t.apiCpuSeconds + t.postgresCpuSeconds + t.benchCpuSeconds) / t.wallSeconds / availableParallelism());
  ctx.findings.push(
    `**${kind}** (${items.length.toLocaleString('en')} rows, medians). Via the API: ${fmt(wall(api))} s wall; API process ${fmt(median(api, (t) => t.apiCpuSeconds))} CPU-s ` +
      `(${Math.round((100 * median(api, (t) => t.apiCpuSeconds)) / wall(api))}% of one core), ${cpu(api)}, bench client ${fmt(median(api, (t) => t.benchCpuSeconds))} CPU-s: ` +
      `${Math.round(100 * busy(api))}% of the machine's ${availableParallelism()} cores busy. ` +
      `Raw COPY into the same table (foreign keys included): ${fmt(wall(copyWithForeignKeys))} s wall, ${cpu(copyWithForeignKeys)}. ` +
      `COPY without the foreign keys: ${fmt(wall(copy))} s wall, ${cpu(copy)}; the API reaches ${ratioText(pairedRatio(rates(api), rates(copy)).median)} of it. ` +
      `The API's upsert alone (same batches and transactions, no HTTP, JSON or validation): ${fmt(wall(sqlOnly))} s wall, ${cpu(sqlOnly)}, ` +
      `driver ${fmt(median(sqlOnly, (t) => t.benchCpuSeconds))} CPU-s; the API reaches ${ratioText(pairedRatio(rates(api), rates(sqlOnly)).median)} of it. ` +
      `Re-send: ${fmt(wall(resent))} s wall, API ${fmt(median(resent, (t) => t.apiCpuSeconds))} CPU-s, ${cpu(resent)}. ` +
      `Checked: every way stored identical rows; every copy of the table had the ${indexCount} indexes of ${table}.`,
  );

  // Another process on the machine (a build, a test run) or the hypervisor taking CPU skews a run.
  const timings = [...all.flatMap((m) => m.results), ...resent.results];
  const disturbed = timings.filter((t) => (t.otherCpuSeconds + t.stealSeconds) / t.wallSeconds / availableParallelism() > DISTURBED_SHARE);
  if (disturbed.length > 0) {
    const worst = Math.max(...disturbed.map((t) => (t.otherCpuSeconds + t.stealSeconds) / t.wallSeconds / availableParallelism()));
    ctx.findings.push(
      `⚠️ ${kind}: in ${disturbed.length} of ${timings.length} timed runs other processes or the hypervisor took more than ${100 * DISTURBED_SHARE}% of the machine's CPU ` +
        `(up to ${Math.round(100 * worst)}%): those runs are disturbed; see the spreads, or run again on a quiet machine.`,
    );
  }

  // "Raw COPY into the same table with the same indexes": a table identical to the real one, foreign
  // keys included, since they are part of the table every ingest path writes into.
  const baseline = { name: 'raw COPY', value: summarise(rates(copyWithForeignKeys)) };
  const against = (m: Method) => ({ value: summarise(rates(m)), baseline, ratio: pairedRatio(rates(m), rates(copyWithForeignKeys)) });
  const shape = `${items.length.toLocaleString('en')} items in batches of ${MAX_INGEST_ITEMS.toLocaleString('en')} from ${CONCURRENT_CLIENTS} concurrent clients`;
  return [
    row({
      figure: 'Ingest',
      name: `${kind}: POST /api/v1/ingest/${kind}, new rows`,
      unit: 'items/s',
      ...against(api),
      target: TARGET,
      note: `${shape} into the emptied table. Baseline: COPY FROM STDIN of the same rows (ids resolved), same batches and connections, into a table identical to the real one: same indexes, checks and foreign keys.`,
    }),
    row({
      figure: 'Ingest',
      name: `${kind}: the same batches re-sent (all unchanged)`,
      unit: 'items/s',
      ...against(resent),
      note: 'Informative: idempotent re-delivery of the stored items; nothing is rewritten.',
    }),
    row({
      figure: 'Ingest',
      name: `${kind}: the API's upsert statement alone`,
      unit: 'rows/s',
      ...against(sqlOnly),
      note: "Informative: the API's own `IngestRepository.upsert` (INSERT … SELECT FROM unnest … ON CONFLICT) called from the bench on the same batches, one transaction each, into a copy of the table with its foreign keys; ids already resolved. The gap to the API row is HTTP, JSON, validation and reference resolution.",
    }),
    row({
      figure: 'Ingest',
      name: `${kind}: raw COPY into a copy of the table without its foreign keys`,
      unit: 'rows/s',
      ...against(copy),
      note: 'Informative: COPY without the per-row foreign-key checks of the real table (a stricter baseline than the target asks for).',
    }),
    row({
      figure: 'Ingest',
      name: `${kind}: raw COPY as one stream on one connection`,
      unit: 'rows/s',
      ...against(methods.copyOneStream),
      note: 'Informative: a single COPY of all rows (one server backend) instead of concurrent batches.',
    }),
  ];
}

/** Ingests records through the API outside any timing (references, prerequisites). */
function load(ctx: FigureContext, stack: Stack, kind: IngestKind, items: readonly unknown[]): Promise<void> {
  return ingestAll(stack.api.url, stack.token, prepareIngest(kind, items), CONCURRENT_CLIENTS, ctx.cleanup.signal);
}

async function reportSqlStatements(ctx: FigureContext, client: pg.Client, dir: string): Promise<void> {
  const { rows } = await client.query<{ query: string; calls: string; total_ms: number; mean_ms: number; rows: string }>(
    `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls, total_exec_time AS total_ms, mean_exec_time AS mean_ms, rows
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time DESC LIMIT 25`,
  );
  const text = [
    '| Statement | calls | total ms | mean ms | rows |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| \`${r.query.slice(0, 160).replace(/\|/g, '\\|')}\` | ${r.calls} | ${r.total_ms.toFixed(0)} | ${r.mean_ms.toFixed(1)} | ${r.rows} |`),
  ].join('\n');
  await writeFile(join(dir, 'ingest-sql.md'), `# SQL of the ingest figure (pg_stat_statements)\n\n${text}\n`);
  ctx.findings.push(`Profile: SQL statements by total execution time in ${join(dir, 'ingest-sql.md')}.`);
}

async function reportApiProfile(ctx: FigureContext, dir: string): Promise<void> {
  const profiles = (await readdir(dir)).filter((f) => f.startsWith('api-ingest') && f.endsWith('.cpuprofile'));
  if (profiles.length === 0) throw new Error(`the API wrote no CPU profile into ${dir}`);
  const summary = await readCpuProfile(join(dir, profiles[0]!));
  const text = renderCpuProfileSummary(summary);
  await writeFile(join(dir, 'ingest-api-cpu.md'), `# CPU of the API process during the ingest figure\n\n${text}\n`);
  const busy = summary.totalMs - summary.idleMs;
  const top = summary.selfByCategory
    .slice(0, 6)
    .map((s) => `${s.name} ${Math.round((100 * s.ms) / busy)}%`)
    .join(', ');
  ctx.findings.push(`Profile: API process busy ${(busy / 1000).toFixed(1)} s of ${(summary.totalMs / 1000).toFixed(1)} s; self time: ${top} (details in ${join(dir, 'ingest-api-cpu.md')}).`);
}

export const ingestFigure: Figure = {
  id: 'ingest',
  title: 'Ingest',
  async run(ctx) {
    const db = await startBenchDatabase(ctx);
    const token = await createApiToken(db.client, ['ingest']);
    const profiling = ctx.profileDir !== undefined;
    const api = await startApi(
      { DATABASE_URL: db.url },
      { cleanup: ctx.cleanup, nodeFlags: profiling ? ['--cpu-prof', `--cpu-prof-dir=${ctx.profileDir}`, '--cpu-prof-name=api-ingest.cpuprofile'] : [] },
    );
    const dataSource = new DataSource(dataSourceOptions(db.url, { poolSize: CONCURRENT_CLIENTS, applicationName: 'firewatch-bench' }));
    await dataSource.initialize();
    const closeDataSource = ctx.cleanup.defer('close the bench data source', () => dataSource.destroy());
    const stack: Stack = { db, api, token, repository: new IngestRepository(dataSource) };

    ctx.progress('ingest: loading the reference records (teams, services, responders, incidents)');
    const refs: ReferenceData = referenceData();
    for (const kind of ['teams', 'services', 'responders', 'incidents'] as const) await load(ctx, stack, kind, refs[kind]);
    // Autovacuum would analyse them within a minute; the bench does not wait for it.
    await db.client.query('ANALYZE');
    if (db.statements) await db.client.query('SELECT pg_stat_statements_reset()');

    const alerts = alertItems(VOLUME_AT_SCALE_1.alerts * ctx.scale, refs);
    const rows: FigureRow[] = [];
    for (const kind of VOLUME_KINDS) {
      if (kind === 'pages') {
        // Pages reference the alerts: the alerts measurement leaves them stored; make sure, then analyse.
        const { rows: n } = await db.client.query<{ n: string }>('SELECT count(*) AS n FROM alerts WHERE source = $1', [BENCH_SOURCE]);
        if (Number(n[0]!.n) !== alerts.length) await load(ctx, stack, 'alerts', alerts);
        await db.client.query('ANALYZE alerts');
      }
      const count = VOLUME_AT_SCALE_1[kind] * ctx.scale;
      const items = kind === 'activity' ? activityItems(count, refs) : kind === 'alerts' ? alerts : pageItems(count, alerts, refs);
      rows.push(...(await measureKind(ctx, stack, kind, items as unknown as ReadonlyArray<Record<string, unknown>>)));
    }

    await closeDataSource();
    if (ctx.profileDir && db.statements) await reportSqlStatements(ctx, db.client, ctx.profileDir);
    await api.stop(); // the CPU profile is written as the process exits
    if (ctx.profileDir) await reportApiProfile(ctx, ctx.profileDir);
    await db.stop();
    return rows;
  },
};
