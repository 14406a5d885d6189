import { creditIntervals, type ActivityColumns, type ActivityEvent } from './credit-intervals.js';
import { shareConcurrent } from './share-concurrent.js';
import { TimeClassifier, type ClassifiedSegment, type ResponderCalendar } from './classify-time.js';
import type { TimeBucket } from './workload-rules.js';

export { ActivityColumns, type ActivityEvent } from './credit-intervals.js';
export type { ClassifiedSegment, ResponderCalendar } from './classify-time.js';

/** A classifier memoises the local days it has seen: one per calendar object, dropped with it. */
const classifiers = new WeakMap<ResponderCalendar, TimeClassifier>();

/**
 * SPEC §2.1 for one responder: credited intervals → 1/k split between concurrent incidents →
 * working / late / sleeping in the responder's own zone. The segments are what is stored and summed.
 */
export function computeResponderWorkload(events: readonly ActivityEvent[] | ActivityColumns, calendar: ResponderCalendar): ClassifiedSegment[] {
  let classifier = classifiers.get(calendar);
  if (!classifier) classifiers.set(calendar, (classifier = new TimeClassifier(calendar)));
  const out: ClassifiedSegment[] = [];
  for (const segment of shareConcurrent(creditIntervals(events))) classifier.classify(segment, out);
  return out;
}

export interface WorkloadMinutes {
  minutes: number;
  working: number;
  late: number;
  sleeping: number;
}

/** Minutes a segment is worth: its length times its share. */
export const segmentMinutes = (s: Pick<ClassifiedSegment, 'startMs' | 'endMs' | 'share'>): number => ((s.endMs - s.startMs) / 60_000) * s.share;

/** Workload minutes per incident, split by bucket. */
export function minutesByIncident(segments: readonly ClassifiedSegment[]): Map<number, WorkloadMinutes> {
  const out = new Map<number, WorkloadMinutes>();
  for (const s of segments) {
    let m = out.get(s.incidentId);
    if (!m) out.set(s.incidentId, (m = { minutes: 0, working: 0, late: 0, sleeping: 0 }));
    const minutes = segmentMinutes(s);
    m.minutes += minutes;
    m[s.bucket as TimeBucket] += minutes;
  }
  return out;
}
