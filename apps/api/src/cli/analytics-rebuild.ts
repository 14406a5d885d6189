import { PinoLogger } from 'nestjs-pino';
import { NoiseFactsRepository } from '../analytics/noise/facts/noise-facts.repository.js';
import { NoiseFactsService } from '../analytics/noise/facts/noise-facts.service.js';
import { WorkloadRebuildService } from '../analytics/workload/workload-rebuild.service.js';
import { WorkloadRepository } from '../analytics/workload/workload.repository.js';
import { runCli } from './cli.js';

/**
 * `npm run analytics:rebuild`: recomputes every maintained fact from the raw rows — the workload
 * (work_segments) and the noise facts (alert_facts, page_facts) — each in one transaction, so reports
 * answer from the previous version until each is replaced.
 */
await runCli('analytics:rebuild', async ({ dataSource, logger }) => {
  const workloadRepository = new WorkloadRepository(dataSource);
  const workload = await new WorkloadRebuildService(workloadRepository).rebuildAll();
  process.stdout.write(`Rebuilt the workload of ${workload.responders} responders: ${workload.events} activity events → ${workload.segments} segments in ${workload.seconds.toFixed(1)} s.\n`);
  const noise = await NoiseFactsService.standalone(new NoiseFactsRepository(dataSource), workloadRepository, new PinoLogger({ pinoHttp: { logger } })).rebuildAll();
  process.stdout.write(`Rebuilt the noise facts of ${noise.alerts} alerts and the interruptions of ${noise.responders} responders in ${noise.seconds.toFixed(1)} s.\n`);
});
