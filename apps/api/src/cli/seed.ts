import { parseArgs } from 'node:util';
import type { PoolClient } from 'pg';
import { DEFAULT_DEMO_SEED, MAX_DEMO_SCALE, divisionsForScale, validateDemoOptions, type DemoOptions } from '../demo/demo-plan.js';
import { isoDateOf } from '../demo/demo-time.js';
import { generateDemo } from '../demo/generate-demo.js';
import { describeCounts, loadDemo, writeManifest } from '../demo/load-demo.js';
import { runCli, UsageError } from './cli.js';

const USAGE = `usage: npm run seed -- [--scale S] [--seed N] [--end YYYY-MM-DD] [--replace]
  --scale    1 (default) = the demo organisation; 10 = the benchmark dataset (1–${MAX_DEMO_SCALE})
  --seed     any non-negative integer (default ${DEFAULT_DEMO_SEED}); the same seed, scale and end give the same data
  --end      the 18-month range ends at 00:00 UTC of this day, exclusive (default: today)
  --replace  delete the data already in the database first (tokens and settings are kept)`;

await runCli('seed', async ({ dataSource, config }) => {
  let options: DemoOptions;
  let replace: boolean;
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { scale: { type: 'string' }, seed: { type: 'string' }, end: { type: 'string' }, replace: { type: 'boolean' } },
    });
    if (positionals.length > 0) throw new Error(`unexpected argument ${positionals[0]}`);
    const integer = (text: string | undefined, name: string, fallback: number) => {
      if (text === undefined) return fallback;
      if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
      return Number(text);
    };
    options = { scale: integer(values.scale, 'scale', 1), seed: integer(values.seed, 'seed', DEFAULT_DEMO_SEED), end: values.end ?? isoDateOf(Date.now()) };
    validateDemoOptions(options);
    replace = values.replace ?? false;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }

  const dataset = generateDemo(options);
  const { range } = dataset.manifest;
  process.stdout.write(
    `Seeding the demo organisation: scale ${options.scale} (${divisionsForScale(options.scale)} × the scale-1 organisation), seed ${options.seed}, ${range.from.slice(0, 10)} to ${range.to.slice(0, 10)} (exclusive).\n`,
  );
  const runner = dataSource.createQueryRunner();
  // The CLI's own connection, as a pg client for COPY.
  const client = (await runner.connect()) as PoolClient;
  try {
    const result = await loadDemo(client, dataset, {
      whenNotEmpty: replace ? 'replace' : 'refuse',
      onTable: ({ table, rows, seconds }) => {
        const rate = seconds > 0 ? Math.round(rows / seconds).toLocaleString('en-US') : '–';
        process.stdout.write(`  ${table.padEnd(20)} ${rows.toLocaleString('en-US').padStart(12)} rows  ${seconds.toFixed(1).padStart(6)} s  ${rate.padStart(10)} rows/s\n`);
      },
    });
    const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
    process.stdout.write(`Loaded ${describeCounts(result.counts)} in ${result.seconds.toFixed(1)} s (${Math.round(total / result.seconds).toLocaleString('en-US')} rows/s).\n`);
    // The data is committed by now; a manifest that cannot be written is reported, not a failure.
    const file = await writeManifest(config.dataDir, result.manifest).catch((error: Error) => {
      process.stderr.write(`seed: could not write the manifest of the planted patterns into ${config.dataDir}: ${error.message}\n`);
    });
    if (file) process.stdout.write(`Manifest of the planted patterns: ${file}\n`);
  } finally {
    await runner.release();
  }
});
