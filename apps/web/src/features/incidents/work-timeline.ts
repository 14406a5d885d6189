import type { IncidentDetail } from '@firewatch/shared';
import { DateTime } from 'luxon';
import type { DateRange } from '../filters/filter-state';
import type { WorkloadBucket } from '../../components/charts/bucket-colors';

/**
 * The per-responder timeline of an incident's work segments (a Gantt-like chart): every instant is
 * placed as a fraction 0..1 of the time window shown, so the chart is plain positioned boxes that
 * scale to any width. Pure: no layout measurement.
 */

export interface TimelineSegment {
  /** Position and length as fractions of the window. */
  left: number;
  width: number;
  bucket: WorkloadBucket;
  /** 1/k when the responder worked k incidents at once. */
  share: number;
  minutes: number;
  start: string;
  end: string;
}

export interface TimelineMark {
  left: number;
  at: string;
  label: string;
}

export interface TimelineRow {
  externalId: string;
  name: string;
  minutes: number;
  segments: TimelineSegment[];
  /** Pages to this responder about the incident's alerts. */
  pages: TimelineMark[];
}

export interface TimelineTick {
  left: number;
  at: number;
}

export interface WorkTimeline {
  startMs: number;
  endMs: number;
  rows: TimelineRow[];
  /** Incident milestones (declared, acknowledged, mitigated, resolved) inside the window. */
  milestones: TimelineMark[];
  ticks: TimelineTick[];
  /** The tick spacing, for the axis labels: under a day → clock times, else dates. */
  tickStepMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Candidate tick spacings; the smallest that gives at most `MAX_TICKS` ticks is used. */
const TICK_STEPS = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * MINUTE);
const MAX_TICKS = 8;

/** Ticks on round multiples of the step (UTC-aligned; every IANA zone offset is a multiple of 15 min). */
export function timeTicks(startMs: number, endMs: number, maxTicks = MAX_TICKS): { stepMs: number; ticks: number[] } {
  const span = Math.max(endMs - startMs, MINUTE);
  const stepMs = TICK_STEPS.find((step) => span / step <= maxTicks) ?? Math.ceil(span / maxTicks / DAY) * DAY;
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / stepMs) * stepMs; t <= endMs; t += stepMs) ticks.push(t);
  return { stepMs, ticks };
}

const ms = (iso: string) => Date.parse(iso);

export function workTimeline(incident: IncidentDetail, maxTicks = MAX_TICKS): WorkTimeline {
  const segments = incident.workload.responders.flatMap((r) => r.segments);
  const milestoneTimes: Array<[string | null, string]> = [
    [incident.declaredAt, 'Declared'],
    [incident.acknowledgedAt, 'Acknowledged'],
    [incident.mitigatedAt, 'Mitigated'],
    [incident.resolvedAt, 'Resolved'],
  ];
  // The window: all work, and the incident's own life from declared to resolved.
  const instants = [
    ...segments.flatMap((s) => [ms(s.start), ms(s.end)]),
    ...milestoneTimes.flatMap(([at]) => (at ? [ms(at)] : [])),
  ];
  const first = Math.min(...instants);
  const last = Math.max(...instants);
  // A little room either side so a box at the edge stays visible; at least 30 minutes shown.
  const pad = Math.max((last - first) * 0.02, MINUTE);
  const startMs = first - pad;
  const endMs = Math.max(last + pad, startMs + 30 * MINUTE);
  const span = endMs - startMs;
  const at = (t: number) => (t - startMs) / span;

  const pagesByResponder = new Map<string, TimelineMark[]>();
  for (const page of incident.pages) {
    const marks = pagesByResponder.get(page.responder.externalId) ?? [];
    marks.push({ left: at(ms(page.at)), at: page.at, label: `Paged by ${page.channel} (level ${page.level}, ${page.reason})` });
    pagesByResponder.set(page.responder.externalId, marks);
  }

  const { stepMs, ticks } = timeTicks(startMs, endMs, maxTicks);
  return {
    startMs,
    endMs,
    rows: incident.workload.responders.map((r) => ({
      externalId: r.externalId,
      name: r.name,
      minutes: r.minutes,
      segments: r.segments.map((s) => ({
        left: at(ms(s.start)),
        width: (ms(s.end) - ms(s.start)) / span,
        bucket: s.bucket,
        share: s.share,
        minutes: s.minutes,
        start: s.start,
        end: s.end,
      })),
      pages: pagesByResponder.get(r.externalId) ?? [],
    })),
    milestones: milestoneTimes.flatMap(([time, label]) => (time ? [{ left: at(ms(time)), at: time, label }] : [])),
    ticks: ticks.map((t) => ({ left: at(t), at: t })),
    tickStepMs: stepMs,
  };
}

/**
 * The days around an incident, `[from, to)` in `timeZone` (the org's): from the day its impact started
 * or it was declared, or its first work, to the day after its last work or its resolution. A responder's
 * page over these days has every minute they worked on it.
 */
export function incidentDays(incident: IncidentDetail, timeZone: string): DateRange {
  const segments = incident.workload.responders.flatMap((r) => r.segments);
  const starts = [incident.startedAt, incident.declaredAt, ...segments.map((s) => s.start)].map(ms);
  // An end instant is exclusive: the day of its last millisecond.
  const ends = [incident.declaredAt, incident.resolvedAt, ...segments.map((s) => s.end)].flatMap((at) => (at ? [ms(at) - 1] : []));
  const day = (t: number) => DateTime.fromMillis(t, { zone: timeZone });
  return {
    from: day(Math.min(...starts)).toISODate() ?? '',
    to: day(Math.max(...ends)).plus({ days: 1 }).toISODate() ?? '',
  };
}
