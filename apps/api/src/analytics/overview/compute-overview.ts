import {
  ONCALL_INCIDENTS_PER_SHIFT_GUIDELINE,
  ONCALL_SHIFT_HOURS,
  OVERVIEW_FIGURES,
  SEVERITY_MAX,
  calendarDaysBetween,
  type IncidentTimings,
  type NoiseTotals,
  type OverviewFigure,
  type OverviewFigureName,
  type OverviewOnCall,
  type OverviewPeriod,
  type OverviewResponse,
  type ReadinessDay,
  type ResolvedDateRange,
  type WorkloadResponse,
} from '@firewatch/shared';
import { roundCents, roundRatio } from '../workload/compute-workload-report.js';
import type { OverviewRows, OverviewShiftRow } from './overview.query.js';

const MS_PER_HOUR = 3_600_000;
const DAYS_PER_WEEK = 7;
const ratioOrNull = (part: number, whole: number): number | null => (whole > 0 ? roundRatio(Math.min(1, part / whole)) : null);

/** What the other analytics answered for one period, and the overview's own rows. */
export interface OverviewPeriodInput {
  range: ResolvedDateRange;
  /** `totals` of the workload report of the period. */
  workload: WorkloadResponse['totals'];
  /** `totals` of the noise report of the period. */
  noise: NoiseTotals;
  timings: IncidentTimings;
  /** The readiness series' day for the period's last day. */
  readiness: ReadinessDay;
  rows: OverviewRows;
}

export interface OverviewInput {
  timeZone: string;
  majorSeverity: number;
  current: OverviewPeriodInput;
  previous: OverviewPeriodInput;
}

/** Hours covered by the union of intervals sorted by start (one person's shifts, overlaps counted once). */
function unionHours(shifts: readonly OverviewShiftRow[]): number {
  let total = 0;
  let start = 0;
  let end = 0;
  for (const s of shifts) {
    if (s.startMs > end) {
      total += end - start;
      start = s.startMs;
      end = s.endMs;
    } else end = Math.max(end, s.endMs);
  }
  return (total + end - start) / MS_PER_HOUR;
}

/**
 * On-call figures of a period (METRICS.md "Leadership overview"): primary (level-1) shift time in
 * 12-hour shifts, incidents per such shift against the SRE guideline, and the share of the
 * responders' employed time they were on call at any level. `shifts` are clipped to the period and
 * sorted by responder and start. Null when no shift overlaps the period.
 */
export function computeOnCall(shifts: readonly OverviewShiftRow[], responderHours: number, incidents: number): OverviewOnCall | null {
  if (shifts.length === 0) return null;
  let primaryHours = 0;
  let onCallHours = 0;
  const responders = new Set<number>();
  for (let i = 0; i < shifts.length; ) {
    let j = i;
    while (j < shifts.length && shifts[j]!.responderId === shifts[i]!.responderId) j++;
    onCallHours += unionHours(shifts.slice(i, j));
    responders.add(shifts[i]!.responderId);
    i = j;
  }
  for (const s of shifts) if (s.level === 1) primaryHours += (s.endMs - s.startMs) / MS_PER_HOUR;
  const shiftCount = primaryHours / ONCALL_SHIFT_HOURS;
  const perShift = shiftCount > 0 ? incidents / shiftCount : null;
  return {
    primaryHours: roundCents(primaryHours),
    shifts: roundCents(shiftCount),
    incidentsPerShift: perShift === null ? null : roundCents(perShift),
    exceedsGuideline: perShift !== null && perShift > ONCALL_INCIDENTS_PER_SHIFT_GUIDELINE,
    onCallHours: roundCents(onCallHours),
    responderHours: roundCents(responderHours),
    onCallShare: ratioOrNull(onCallHours, responderHours),
    responders: responders.size,
  };
}

