import { describe, expect, it } from 'vitest';
import { datasetDigest, generateDemo } from './generate-demo.js';

/**
 * Determinism in memory: the SHA-256 over every generated COPY line of every table. (The integration
 * tier loads the same options into two databases and compares them.)
 */
describe('generateDemo', () => {
  const options = { seed: 11, scale: 1, end: '2026-06-30' };
  const first = datasetDigest(generateDemo(options));

  it('gives identical rows for the same seed, scale and end', () => {
    expect(datasetDigest(generateDemo(options))).toEqual(first);
  });

  it('gives other rows for another seed or another end', () => {
    const incidents = (o: typeof options) => datasetDigest(generateDemo(o), ['incidents']).digest;
    const reference = incidents(options);
    expect(incidents({ ...options, seed: 12 })).not.toBe(reference);
    expect(incidents({ ...options, end: '2026-07-01' })).not.toBe(reference);
  });

  it('re-runs each table stream identically (the loader runs the simulation once per table)', () => {
    const dataset = generateDemo(options);
    const incidents = dataset.tables.find((t) => t.name === 'incidents')!;
    expect([...incidents.rows()]).toEqual([...incidents.rows()]);
  });

  it('writes lines with one value per column and unique external ids', () => {
    const dataset = generateDemo(options);
    const problems: string[] = [];
    for (const table of dataset.tables) {
      const seen = new Set<string>();
      const at = table.columns.indexOf('external_id');
      for (const line of table.rows()) {
        const values = line.slice(0, -1).split('\t');
        if (values.length !== table.columns.length) problems.push(`${table.name}: ${line}`);
        if (at >= 0 && seen.has(values[at]!)) problems.push(`${table.name}: duplicate ${values[at]}`);
        if (at >= 0) seen.add(values[at]!);
      }
    }
    expect(problems).toEqual([]);
  });

  it('names in the manifest the incidents the planted patterns are about', () => {
    const { manifest } = generateDemo(options);
    const ids = JSON.stringify(manifest.patterns);
    expect(manifest.patterns.map((p) => p.id)).toEqual([
      'weekday-hour-profile',
      'nightly-batch-failures',
      'year-end-dip',
      'launch',
      'noisy-rules',
      'concurrent-incidents',
      'hires-and-departures',
      'game-day-readiness',
      'dst-crossings',
      'unfair-rotation',
      'oncall-streak',
      'time-of-day',
    ]);
    expect(ids).not.toContain('null');
    expect(ids).toMatch(/"gameDay":"gd-\d{4}"/);
    expect(ids).toMatch(/"incident":"inc-\d{6}"/);
  });
});
