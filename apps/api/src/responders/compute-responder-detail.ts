import { formatEpochDay, parseIsoDate, type ResolvedDateRange, type ResponderDetail } from '@firewatch/shared';
import { readinessEnd, readinessPeople, servicesCoveredBy, type ReadinessRules } from '../analytics/readiness/compute-readiness.js';
import type { ResponderPageRows, ResponderProfileRow } from './responders.repository.js';

export interface ResponderDetailInput extends ResponderPageRows {
  profile: ResponderProfileRow;
  range: ResolvedDateRange;
  timeZone: string;
  asOf: string;
  rules: ReadinessRules;
}

/** Minutes to 0.1, as in the workload report. */
const roundMinutes = (minutes: number): number => Math.round(minutes * 10) / 10;

/**
 * The page a manager opens before a 1:1 (`GET /api/v1/responders/{externalId}`): readiness on asOf
 * (SPEC §2.6), the qualifying experiences dated in the range, the workload in it (SPEC §2.1) and the
 * pager interruptions of the alerts fired in it (SPEC §2.5).
 */
export function computeResponderDetail(input: ResponderDetailInput): ResponderDetail {
  const { profile, rules } = input;
  const [person] = readinessPeople([profile], input.experiences, rules);
  const asOf = parseIsoDate(input.asOf)!;
  const fromDay = parseIsoDate(input.range.fromDate)!;
  const toDay = parseIsoDate(input.range.toDate)!;
  const end = readinessEnd(person!, asOf, rules.windowDays);
  const covered = servicesCoveredBy(person!, asOf, rules.windowDays);
  const services = new Map(person!.experiences.flatMap((e) => e.serviceIds.map((id, i) => [id, e.row.services[i]!] as const)));
  const latest = person!.experiences.filter((e) => e.day <= asOf).at(-1);
  const w = input.workload;
  return {
    externalId: profile.externalId,
    name: profile.name,
    email: profile.email,
    chatUserId: profile.chatUserId,
    team: profile.team,
    timezone: profile.timezone,
    startedAt: profile.startedAt?.toISOString() ?? null,
    leftAt: profile.leftAt?.toISOString() ?? null,
    range: { from: input.range.fromDate, to: input.range.toDate, timeZone: input.timeZone },
    readiness: {
      asOf: input.asOf,
      active: person!.startDay <= asOf && asOf < person!.endDay,
      ready: end !== undefined,
      expiresOn: end === undefined ? null : formatEpochDay(end.expiresOn),
      lastExperienceOn: latest === undefined ? null : formatEpochDay(latest.day),
      services: [...covered].map((id) => services.get(id)!).sort(),
    },
    experiences: person!.experiences
      .filter((e) => e.day >= fromDay && e.day < toDay)
      .reverse()
      .map((e) => ({
        incident: { externalId: e.row.externalId, title: e.row.title, kind: e.row.kind, severity: e.row.severity },
        date: e.row.date,
        roles: e.row.roles,
        minutes: roundMinutes(e.row.minutes),
        services: e.row.services,
        readyUntil: formatEpochDay(e.day + rules.windowDays - 1),
      })),
    workload: {
      minutes: roundMinutes(w.minutes),
      working: roundMinutes(w.working),
      late: roundMinutes(w.late),
      sleeping: roundMinutes(w.sleeping),
      incidents: w.incidents,
      gameDayMinutes: roundMinutes(input.gameDayMinutes),
    },
    interruptions: input.interruptions,
  };
}
