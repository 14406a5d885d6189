import pg from 'pg';
import type { DataSource } from 'typeorm';
// The compiled API (npm run build -w apps/api), like the app under test.
import { WorkloadRebuildService } from '@firewatch/api/analytics/workload/workload-rebuild.service.js';
import { WorkloadRepository } from '@firewatch/api/analytics/workload/workload.repository.js';
import { generateDemo } from '@firewatch/api/demo/generate-demo.js';
import { loadDemo } from '@firewatch/api/demo/load-demo.js';
import type { DemoManifest } from '@firewatch/api/demo/demo-manifest.js';
import type { TestApp } from './app.js';
import { derivedDataSettled } from './derived-data.js';

/** Recomputes every responder's stored workload (work_segments) from activity. */
export async function rebuildWorkload(ds: DataSource): Promise<void> {
  await derivedDataSettled(ds);
  await new WorkloadRebuildService(new WorkloadRepository(ds)).rebuildAll();
}

/** Loads the demo organisation (seed 1, scale 1, ending 2026-11-01) into the app's database and rebuilds its workload. */
export async function loadDemoOrganisation(t: TestApp, ds: DataSource): Promise<DemoManifest> {
  const client = new pg.Client({ connectionString: t.db.url });
  await client.connect();
  let manifest: DemoManifest;
  try {
    const dataset = generateDemo({ seed: 1, scale: 1, end: '2026-11-01' });
    manifest = dataset.manifest;
    await loadDemo(client, dataset);
  } finally {
    await client.end();
  }
  await rebuildWorkload(ds);
  return manifest;
}
