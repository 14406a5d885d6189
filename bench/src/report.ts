import { cpus, release, totalmem, type, arch } from 'node:os';
import type { FigureRow, Target } from './figure.js';
import type { Summary } from './stats.js';

export interface ReportInput {
  command: string;
  date: Date;
  scale: number;
  runs: number;
  volume: string;
  facts: ReadonlyMap<string, string>;
  rows: readonly FigureRow[];
  findings: readonly string[];
  limits: readonly string[];
}

/** The machine the figures were measured on (figures only compare within one run on one machine). */
export function machineDescription(facts: ReadonlyMap<string, string>): Array<[string, string]> {
  const cpu = cpus();
  return [
    ['CPU', `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown'}`],
    ['Memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ['OS', `${type()} ${release()} ${arch()}`],
    ['Node.js', process.version],
    ...[...facts],
  ];
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const number = (n: number): string => (Math.abs(n) >= 100 ? integer.format(n) : n.toPrecision(3));
const ratio = (n: number): string => n.toFixed(2);

const withSpread = (s: Summary, f: (n: number) => string, unit = ''): string =>
  `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)})`;

function targetText(target: Target | undefined): string {
  if (!target) return '—';
  const parts = [
    ...(target.minRatio !== undefined ? [`≥ ${target.minRatio}`] : []),
    ...(target.maxRatio !== undefined ? [`≤ ${target.maxRatio}`] : []),
  ];
  return parts.join(', ');
}

/** Free text (an error message) as one table cell: one line, no column separator. */
const cell = (text: string): string => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');

const verdict = (r: FigureRow): string => (r.pass === undefined ? 'ℹ️' : r.pass ? '✅' : '❌');

/** The results table; each row's note becomes a numbered footnote (shared notes once). */
export function resultsTable(rows: readonly FigureRow[]): string {
  const notes: string[] = [];
  const noteRef = (note: string | undefined) => {
    if (!note) return '';
    let at = notes.indexOf(note);
    if (at === -1) at = notes.push(note) - 1;
    return ` [${at + 1}]`;
  };
  const lines = [
    '| Figure | Measure | Median (min–max) | Baseline: median (min–max) | Ratio (min–max) | Target | |',
    '|---|---|---|---|---|---|:-:|',
    ...rows.map((r) =>
      [
        r.figure,
        `${r.name}${noteRef(r.note)}`,
        r.value ? withSpread(r.value, number, ` ${r.unit}`) : `not available${r.unavailable ? ` (${cell(r.unavailable)})` : ''}`,
        r.baseline ? `${r.baseline.name}: ${withSpread(r.baseline.value, number, ` ${r.unit}`)}` : '—',
        r.ratio ? withSpread(r.ratio, ratio) : '—',
        targetText(r.target),
        verdict(r),
      ].join(' | '),
    ).map((line) => `| ${line} |`),
  ];
  return [...lines, '', ...notes.map((n, i) => `${i + 1}. ${n}`)].join('\n');
}

export function renderReport(input: ReportInput): string {
  const machine = machineDescription(input.facts);
  const failed = input.rows.filter((r) => r.pass === false).length;
  const judged = input.rows.filter((r) => r.pass !== undefined).length;
  return [
    '# Firewatch benchmark results',
    '',
    `Measured with \`${input.command}\` on ${input.date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}: ` +
      `${input.runs} runs per figure, each reported as the median with its min–max spread. Ratios are taken run by run ` +
      'against a baseline measured in the same benchmark run on the same machine: compare ratios between runs and machines, ' +
      'not absolute figures (they vary ±10–20% from run to run).',
    '',
    '| Machine | |',
    '|---|---|',
    ...machine.map(([k, v]) => `| ${k} | ${v} |`),
    `| Scale | ${input.scale} (${input.volume}) |`,
    '',
    '## Figures',
    '',
    `${judged - failed} of ${judged} targets met.`,
    '',
    resultsTable(input.rows),
    '',
    ...(input.findings.length > 0 ? ['## Where the time goes', '', ...input.findings.map((f) => `- ${f}`), ''] : []),
    '## Method and limits',
    '',
    ...input.limits.map((l) => `- ${l}`),
    '',
  ].join('\n');
}
