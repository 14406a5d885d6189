import { HttpStatus, Injectable } from '@nestjs/common';
import {
  READINESS_MAX_DAYS,
  SEVERITY_MAX,
  addCalendarDays,
  calendarDaysBetween,
  localDate,
  startOfLocalDay,
  type ReadinessQuery,
  type ReadinessReport,
  type Settings,
} from '@firewatch/shared';
import { ProblemException } from '../../common/http-exception.filter.js';
import { resolveQueryRange } from '../../common/parse-query.js';
import { WorkloadQueueService } from '../workload/workload-queue.service.js';
import { WorkloadRepository } from '../workload/workload.repository.js';
import { computeReadiness, type ReadinessRules } from './compute-readiness.js';
import { ReadinessRepository } from './readiness.repository.js';

/** The readiness rules of the settings, the major threshold capped by a `severity` filter. */
export function readinessRules(settings: Settings, maxSeverity = SEVERITY_MAX): ReadinessRules {
  return {
    windowDays: settings.readinessWindowDays,
    majorSeverity: Math.min(settings.majorSeverity, maxSeverity),
    minMinutes: settings.readinessMinMinutes,
  };
}

/**
 * UTC bounds on `declaredAt` of the experiences that can make someone ready on any day from the
 * earliest of `firstDays` up to (excluding) the latest of `endDays` (local dates): from a window
 * before the first day.
 */
export function experienceBounds(firstDays: readonly string[], endDays: readonly string[], windowDays: number, timeZone: string): { from: Date; to: Date } {
  const first = [...firstDays].sort()[0]!;
  const end = [...endDays].sort().at(-1)!;
  return { from: startOfLocalDay(addCalendarDays(first, 1 - windowDays), timeZone), to: startOfLocalDay(end, timeZone) };
}

@Injectable()
export class ReadinessService {
  constructor(
    private readonly repository: ReadinessRepository,
    private readonly workload: WorkloadRepository,
    private readonly workloadQueue: WorkloadQueueService,
  ) {}

  /** The readiness report of SPEC §3 `/api/v1/analytics/readiness` for a parsed query. */
  async report(query: ReadinessQuery, now = new Date()): Promise<ReadinessReport> {
    const freshness = await this.workload.caughtUpFreshness([this.workloadQueue]);
    const settings = await this.workload.settings();
    const timeZone = settings.timezone;
    const range = resolveQueryRange(query, timeZone, now);
    if (calendarDaysBetween(range.fromDate, range.toDate) > READINESS_MAX_DAYS) {
      const message = `from must be at most ${READINESS_MAX_DAYS} days before to (the series has a row per day)`;
      throw new ProblemException(HttpStatus.BAD_REQUEST, `Invalid query: ${message}.`, [{ path: 'from', message }]);
    }
    const asOf = query.asOf ?? localDate(now, timeZone);
    const rules = readinessRules(settings, query.severity);
    // Days asked about: the range, the day before it (a departure on its first day), asOf and the
    // lapsing horizon (which only counts experiences up to asOf).
    const bounds = experienceBounds([addCalendarDays(range.fromDate, -1), asOf], [range.toDate, addCalendarDays(asOf, 1)], rules.windowDays, timeZone);
    const rows = await this.repository.rows({ ...bounds, maxSeverity: rules.majorSeverity, services: query.service }, timeZone, query.team);
    return { ...computeReadiness({ ...rows, range, timeZone, asOf, rules, teamSeries: query.teamSeries }), freshness };
  }
}
