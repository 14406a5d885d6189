import { NOISY_RULES, BATCH_RULE } from './demo-catalogue.js';
import { expectedIncidents, incidentRatePerWeight, MONTH_FACTORS, WEEKDAY_FACTORS, YEAR_END_FACTOR } from './demo-rates.js';
import { DEMO_SOURCE, LAUNCH_RATIO, divisionsForScale, type DemoPlan } from './demo-plan.js';
import { DAY_MS, WEEK_MS, isYearEnd, isoDateOf } from './demo-time.js';

/**
 * `demo-manifest.json`: what the demo contains and, for each planted pattern, the entities involved
 * and the effect the analytics must find, in numbers. Expectations are stated for the organisation
 * time zone of the default settings (UTC) and the metric definitions of SPEC §2; `expected` is the
 * generator's model value, `min`/`max` the bounds the tests hold it to.
 */

export interface Expectation {
  /** What to compute, in the words of SPEC §2. */
  measure: string;
  expected?: number;
  min?: number;
  max?: number;
  /** Responders / services the measure must name (e.g. the covering responders). */
  names?: string[];
}

export interface PlantedPattern {
  id: string;
  title: string;
  description: string;
  entities: Record<string, unknown>;
  expectations: Expectation[];
}

export interface DemoManifest {
  generator: 'firewatch-demo';
  version: 1;
  source: typeof DEMO_SOURCE;
  seed: number;
  scale: number;
  divisions: number;
  scaling: string;
  /** `[from, to)` in UTC. */
  range: { from: string; to: string; days: number };
  orgTimezone: 'UTC';
  organisation: {
    teams: Array<{ externalId: string; name: string; timezone: string; rotation: string }>;
    services: Array<{ externalId: string; name: string; team: string; tier: number }>;
    responders: number;
    timezones: string[];
  };
  /** Rows per table, filled in by the loader. */
  counts?: Record<string, number>;
  patterns: PlantedPattern[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function buildManifest(plan: DemoPlan, plantedIds: Map<string, string>): DemoManifest {
  const { planted } = plan;
  const teamExt = (id: number) => plan.teams[id - 1]!.externalId;
  const serviceExt = (id: number) => plan.services[id - 1]!.externalId;
  const responderExt = (id: number) => plan.responders[id - 1]!.externalId;
  const incidentExt = (key: string) => plantedIds.get(key) ?? null;
  const division1 = <T extends { division: number }>(items: T[]) => items.filter((x) => x.division === 0);
  const rate = incidentRatePerWeight(plan);

  // Model expectations from the rate functions (division 1, kind incident).
  const services1 = division1(plan.services);
  const expectedOn = (day: (typeof plan.days)[number]) => {
    let sum = 0;
    for (const s of services1) sum += expectedIncidents(plan, rate, s, day) * (s.spec.key === 'invoicing' ? 0.5 : 1);
    return sum + planted.batch.failureChancePerNight * planted.batch.incidentChance;
  };
  let yearEndSum = 0;
  let yearEndDays = 0;
  let otherSum = 0;
  let otherDays = 0;
  const byMonth = new Map<string, number>();
  for (const day of plan.days) {
    const e = expectedOn(day);
    if (isYearEnd(day.month, day.dayOfMonth)) {
      yearEndSum += e;
      yearEndDays++;
    } else {
      otherSum += e;
      otherDays++;
    }
    const month = day.iso.slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + e);
  }
  const novembers = [...byMonth.keys()].filter((m) => m.endsWith('-11') && byMonth.has(`${m.slice(0, 4)}-08`) && byMonth.has(`${m.slice(0, 4)}-12`));
  const peakMonth = novembers.at(-1);
  const lowMonth = peakMonth ? `${peakMonth.slice(0, 4)}-08` : undefined;

  const launch = planted.launch;
  const launchService = plan.services[launch.serviceId - 1]!;
  const launchSum = (fromMs: number, toMs: number) => {
    let sum = 0;
    for (const day of plan.days) {
      const ms = day.epochDay * DAY_MS;
      if (ms >= fromMs && ms < toMs) sum += expectedIncidents(plan, rate, launchService, day);
    }
    return sum;
  };
  const launchDayMs = Math.floor(launch.atMs / DAY_MS) * DAY_MS;
  const perWeekBefore = launchSum(launchDayMs - 8 * WEEK_MS, launchDayMs) / 8;
  const perWeekAfter6 = launchSum(launchDayMs, launchDayMs + 6 * WEEK_MS) / 6;
  const perWeekAfter8 = launchSum(launchDayMs, launchDayMs + 8 * WEEK_MS) / 8;

  const yearEndWindows: string[] = [];
  for (let y = new Date(plan.fromMs).getUTCFullYear() - 1; y <= new Date(plan.toMs).getUTCFullYear(); y++) {
    const from = Math.max(Date.UTC(y, 11, 20), plan.fromMs);
    const to = Math.min(Date.UTC(y + 1, 0, 4), plan.toMs);
    if (from < to) yearEndWindows.push(`${isoDateOf(from)}..${isoDateOf(to - DAY_MS)}`);
  }

  const departure = planted.departure;
  const leaver = plan.responders[departure.responderId - 1]!;
  const gameDay = planted.gameDay;
  const gameDayDate = isoDateOf(gameDay.atMs);

  // The on-call patterns are read over the last 12 weeks, which hold the whole streak.
  const unfair = planted.unfairRotation;
  const streak = planted.streak;
  const oncallRange = { from: isoDateOf(plan.toMs - 12 * WEEK_MS), to: isoDateOf(plan.toMs) };

  const patterns: PlantedPattern[] = [
    {
      id: 'weekday-hour-profile',
      title: 'Business-hours-heavy weekday × hour profile',
      description:
        'Incidents are declared mostly in the owning team’s local business hours (changes ship then): weekday × hour weights in demo-rates.ts, weekends at ×0.25–0.3. Most teams are in Europe, so in UTC the heatmap peaks on weekdays 07:00–17:00.',
      entities: { kind: 'incident', timezone: 'UTC', weekdayFactors: WEEKDAY_FACTORS },
      expectations: [
        { measure: 'incidents per weekday (Mon–Fri) ÷ incidents per weekend day, by UTC declaredAt (SPEC §2.3 weekday index)', min: 2.5 },
        { measure: 'share of incidents declared Mon–Fri 07:00–17:00 UTC (50 of the 168 weekday × hour cells)', min: 0.45 },
        { measure: 'the busiest weekday × hour cell lies on Mon–Fri between 07:00 and 17:00 UTC', expected: 1 },
      ],
    },
    {
      id: 'nightly-batch-failures',
      title: 'Nightly batch-job failures on one service',
      description: `The invoice run starts at 0${planted.batch.runHourUtc}:00 UTC; on ≈ ${Math.round(planted.batch.failureChancePerNight * 100)}% of nights it fails, fires ${BATCH_RULE} and wakes the Payments on-call (Europe/London); half of the failures become incidents.`,
      entities: { service: serviceExt(planted.batch.serviceId), rule: BATCH_RULE, runAtUtc: '02:00', team: teamExt(plan.services[planted.batch.serviceId - 1]!.teamId), teamTimezone: 'Europe/London' },
      expectations: [
        { measure: `share of ${serviceExt(planted.batch.serviceId)} incidents declared 02:00–04:00 UTC (2 of 24 hours)`, min: 0.6 },
        { measure: `share of ${BATCH_RULE} alerts fired 02:00–03:00 UTC`, expected: 1, min: 1 },
        { measure: `share of ${BATCH_RULE} pages in the paged responder’s sleeping hours (23:00–08:00 local)`, min: 0.8 },
      ],
    },
    {
      id: 'year-end-dip',
      title: 'Yearly seasonality with an end-of-year dip',
      description: `Month factors ${MONTH_FACTORS.join(', ')} (January first) and ×${YEAR_END_FACTOR} from Dec 20 to Jan 3 (holidays and a change freeze), on a growth from ×0.9 to ×1.1 over the range.`,
      entities: {
        windows: yearEndWindows,
        annotations: plan.annotations.filter((a) => a.kind === 'freeze').map((a) => a.externalId),
        peakMonth: peakMonth ?? null,
        lowMonth: lowMonth ?? null,
      },
      expectations: [
        {
          measure: 'incidents per day in Dec 20 – Jan 3 ÷ incidents per day on all other days (SPEC §2.3 holiday effect, end-of-year part)',
          expected: round(yearEndSum / yearEndDays / (otherSum / otherDays)),
          max: 0.6,
        },
        ...(peakMonth && lowMonth
          ? [{ measure: `incidents in ${peakMonth} ÷ incidents in ${lowMonth}`, expected: round(byMonth.get(peakMonth)! / byMonth.get(lowMonth)!), min: 1.2 }]
          : []),
      ],
    },
    {
      id: 'launch',
      title: 'A launch doubles one service’s incidents and hours for six weeks',
      description: `After the launch annotation the launched service’s incident rate is ×${round(launch.multiplier)} for ${launch.boostedWeeks} weeks (chosen so that, season included, the weekly rate doubles: ×${LAUNCH_RATIO}), then back to normal. From 8 weeks before to 8 weeks after the launch its incidents are single-service SEV3s of similar length with one helper each, so its hours follow its incidents.`,
      entities: {
        annotation: plan.annotations[launch.annotationId - 1]!.externalId,
        service: serviceExt(launch.serviceId),
        at: iso(launch.atMs),
        beforeWindow: `${isoDateOf(launchDayMs - 8 * WEEK_MS)}..${isoDateOf(launchDayMs - DAY_MS)}`,
        afterWindow: `${isoDateOf(launchDayMs)}..${isoDateOf(launchDayMs + 6 * WEEK_MS - DAY_MS)}`,
      },
      expectations: [
        { measure: `incidents/week of ${serviceExt(launch.serviceId)}: 6 weeks from the launch day ÷ the 8 weeks before`, expected: round(perWeekAfter6 / perWeekBefore), min: 1.8 },
        { measure: `workload hours/week (SPEC §2.1) of ${serviceExt(launch.serviceId)}: same windows`, expected: round(perWeekAfter6 / perWeekBefore), min: 1.7 },
        { measure: `incidents/week, 8 weeks after ÷ 8 weeks before (SPEC §2.4 before/after, default N = 8)`, expected: round(perWeekAfter8 / perWeekBefore), min: 1.5 },
      ],
    },
    {
      id: 'noisy-rules',
      title: 'Three noisy alert rules, the others mostly actionable',
      description:
        'KafkaConsumerLag flaps (fires, clears within minutes, fires again); CdnEdge5xxSpike clears by itself before anyone acknowledges it; WarehouseDiskSpaceLow pages and escalates but nobody acknowledges it. About 20% of each are acknowledged and marked actionable. Other paging rules are acknowledged and marked actionable ≈ 75% of the time, or linked to incidents.',
      entities: {
        flapping: { rule: NOISY_RULES.flapping, service: 'svc-kafka' },
        transient: { rule: NOISY_RULES.transient, service: 'svc-cdn' },
        ignored: { rule: NOISY_RULES.ignored, service: 'svc-warehouse' },
      },
      expectations: [
        { measure: `noise ratio of ${NOISY_RULES.flapping} (SPEC §2.5: escalated alerts that are not actionable ÷ escalated)`, expected: 0.8, min: 0.7, max: 0.9 },
        { measure: `noise ratio of ${NOISY_RULES.transient}`, expected: 0.8, min: 0.7, max: 0.9 },
        { measure: `noise ratio of ${NOISY_RULES.ignored}`, expected: 0.8, min: 0.7, max: 0.9 },
        { measure: `flaps of ${NOISY_RULES.flapping} (re-fired within 60 min of resolving) ÷ fired`, min: 0.6 },
        { measure: `transient class ÷ escalated for ${NOISY_RULES.transient}`, min: 0.6 },
        { measure: `ignored class ÷ escalated for ${NOISY_RULES.ignored}`, min: 0.6 },
        { measure: 'noise ratio of every other rule with ≥ 30 escalated alerts', max: 0.35 },
      ],
    },
    {
      id: 'concurrent-incidents',
      title: 'Responders active on two and three incidents at once',
      description:
        'A Kafka outage cascades into Search and push notifications and one Platform engineer works all three; two weeks later a Payments engineer works a payments incident and the ledger delay it causes. Without rule 3 of SPEC §2.1 their minutes would add up to more than the wall clock.',
      entities: {
        episodes: planted.concurrency.map((c) => ({
          responder: responderExt(c.responderId),
          incidents: c.incidents.map((i) => incidentExt(i.key)),
          window: { from: iso(c.windowStartMs), to: iso(c.windowEndMs) },
        })),
      },
      expectations: planted.concurrency.flatMap((c) => {
        const windowMinutes = (c.windowEndMs - c.windowStartMs) / 60_000;
        const who = responderExt(c.responderId);
        return [
          { measure: `${who}: activities on each of the ${c.incidents.length} incidents inside the window`, min: 5 },
          { measure: `${who}: minutes credited inside the window by rules 1–2 of SPEC §2.1, summed over the incidents (window = ${windowMinutes} min)`, min: round(windowMinutes * (c.incidents.length - 0.5)) },
          { measure: `${who}: workload inside the window with rule 3 (1/k split)`, max: windowMinutes },
        ];
      }),
    },
    {
      id: 'hires-and-departures',
      title: 'Hires and departures; the only recently-ready responder for Postgres leaves',
      description: `${leaver.externalId} (${leaver.name}, Platform) handled a SEV2 on svc-postgres alone at night 25 days before leaving; nothing else Platform-related was major in the 60 days before, so svc-postgres goes from a single point of knowledge to uncovered when they leave. ${responderExt(departure.replacementId)} starts the Monday after.`,
      entities: {
        hires: division1(plan.responders)
          .filter((r) => r.startedAtMs >= plan.fromMs)
          .map((r) => ({ responder: r.externalId, team: teamExt(r.teamId), startedAt: iso(r.startedAtMs) })),
        departures: division1(plan.responders)
          .filter((r) => r.leftAtMs !== null)
          .map((r) => ({ responder: r.externalId, team: teamExt(r.teamId), leftAt: iso(r.leftAtMs!) })),
        singlePointOfKnowledge: {
          service: serviceExt(departure.serviceId),
          responder: leaver.externalId,
          leftAt: iso(departure.leftAtMs),
          incident: incidentExt(departure.incident.key),
          incidentDeclaredAt: iso(departure.incident.declaredAtMs),
          quietFrom: iso(planted.quiet.startMs),
        },
      },
      expectations: [
        { measure: `ready responders covering ${serviceExt(departure.serviceId)} on ${isoDateOf(departure.leftAtMs - DAY_MS)} (SPEC §2.6, window 60 days)`, expected: 1, names: [leaver.externalId] },
        { measure: `ready responders covering ${serviceExt(departure.serviceId)} on ${isoDateOf(departure.leftAtMs + DAY_MS)}`, expected: 0 },
        { measure: `departure impact of ${leaver.externalId} (SPEC §2.6) includes`, names: [serviceExt(departure.serviceId)] },
      ],
    },
    {
      id: 'game-day-readiness',
      title: 'A game day restores a team’s readiness',
      description: `After the departure Platform has nobody ready (no major incident since the quiet spell began); the Postgres failover drill on ${gameDayDate} makes its ${gameDay.participantIds.length} participants ready, svc-postgres included.`,
      entities: {
        gameDay: incidentExt('game-day'),
        team: teamExt(gameDay.teamId),
        services: gameDay.serviceIds.map(serviceExt),
        at: iso(gameDay.atMs),
        participants: gameDay.participantIds.map(responderExt),
      },
      expectations: [
        { measure: `ready responders of team ${teamExt(gameDay.teamId)} on ${isoDateOf(gameDay.atMs - DAY_MS)}`, expected: 0 },
        { measure: `ready responders of team ${teamExt(gameDay.teamId)} on ${isoDateOf(gameDay.atMs + DAY_MS)}`, expected: gameDay.participantIds.length, names: gameDay.participantIds.map(responderExt) },
        { measure: `ready responders covering ${serviceExt(departure.serviceId)} on ${isoDateOf(gameDay.atMs + DAY_MS)}`, expected: gameDay.participantIds.length },
      ],
    },
    {
      id: 'dst-crossings',
      title: 'Activity across DST changes in several zones',
      description: 'An incident in each of four zones is worked through the local clock change; its elapsed time and its local wall-clock span differ by the change.',
      entities: {
        crossings: planted.dst.map((d) => ({
          zone: d.zone,
          transitionAt: iso(d.transitionMs),
          offsetBeforeMinutes: d.offsetBeforeMinutes,
          offsetAfterMinutes: d.offsetAfterMinutes,
          incident: incidentExt(d.incident.key),
          responder: responderExt(d.responderId),
        })),
      },
      expectations: planted.dst.map((d) => ({
        measure: `${responderExt(d.responderId)} on ${incidentExt(d.incident.key)}: local wall-clock span − elapsed span of their activity, minutes (activity within 60 min on both sides of ${iso(d.transitionMs)})`,
        expected: d.offsetAfterMinutes - d.offsetBeforeMinutes,
      })),
    },
    {
      id: 'unfair-rotation',
      title: 'An unfair on-call rotation: two people carry most of the night pages',
      description: `Data's two longest-serving members hold three rotation weeks in every four between them (one primary, the other secondary), so they carry three quarters of the team's on-call time and most of its night pages; the other members share the fourth week.`,
      entities: { team: teamExt(unfair.teamId), responders: unfair.responderIds.map(responderExt), range: oncallRange },
      expectations: [
        { measure: `share of ${teamExt(unfair.teamId)}'s sleeping interruptions (pages of its services' alerts, recipient's sleeping hours) received by the two`, min: 0.6 },
        { measure: `on-call health over entities.range (GET /api/v1/analytics/oncall, default settings): responders of ${teamExt(unfair.teamId)} flagged disrupted_nights`, names: unfair.responderIds.map(responderExt) },
        { measure: `on-call health over entities.range: other members of ${teamExt(unfair.teamId)} with any flag`, expected: 0 },
      ],
    },
    {
      id: 'oncall-streak',
      title: 'One responder on call many weeks in a row',
      description: `A Mobile member covers the primary ${streak.weeks} weeks running (an override of the rotation), ending three weeks before the end of the demo.`,
      entities: { team: teamExt(streak.teamId), responder: responderExt(streak.responderId), from: iso(streak.startMs), to: iso(streak.endMs), weeks: streak.weeks, range: oncallRange },
      expectations: [
        { measure: `longest run of consecutive ISO weeks (UTC) with at least 24 h on call, ${responderExt(streak.responderId)}, over entities.range`, min: streak.weeks },
        { measure: `on-call health over entities.range: responders of ${teamExt(streak.teamId)} flagged long_streak`, names: [responderExt(streak.responderId)] },
        { measure: `on-call health over entities.range: other members of ${teamExt(streak.teamId)} with any flag`, expected: 0 },
      ],
    },
    {
      id: 'time-of-day',
      title: 'Work happens in the local day, pages wake people at night',
      description: 'Responders mostly work in their own zone’s working hours; machine-driven alerts fire around the clock and wake the on-call.',
      entities: { workingHours: 'Mon–Fri 08:00–19:00 local', sleepingHours: '23:00–08:00 local' },
      expectations: [
        { measure: 'share of activity (kind incident) in the responder’s local working hours', min: 0.5 },
        { measure: 'share of interruptions (phone/sms/push pages) in the recipient’s local sleeping hours', min: 0.15, max: 0.45 },
      ],
    },
  ];

  const teams1 = division1(plan.teams);
  return {
    generator: 'firewatch-demo',
    version: 1,
    source: DEMO_SOURCE,
    seed: plan.options.seed,
    scale: plan.options.scale,
    divisions: plan.divisions,
    scaling: `scale S = round(S^1.8) copies of the scale-1 organisation (scale ${plan.options.scale} → ${divisionsForScale(plan.options.scale)}); planted patterns live in the first copy, whose external ids carry no suffix`,
    range: { from: iso(plan.fromMs), to: iso(plan.toMs), days: plan.days.length },
    orgTimezone: 'UTC',
    organisation: {
      teams: teams1.map((t) => ({ externalId: t.externalId, name: t.name, timezone: t.spec.timezone, rotation: t.rotation.name })),
      services: services1.map((s) => ({ externalId: s.externalId, name: s.name, team: teamExt(s.teamId), tier: s.tier })),
      responders: plan.responders.length,
      timezones: [...new Set(plan.responders.map((r) => r.timezone))].sort(),
    },
    patterns,
  };
}
