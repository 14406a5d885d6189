import { HttpStatus, Injectable } from '@nestjs/common';
import {
  INCIDENT_ACTIVITY_LIMIT,
  INCIDENT_KINDS,
  type IncidentDetail,
  type IncidentDetailQuery,
  type IncidentListQuery,
  type IncidentListResponse,
} from '@firewatch/shared';
import { resolveQueryRange } from '../common/parse-query.js';
import { ProblemException } from '../common/http-exception.filter.js';
import { toIncidentDetail, toIncidentTimings } from './incident-detail.js';
import { toIncidentListItem } from './incident-list-item.js';
import { NoiseFactsService } from '../analytics/noise/facts/noise-facts.service.js';
import { WorkloadQueueService } from '../analytics/workload/workload-queue.service.js';
import { IncidentsRepository } from './incidents.repository.js';

@Injectable()
export class IncidentsService {
  constructor(
    private readonly repository: IncidentsRepository,
    private readonly workloadQueue: WorkloadQueueService,
    private readonly noiseFacts: NoiseFactsService,
  ) {}

  /**
   * One page of the incidents declared in the range (with `responder`: worked on by them in it) that match the query (SPEC §3 `/api/v1/incidents`),
   * with the TTA/TTM/TTR of every matching incident of kind `incident` (SPEC §2.2).
   */
  async list(query: IncidentListQuery, now = new Date()): Promise<IncidentListResponse> {
    // The filters that read derived data see everything accepted, as the reports they drill down from.
    await Promise.all([
      query.responder === undefined ? undefined : this.workloadQueue.catchUp(),
      query.escalationReason === undefined ? undefined : this.noiseFacts.catchUp(),
    ]);
    const timeZone = await this.repository.orgTimeZone();
    const range = resolveQueryRange(query, timeZone, now);
    const filters = {
      from: range.from,
      to: range.to,
      team: query.team,
      services: query.service,
      maxSeverity: query.severity,
      titleContains: query.q,
      declaredLocal: { timeZone, weekday: query.weekday, hour: query.hour },
      cause: query.cause,
      escalationReason: query.escalationReason,
      workedBy: query.responder,
    };
    const kinds = query.kind === 'all' ? INCIDENT_KINDS : [query.kind];
    // The timings count the matching incidents of kind `incident`: the list's total when it lists that kind only.
    const timingsCount = kinds.length === 1 && kinds[0] === 'incident';
    const [rows, timings, counted] = await Promise.all([
      this.repository.page({
        ...filters,
        kinds,
        sort: query.sort,
        order: query.order,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      }),
      this.repository.timings(filters),
      timingsCount ? undefined : this.repository.count({ ...filters, kinds }),
    ]);
    const total = counted ?? timings.total;
    return {
      items: rows.map(toIncidentListItem),
      total,
      page: query.page,
      pageSize: query.pageSize,
      range: { from: range.fromDate, to: range.toDate, timeZone },
      timings: toIncidentTimings(timings),
    };
  }

  /**
   * One incident with its workload, alerts, pages and activity. 404 when no source has the id; 409
   * when several do and the request does not say which (`?source=`).
   */
  async detail(externalId: string, query: IncidentDetailQuery): Promise<IncidentDetail> {
    const found = await this.repository.findByExternalId(externalId, query.source);
    const from = query.source === undefined ? '' : ` from source ${JSON.stringify(query.source)}`;
    if (found.length === 0) throw new ProblemException(HttpStatus.NOT_FOUND, `No incident ${JSON.stringify(externalId)}${from}.`);
    if (found.length > 1) {
      const sources = found.map((i) => i.source);
      throw new ProblemException(
        HttpStatus.CONFLICT,
        `Incident ${JSON.stringify(externalId)} exists in several sources (${sources.join(', ')}); say which with ?source=.`,
        sources.map((source) => ({ path: 'source', message: `may be ${source}` })),
      );
    }
    const incident = found[0]!;
    const [segments, { alerts, pages }, activity] = await Promise.all([
      this.repository.workSegments(incident.id),
      this.repository.alertsAndPages(incident.id),
      this.repository.activity(incident.id, INCIDENT_ACTIVITY_LIMIT),
    ]);
    return toIncidentDetail({ incident, segments, alerts, pages, activity });
  }
}
