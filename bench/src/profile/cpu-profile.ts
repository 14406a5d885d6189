import { readFile } from 'node:fs/promises';

// Reads a V8 `.cpuprofile` (written by `node --cpu-prof`) and says where the process spent its CPU:
// self time grouped by package or by file of the app, and inclusive time of the app's functions.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface TimeShare {
  name: string;
  ms: number;
}

export interface CpuProfileSummary {
  /** Wall time covered by the samples. */
  totalMs: number;
  /** Samples where the process waited (for PostgreSQL, for the network): not CPU. */
  idleMs: number;
  /** Busy time grouped by what ran: a package, a file of the app, V8 (GC, JSON), Node internals. */
  selfByCategory: TimeShare[];
  /** Busy time by the function that was running, `function file:line` (or the V8 pseudo-frame). */
  selfByFunction: TimeShare[];
  /** Busy time spent in (or below) each function of the app, by `function file:line`. */
  inclusiveAppFunctions: TimeShare[];
}

const APP_MARKERS = ['/apps/api/dist/', '/packages/shared/dist/'];

/** The group a frame's self time is charged to. */
function categoryOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') {
    // V8 builtins and pseudo-frames: (garbage collector), (program), JSON's parse/stringify, …
    if (functionName === 'parse' || functionName === 'stringify') return `JSON.${functionName} (V8)`;
    return functionName.startsWith('(') ? functionName : `V8 builtin ${functionName || '(anonymous)'}`;
  }
  const nodeModules = url.lastIndexOf('/node_modules/');
  if (nodeModules !== -1) {
    const parts = url.slice(nodeModules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const app = APP_MARKERS.find((m) => url.includes(m));
  if (app) return `firewatch ${url.slice(url.indexOf(app) + 1)}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[1] ?? url.slice(5)}`;
  return url;
}

const isApp = (frame: CallFrame) => APP_MARKERS.some((m) => frame.url.includes(m));

/** `function file:line`, the file shortened to its path inside the package (`dist/…`, `lib/…`). */
function label(frame: CallFrame): string {
  if (frame.url === '') return frame.functionName || '(anonymous)';
  const url = frame.url.replace(/^file:\/\//, '');
  const inPackage = url.lastIndexOf('/node_modules/');
  const file = inPackage !== -1 ? url.slice(inPackage + 14) : url.includes('/dist/') ? url.slice(url.lastIndexOf('/dist/') + 6) : url;
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

const sorted = (m: Map<string, number>): TimeShare[] => [...m].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);

export function summariseCpuProfile(profile: CpuProfile): CpuProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, number>();
  const selfFunctions = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  profile.samples.forEach((nodeId, i) => {
    // timeDeltas[i] is the time since the previous sample; charge it to this sample's stack.
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(nodeId)!;
    totalMs += ms;
    if (node.callFrame.functionName === '(idle)') {
      idleMs += ms;
      return;
    }
    const category = categoryOf(node.callFrame);
    self.set(category, (self.get(category) ?? 0) + ms);
    const fn = label(node.callFrame);
    selfFunctions.set(fn, (selfFunctions.get(fn) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (!isApp(frame)) continue;
      const name = label(frame);
      if (seen.has(name)) continue; // recursion counts once
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  });
  return { totalMs, idleMs, selfByCategory: sorted(self), selfByFunction: sorted(selfFunctions), inclusiveAppFunctions: sorted(inclusive) };
}

export async function readCpuProfile(path: string): Promise<CpuProfileSummary> {
  return summariseCpuProfile(JSON.parse(await readFile(path, 'utf8')) as CpuProfile);
}

/** Markdown: the busy time split by package, by function, then the app functions that hold the most of it. */
export function renderCpuProfileSummary(summary: CpuProfileSummary, top = 15): string {
  const busy = summary.totalMs - summary.idleMs;
  const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1)}%`;
  const lines = [
    `Sampled ${(summary.totalMs / 1000).toFixed(1)} s: busy ${(busy / 1000).toFixed(1)} s, idle (waiting for PostgreSQL or the network) ${(summary.idleMs / 1000).toFixed(1)} s.`,
    '',
    '| Self time in | ms | share of busy |',
    '|---|---:|---:|',
    ...summary.selfByCategory.slice(0, top).map((s) => `| ${s.name} | ${s.ms.toFixed(0)} | ${pct(s.ms)} |`),
    '',
    '| Self time in function | ms | share of busy |',
    '|---|---:|---:|',
    ...summary.selfByFunction.slice(0, top).map((s) => `| \`${s.name}\` | ${s.ms.toFixed(0)} | ${pct(s.ms)} |`),
    '',
    '| Inclusive time in app function | ms | share of busy |',
    '|---|---:|---:|',
    ...summary.inclusiveAppFunctions.slice(0, top).map((s) => `| \`${s.name}\` | ${s.ms.toFixed(0)} | ${pct(s.ms)} |`),
  ];
  return lines.join('\n');
}