/** The SPEC §2.7 figures of one period. */
export function computeOverviewPeriod(input: OverviewPeriodInput, majorSeverity: number): OverviewPeriod {
  const { range, workload, rows } = input;
  const days = calendarDaysBetween(range.fromDate, range.toDate);
  const bySeverity = Array.from({ length: SEVERITY_MAX }, (_, i) => rows.severities.find((s) => s.severity === i + 1)?.incidents ?? 0);
  const total = bySeverity.reduce((a, b) => a + b, 0);
  const major = bySeverity.slice(0, majorSeverity).reduce((a, b) => a + b, 0);
  return {
    from: range.fromDate,
    to: range.toDate,
    days,
    incidents: { total, major, bySeverity },
    workload: {
      ...workload,
      sleepingShare: ratioOrNull(workload.sleeping, workload.minutes),
      hoursPerResponderPerWeek: workload.responders > 0 ? roundCents(workload.minutes / 60 / workload.responders / (days / DAYS_PER_WEEK)) : null,
    },
    noise: input.noise,
    timings: { tta: input.timings.tta, ttr: input.timings.ttr },
    readiness: { asOf: input.readiness.date, ready: input.readiness.ready, active: input.readiness.active, readyRatio: input.readiness.readyRatio },
    onCall: computeOnCall(rows.shifts, rows.responderHours, total),
  };
}

/** Each figure's value in a period. */
const FIGURE_OF: Record<OverviewFigureName, (p: OverviewPeriod) => number | null> = {
  incidents: (p) => p.incidents.total,
  majorIncidents: (p) => p.incidents.major,
  sev1Incidents: (p) => p.incidents.bySeverity[0]!,
  sev2Incidents: (p) => p.incidents.bySeverity[1]!,
  sev3Incidents: (p) => p.incidents.bySeverity[2]!,
  sev4Incidents: (p) => p.incidents.bySeverity[3]!,
  sev5Incidents: (p) => p.incidents.bySeverity[4]!,
  workloadHours: (p) => p.workload.hours,
  workingHours: (p) => roundCents(p.workload.working / 60),
  lateHours: (p) => roundCents(p.workload.late / 60),
  sleepingHours: (p) => roundCents(p.workload.sleeping / 60),
  sleepingShare: (p) => p.workload.sleepingShare,
  responders: (p) => p.workload.responders,
  hoursPerResponderPerWeek: (p) => p.workload.hoursPerResponderPerWeek,
  interruptions: (p) => p.noise.interruptions,
  sleepingInterruptions: (p) => p.noise.sleepingInterruptions,
  escalatedAlerts: (p) => p.noise.escalated,
  actionableRatio: (p) => p.noise.actionableRatio,
  ttaMedianMinutes: (p) => p.timings.tta.medianMinutes,
  ttrMedianMinutes: (p) => p.timings.ttr.medianMinutes,
  readyResponders: (p) => p.readiness.ready,
  onCallShifts: (p) => p.onCall?.shifts ?? null,
  incidentsPerShift: (p) => p.onCall?.incidentsPerShift ?? null,
  onCallShare: (p) => p.onCall?.onCallShare ?? null,
};
const ON_CALL_FIGURES: ReadonlySet<OverviewFigureName> = new Set(['onCallShifts', 'incidentsPerShift', 'onCallShare']);

/** (current − previous) ÷ previous to 0.001; null when previous is 0 or a value is missing. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return roundRatio((current - previous) / previous);
}

/** The overview (SPEC §2.7, §3 `/api/v1/analytics/overview`): both periods and their figures side by side. */
export function computeOverview(input: OverviewInput): Omit<OverviewResponse, 'freshness'> {
  const current = computeOverviewPeriod(input.current, input.majorSeverity);
  const previous = computeOverviewPeriod(input.previous, input.majorSeverity);
  const withShifts = current.onCall !== null || previous.onCall !== null;
  const figures: OverviewFigure[] = OVERVIEW_FIGURES.filter((f) => withShifts || !ON_CALL_FIGURES.has(f)).map((figure) => {
    const now = FIGURE_OF[figure](current);
    const before = FIGURE_OF[figure](previous);
    return { figure, current: now, previous: before, change: relativeChange(now, before) };
  });
  return {
    timezone: input.timeZone,
    majorSeverity: input.majorSeverity,
    guideline: { incidentsPerShift: ONCALL_INCIDENTS_PER_SHIFT_GUIDELINE, shiftHours: ONCALL_SHIFT_HOURS },
    current,
    previous,
    figures,
  };
}
