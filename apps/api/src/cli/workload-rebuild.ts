import { WorkloadRebuildService } from '../analytics/workload/workload-rebuild.service.js';
import { WorkloadRepository } from '../analytics/workload/workload.repository.js';
import { runCli } from './cli.js';

/** `npm run workload:rebuild`: recomputes every responder's stored workload from raw activity. */
await runCli('workload:rebuild', async ({ dataSource }) => {
  const service = new WorkloadRebuildService(new WorkloadRepository(dataSource));
  const result = await service.rebuildAll();
  process.stdout.write(
    `Rebuilt the workload of ${result.responders} responders: ${result.events} activity events → ${result.segments} segments in ${result.seconds.toFixed(1)} s.\n`,
  );
});
