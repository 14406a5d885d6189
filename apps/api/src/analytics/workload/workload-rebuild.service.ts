import { Injectable } from '@nestjs/common';
import { computeResponderWorkload } from './compute-workload.js';
import { responderCalendar } from './workload-calendar.js';
import { WorkloadRepository } from './workload.repository.js';

export interface RebuildResult {
  responders: number;
  events: number;
  segments: number;
  seconds: number;
}

/**
 * Full recompute of the stored workload from raw activity: each responder's activity is swept in
 * time order (SPEC §2.1) and their segments replaced in one transaction per responder.
 */
@Injectable()
export class WorkloadRebuildService {
  constructor(private readonly repository: WorkloadRepository) {}

  async rebuildAll(onProgress?: (done: number, total: number) => void): Promise<RebuildResult> {
    const started = performance.now();
    // Everything queued so far is covered by this rebuild; what is queued during it stays queued.
    const queuedBefore = await this.repository.queueHighWater();
    const settings = await this.repository.settings();
    const responders = await this.repository.respondersWithActivity();
    let events = 0;
    let segments = 0;
    for (const [i, responder] of responders.entries()) {
      const calendar = responderCalendar(responder, settings);
      await this.repository.transaction(async (manager) => {
        await this.repository.lockResponder(manager, responder.id);
        const activity = await this.repository.activityOf(responder.id, manager);
        const computed = computeResponderWorkload(activity, calendar);
        await this.repository.replaceSegments(manager, responder.id, computed);
        events += activity.length;
        segments += computed.length;
      });
      onProgress?.(i + 1, responders.length);
    }
    await this.repository.clearQueueUpTo(queuedBefore);
    return { responders: responders.length, events, segments, seconds: (performance.now() - started) / 1000 };
  }
}
