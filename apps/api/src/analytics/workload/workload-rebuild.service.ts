import { once } from 'node:events';
import { Injectable } from '@nestjs/common';
import { ActivityCopyParser } from './activity-copy-parser.js';
import { ActivityColumns, computeResponderWorkload, type ResponderCalendar } from './compute-workload.js';
import { SegmentCopyEncoder } from './segment-copy-encoder.js';
import { responderCalendar } from './workload-calendar.js';
import { WorkloadRepository } from './workload.repository.js';

export interface RebuildResult {
  /** Responders with activity on incidents that count. */
  responders: number;
  /** Activity events swept (those on `test` incidents are not). */
  events: number;
  segments: number;
  seconds: number;
}

/** Segment rows are written to COPY in chunks of about this many bytes. */
const WRITE_CHUNK_BYTES = 256 * 1024;

/**
 * Full recompute of the stored workload from raw activity (SPEC §2.1), as one pass over one ordered
 * stream: all activity is read with a single binary `COPY … TO STDOUT` in `(responder, at)` order
 * (the order of `ix_activity_responder_at`), each responder is swept as soon as their last row has
 * arrived, and their segments are streamed back with a binary `COPY … FROM STDIN` on a second
 * connection while the reading goes on. Memory holds one responder's activity at a time.
 *
 * The new segments go into a fresh table that is indexed once at the end and then takes the place
 * of `work_segments`, all in one transaction: readers see the old workload until it commits, then the
 * new one, never a mix, and wait only for the final swap. Queue workers are held off meanwhile by
 * the rebuild lock; windows queued before the rebuild's snapshot are covered by it and cleared,
 * later ones stay queued.
 */
@Injectable()
export class WorkloadRebuildService {
  constructor(private readonly repository: WorkloadRepository) {}

  /**
   * `ifRequested`: only when a queue row still asks for it once the rebuild lock is held (another
   * process's worker may have done it meanwhile); otherwise nothing is done and zeros are answered.
   */
  async rebuildAll(onProgress?: (events: number) => void, { ifRequested = false }: { ifRequested?: boolean } = {}): Promise<RebuildResult> {
    const started = performance.now();
    const settings = await this.repository.settings();
    // Responders with the same zone, hours and holidays share one calendar, and so one memo of local days.
    const calendars = new Map<number, ResponderCalendar>();
    const shared = new Map<string, ResponderCalendar>();
    for (const r of await this.repository.responderCalendars()) {
      const key = JSON.stringify([r.timezone, r.workingHours, r.holidayCountry]);
      let calendar = shared.get(key);
      if (!calendar) shared.set(key, (calendar = responderCalendar(r, settings)));
      calendars.set(r.id, calendar);
    }
    const testIncidents = new Set(await this.repository.testIncidentIds());

    return this.repository.withTwoConnections(async (reader, writer) => {
      await writer.query('BEGIN');
      try {
        await this.repository.lockForRebuild(writer);
        if (ifRequested && !(await this.repository.rebuildStillRequested(writer))) {
          await writer.query('COMMIT');
          return { responders: 0, events: 0, segments: 0, seconds: (performance.now() - started) / 1000 };
        }
        // Read after the lock: everything queued up to here is in the snapshot the reader takes next.
        const queuedBefore = await this.repository.queueHighWater(writer);
        await this.repository.createRebuildTable(writer);
        const sink = this.repository.copySegmentsIn(writer);
        const sinkDone = once(sink, 'finish');
        // A write error is rethrown below, not left as an unhandled rejection or 'error' event.
        sinkDone.catch(() => undefined);
        let sinkError: unknown;
        sink.on('error', (error) => (sinkError = error));

        const encoder = new SegmentCopyEncoder(WRITE_CHUNK_BYTES * 2);
        let segments = 0;
        let responders = 0;
        let counted = 0;
        let current = -1;
        // Filled in stream order, which is time order within a responder; reused for each responder.
        const events = new ActivityColumns();
        const flushResponder = () => {
          if (events.length === 0) return;
          const calendar = calendars.get(current);
          if (!calendar) throw new Error(`activity of unknown responder ${current}`);
          for (const s of computeResponderWorkload(events, calendar)) {
            encoder.add(current, s);
            segments++;
          }
          responders++;
          events.clear();
        };
        const parser = new ActivityCopyParser((responderId, incidentId, atMs, endMs) => {
          if (responderId !== current) {
            flushResponder();
            current = responderId;
          }
          // `test` incidents count nowhere (SPEC §1) and take no part in the 1/k split.
          if (testIncidents.has(incidentId)) return;
          events.push(incidentId, atMs, endMs);
          counted++;
        });

        for await (const chunk of this.repository.copyActivityOut(reader)) {
          parser.push(chunk as Buffer);
          if (encoder.length >= WRITE_CHUNK_BYTES) {
            if (sinkError) throw sinkError;
            if (!sink.write(encoder.take())) await once(sink, 'drain');
          }
          onProgress?.(parser.rows);
        }
        parser.end();
        flushResponder();
        if (sinkError) throw sinkError;
        sink.end(encoder.finish());
        await sinkDone;
        await this.repository.swapInRebuildTable(writer);
        await this.repository.clearQueueUpTo(writer, queuedBefore);
        await writer.query('COMMIT');
        return { responders, events: counted, segments, seconds: (performance.now() - started) / 1000 };
      } catch (error) {
        await writer.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }
}
