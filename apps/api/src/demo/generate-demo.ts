import { createHash } from 'node:crypto';
import { copyInstant, copyLine, copyNumber, copyText } from './copy-text.js';
import { buildManifest, type DemoManifest } from './demo-manifest.js';
import { DEMO_SOURCE, planDemo, type DemoOptions, type DemoPlan } from './demo-plan.js';
import { plantedExternalIds, simulate, type SimulatedTable } from './simulate.js';

/**
 * The demo organisation as tables of COPY lines: `generateDemo(options)` plans the organisation, works
 * out the manifest of planted patterns, and returns one lazily generated row stream per table. Streams
 * are re-runnable and identical for the same options (seed, scale, end).
 */

export interface DemoTable {
  name: string;
  /** Columns in the order of each line; ids are given explicitly, so rows can reference each other. */
  columns: readonly string[];
  /** The table's rows as COPY text lines (each ends with a newline), generated on demand. */
  rows(): Iterable<string>;
}

export interface DemoDataset {
  plan: DemoPlan;
  manifest: DemoManifest;
  /** In load order (referenced tables first). */
  tables: DemoTable[];
}

export function generateDemo(options: DemoOptions): DemoDataset {
  const plan = planDemo(options);
  const manifest = buildManifest(plan, plantedExternalIds(plan));
  const simulated = (name: SimulatedTable, columns: readonly string[]): DemoTable => ({
    name,
    columns,
    *rows() {
      for (const lines of simulate(plan, name)) yield* lines;
    },
  });
  const tables: DemoTable[] = [
    { name: 'teams', columns: ['id', 'source', 'external_id', 'name'], rows: () => teamRows(plan) },
    { name: 'services', columns: ['id', 'source', 'external_id', 'name', 'team_id', 'tier'], rows: () => serviceRows(plan) },
    {
      name: 'responders',
      columns: ['id', 'source', 'external_id', 'name', 'email', 'team_id', 'timezone', 'working_hours', 'holiday_country', 'started_at', 'left_at'],
      rows: () => responderRows(plan),
    },
    { name: 'annotations', columns: ['id', 'source', 'external_id', 'title', 'kind', 'at', 'end_at'], rows: () => annotationRows(plan) },
    { name: 'annotation_services', columns: ['annotation_id', 'service_id'], rows: () => annotationServiceRows(plan) },
    { name: 'shifts', columns: ['id', 'source', 'external_id', 'responder_id', 'rotation', 'level', 'start_at', 'end_at'], rows: () => shiftRows(plan) },
    simulated('incidents', ['id', 'source', 'external_id', 'title', 'kind', 'severity', 'team_id', 'declared_at', 'started_at', 'acknowledged_at', 'mitigated_at', 'resolved_at']),
    simulated('incident_services', ['incident_id', 'service_id']),
    simulated('incident_causes', ['incident_id', 'cause']),
    simulated('incident_roles', ['incident_id', 'responder_id', 'role']),
    simulated('alerts', ['id', 'source', 'external_id', 'rule', 'service_id', 'severity', 'fired_at', 'resolved_at', 'resolved_by', 'acknowledged_at', 'acknowledged_by_id', 'incident_id', 'feedback']),
    simulated('pages', ['id', 'source', 'external_id', 'alert_id', 'responder_id', 'at', 'channel', 'level', 'reason']),
    simulated('activity', ['id', 'source', 'external_id', 'responder_id', 'incident_id', 'at', 'kind', 'end_at']),
  ];
  return { plan, manifest, tables };
}

/** SHA-256 over every table's name and lines (or only `tables`'), in load order: equal digests mean identical data. */
export function datasetDigest(dataset: DemoDataset, tables?: readonly string[]): { digest: string; rows: Record<string, number> } {
  const hash = createHash('sha256');
  const rows: Record<string, number> = {};
  for (const table of dataset.tables) {
    if (tables && !tables.includes(table.name)) continue;
    hash.update(`# ${table.name}\n`);
    let n = 0;
    for (const line of table.rows()) {
      hash.update(line);
      n++;
    }
    rows[table.name] = n;
  }
  return { digest: hash.digest('hex'), rows };
}

function* teamRows(plan: DemoPlan): Generator<string> {
  for (const t of plan.teams) yield copyLine([String(t.id), DEMO_SOURCE, t.externalId, copyText(t.name)]);
}

function* serviceRows(plan: DemoPlan): Generator<string> {
  for (const s of plan.services) yield copyLine([String(s.id), DEMO_SOURCE, s.externalId, copyText(s.name), String(s.teamId), String(s.tier)]);
}

function* responderRows(plan: DemoPlan): Generator<string> {
  for (const r of plan.responders) {
    yield copyLine([
      String(r.id),
      DEMO_SOURCE,
      r.externalId,
      copyText(r.name),
      copyText(r.email),
      String(r.teamId),
      r.timezone,
      copyText(r.workingHours === null ? null : JSON.stringify(r.workingHours)),
      r.holidayCountry,
      copyInstant(r.startedAtMs),
      copyInstant(r.leftAtMs),
    ]);
  }
}

function* annotationRows(plan: DemoPlan): Generator<string> {
  for (const a of plan.annotations) yield copyLine([String(a.id), DEMO_SOURCE, a.externalId, copyText(a.title), a.kind, copyInstant(a.atMs), copyInstant(a.endAtMs)]);
}

function* annotationServiceRows(plan: DemoPlan): Generator<string> {
  for (const a of plan.annotations) for (const serviceId of a.serviceIds) yield copyLine([String(a.id), String(serviceId)]);
}

/** Weekly primary (level 1) and secondary (level 2) shifts of every rotation, clipped to the range. */
function* shiftRows(plan: DemoPlan): Generator<string> {
  let id = 0;
  for (const team of plan.teams) {
    const r = team.rotation;
    for (let w = 0; w < r.primary.length; w++) {
      const start = Math.max(r.weekStartMs[w]!, plan.fromMs);
      const end = Math.min(r.weekStartMs[w + 1]!, plan.toMs);
      if (end <= start) continue;
      for (const [level, responderId] of [[1, r.primary[w]!], [2, r.secondary[w]!]] as const) {
        id++;
        yield copyLine([String(id), DEMO_SOURCE, `sh-${String(id).padStart(5, '0')}`, copyNumber(responderId), copyText(r.name), String(level), copyInstant(start), copyInstant(end)]);
      }
    }
  }
}
