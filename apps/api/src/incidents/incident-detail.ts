import type { IncidentDetail, IncidentResponderWorkload, IncidentTimings, TimingSummary } from '@firewatch/shared';
import { addMinutes, byMinutesThenName, noMinutes, roundCents, roundedMinutes, roundMinutes } from '../analytics/workload/compute-workload-report.js';
import { segmentMinutes } from '../analytics/workload/compute-workload.js';
import type { BucketMinutesRow } from '../analytics/workload/workload.query.js';
import type { IncidentActivityRow, IncidentAlertRow, IncidentDetailRow, IncidentPageRow, IncidentSegmentRow, IncidentTimingRows } from './incidents.repository.js';
import { iso, toIncidentListItem } from './incident-list-item.js';

const roundOrNull = (minutes: number | null): number | null => (minutes === null ? null : roundMinutes(minutes));

function timing(count: number, total: number, median: number | null, p90: number | null): TimingSummary {
  return { medianMinutes: roundOrNull(median), p90Minutes: roundOrNull(p90), incidents: count, excluded: total - count };
}

/** SPEC §2.2 figures from the percentile row: minutes to 0.1, excluded = incidents without the end timestamp. */
export function toIncidentTimings(row: IncidentTimingRows): IncidentTimings {
  return {
    tta: timing(row.ttaCount, row.total, row.ttaMedian, row.ttaP90),
    ttm: timing(row.ttmCount, row.total, row.ttmMedian, row.ttmP90),
    ttr: timing(row.ttrCount, row.total, row.ttrMedian, row.ttrP90),
  };
}

/**
 * Per-responder workload of one incident from its stored segments (SPEC §2.1 rule 5): each segment
 * gives (end − start) × share minutes to its bucket; responders most minutes first, then by name.
 * Sums are taken at full precision and rounded to 0.1 minute when answered.
 */
export function incidentWorkload(segments: readonly IncidentSegmentRow[], hourlyCost: number | null): IncidentDetail['workload'] {
  const byResponder = new Map<string, BucketMinutesRow & { externalId: string; name: string; segments: IncidentResponderWorkload['segments'] }>();
  for (const s of segments) {
    let r = byResponder.get(s.externalId);
    if (!r) byResponder.set(s.externalId, (r = { externalId: s.externalId, name: s.name, ...noMinutes(), segments: [] }));
    const minutes = segmentMinutes({ startMs: s.start.getTime(), endMs: s.end.getTime(), share: s.share });
    r.minutes += minutes;
    r[s.bucket] += minutes;
    r.segments.push({ start: s.start.toISOString(), end: s.end.toISOString(), share: s.share, bucket: s.bucket, minutes: roundMinutes(minutes) });
  }
  const responders = [...byResponder.values()].sort(byMinutesThenName);
  const total = noMinutes();
  for (const r of responders) addMinutes(total, r);
  const { minutes: totalMinutes, ...buckets } = roundedMinutes(total);
  const hours = total.minutes / 60;
  return {
    totalMinutes,
    ...buckets,
    hours: roundCents(hours),
    costAmount: hourlyCost === null ? null : roundCents(hours * hourlyCost),
    responders: responders.map((r) => ({ ...r, ...roundedMinutes(r) })),
  };
}

export interface IncidentDetailInput {
  incident: IncidentDetailRow;
  segments: readonly IncidentSegmentRow[];
  alerts: readonly IncidentAlertRow[];
  pages: readonly IncidentPageRow[];
  activity: { total: number; rows: readonly IncidentActivityRow[] };
}

/** `GET /api/v1/incidents/{externalId}` from its rows. */
export function toIncidentDetail({ incident, segments, alerts, pages, activity }: IncidentDetailInput): IncidentDetail {
  return {
    ...toIncidentListItem(incident),
    ttmMinutes: incident.ttmMinutes,
    chatChannelId: incident.chatChannelId,
    roles: incident.roles,
    workload: incidentWorkload(segments, incident.hourlyCost),
    alerts: alerts.map((a) => ({ ...a, firedAt: a.firedAt.toISOString(), resolvedAt: iso(a.resolvedAt), acknowledgedAt: iso(a.acknowledgedAt) })),
    pages: pages.map((p) => ({ ...p, at: p.at.toISOString() })),
    activity: activity.rows.map((a) => ({ ...a, at: a.at.toISOString(), endAt: iso(a.endAt) })),
    activityTotal: activity.total,
  };
}
