import type { WorkingHours } from '@firewatch/shared';
import { GAME_DAY_SCENARIOS, GAME_DAYS_PER_TEAM_YEAR, MEMBERS_PER_TEAM, NAMES, SERVICES, TEAMS, TEST_INCIDENTS, type RuleSpec, type ServiceSpec, type TeamSpec } from './demo-catalogue.js';
import { Rng } from './prng.js';
import { expectedIncidents } from './demo-rates.js';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  WEEK_MS,
  demoDay,
  isYearEnd,
  localToUtcMs,
  offsetTransitions,
  utcDateMs,
  type DemoDay,
} from './demo-time.js';

/**
 * The plan of a demo organisation: everything decided before the day-by-day simulation runs: the range,
 * the organisation (teams, services, rules, responders with hires and departures), the on-call rotations,
 * and where the planted patterns sit in time. It is small (it grows with the organisation, not with the
 * number of events) and a pure function of the options.
 */

/** `source` of every demo row. */
export const DEMO_SOURCE = 'demo';
/** The seed `npm start` uses for the automatic demo. */
export const DEFAULT_DEMO_SEED = 1;
export const DEMO_MONTHS = 18;
export const MAX_DEMO_SCALE = 20;

export interface DemoOptions {
  /** Any non-negative safe integer. */
  seed: number;
  /** 1 = the demo organisation; 10 = the benchmark dataset (see `divisionsForScale`). */
  scale: number;
  /** `YYYY-MM-DD`: the range ends at 00:00 UTC of this day (exclusive, like every range in Firewatch). */
  end: string;
}

/**
 * Scale S builds round(S^1.8) copies ("divisions") of the scale-1 organisation: every volume grows with
 * the number of responders while each responder's load stays what it is at scale 1, which is what makes
 * the benchmark realistic. Scale 1 → 1 division (≈ 150k activity), 2 → 3, 5 → 18, 10 → 63 (≈ 9.5M).
 */
export function divisionsForScale(scale: number): number {
  return Math.max(1, Math.round(scale ** 1.8));
}

export function validateDemoOptions(options: DemoOptions): void {
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${options.seed}`);
  if (!Number.isInteger(options.scale) || options.scale < 1 || options.scale > MAX_DEMO_SCALE) {
    throw new RangeError(`scale must be an integer from 1 to ${MAX_DEMO_SCALE}, got ${options.scale}`);
  }
  utcDateMs(options.end);
}

export interface Rotation {
  name: string;
  /** Handover instants (Monday 09:00 in the team's zone), ascending; week w is [weekStartMs[w], weekStartMs[w + 1]). */
  weekStartMs: number[];
  /** Responder ids per week. */
  primary: number[];
  secondary: number[];
}

export interface DemoTeam {
  id: number;
  externalId: string;
  name: string;
  division: number;
  spec: TeamSpec;
  memberIds: number[];
  serviceIds: number[];
  rotation: Rotation;
}

export interface DemoRule extends RuleSpec {
  /** Position in the service's rule list (part of the rule's random stream). */
  index: number;
}

export interface DemoService {
  id: number;
  externalId: string;
  name: string;
  teamId: number;
  tier: number;
  division: number;
  spec: ServiceSpec;
  dependsOnIds: number[];
  rules: DemoRule[];
}

export type PageChannel = 'push' | 'phone' | 'sms';

export interface DemoResponder {
  id: number;
  externalId: string;
  name: string;
  email: string;
  teamId: number;
  division: number;
  timezone: string;
  holidayCountry: string;
  workingHours: WorkingHours | null;
  startedAtMs: number;
  leftAtMs: number | null;
  /** How this responder's phone app notifies first. */
  channel: PageChannel;
  /** Multiplies acknowledgement delays (some are quicker than others). */
  ackFactor: number;
}

export interface DemoAnnotation {
  id: number;
  externalId: string;
  title: string;
  kind: 'launch' | 'migration' | 'freeze';
  atMs: number;
  endAtMs: number | null;
  serviceIds: number[];
}

export interface GameDayPlan {
  division: number;
  teamId: number;
  /** Start (10:00 in the team's zone). */
  atMs: number;
  scenario: string;
  serviceIds: number[];
  participantIds: number[];
}

export interface TestIncidentPlan {
  division: number;
  teamId: number;
  atMs: number;
}

/** An incident placed by hand (division 1 only), simulated like the others from here on. */
export interface PlantedIncident {
  key: string;
  serviceIds: number[];
  severity: number;
  title: string;
  cause: string;
  startedAtMs: number;
  declaredAtMs: number;
  mitigatedAtMs: number;
  resolvedAtMs: number;
  /** Paged by the triggering alert and takes the lead. */
  leadId: number;
  /** Participants and when they join and leave; the lead included. */
  participants: Array<{ responderId: number; joinAtMs: number; leaveAtMs: number; role?: string }>;
}

export interface Planted {
  launch: { annotationId: number; serviceId: number; atMs: number; multiplier: number; boostedWeeks: number; comparedWeeksBefore: number };
  /** Platform has no major incident in [startMs, endMs) except `departure.incident`. */
  quiet: { teamId: number; startMs: number; endMs: number };
  departure: { responderId: number; serviceId: number; leftAtMs: number; incident: PlantedIncident; replacementId: number };
  gameDay: GameDayPlan;
  concurrency: Array<{ responderId: number; windowStartMs: number; windowEndMs: number; incidents: PlantedIncident[] }>;
  dst: Array<{ zone: string; responderId: number; transitionMs: number; offsetBeforeMinutes: number; offsetAfterMinutes: number; incident: PlantedIncident }>;
  batch: { serviceId: number; rule: string; runHourUtc: number; failureChancePerNight: number; incidentChance: number };
  /** An unfair rotation: these two are the team's primary in two of every three weeks (one each), so they carry most of its night pages. */
  unfairRotation: { teamId: number; responderIds: [number, number] };
  /** A long streak: `responderId` is the team's primary for the rotation weeks `[firstWeek, firstWeek + weeks)`. */
  streak: { teamId: number; responderId: number; firstWeek: number; weeks: number; startMs: number; endMs: number };
}

export interface DemoPlan {
  options: DemoOptions;
  divisions: number;
  fromMs: number;
  toMs: number;
  days: DemoDay[];
  teams: DemoTeam[];
  services: DemoService[];
  responders: DemoResponder[];
  annotations: DemoAnnotation[];
  gameDays: GameDayPlan[];
  testIncidents: TestIncidentPlan[];
  planted: Planted;
}

// Stream names of the plan's random draws (see prng.ts).
const S_PEOPLE = 1;
const S_ROTATION = 2;
const S_SCHEDULE = 3;
const S_PLANTED = 4;

/** New responders join the on-call rotation after this onboarding period. */
const ONBOARDING_MS = 28 * DAY_MS;

const suffix = (division: number) => (division === 0 ? '' : `-${division + 1}`);
const nameSuffix = (division: number) => (division === 0 ? '' : ` ${division + 1}`);

export function planDemo(options: DemoOptions): DemoPlan {
  validateDemoOptions(options);
  const toMs = utcDateMs(options.end);
  const end = new Date(toMs);
  const fromMs = Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - DEMO_MONTHS, end.getUTCDate());
  const firstEpochDay = fromMs / DAY_MS;
  const days: DemoDay[] = [];
  for (let i = 0; firstEpochDay + i < toMs / DAY_MS; i++) days.push(demoDay(i, firstEpochDay + i));
  const divisions = divisionsForScale(options.scale);
  const seed = options.seed;

  const teams: DemoTeam[] = [];
  const services: DemoService[] = [];
  const responders: DemoResponder[] = [];
  const usedNames = new Set<string>();
  const serviceByKey = new Map<string, DemoService>();

  for (let d = 0; d < divisions; d++) {
    for (const spec of TEAMS) {
      const team: DemoTeam = {
        id: teams.length + 1,
        externalId: `${spec.key}${suffix(d)}`,
        name: `${spec.name}${nameSuffix(d)}`,
        division: d,
        spec,
        memberIds: [],
        serviceIds: [],
        rotation: { name: `${spec.key}${suffix(d)}-oncall`, weekStartMs: [], primary: [], secondary: [] },
      };
      teams.push(team);
      const rng = Rng.of(seed, S_PEOPLE, d, team.id);
      for (let m = 0; m < MEMBERS_PER_TEAM; m++) {
        const [timezone, holidayCountry, pool] = spec.remote[m] ?? [spec.timezone, spec.holidayCountry, spec.names];
        let name = '';
        for (let attempt = 0; attempt < 50 && (name === '' || usedNames.has(name)); attempt++) {
          name = `${rng.pick(NAMES[pool].first)} ${rng.pick(NAMES[pool].last)}`;
        }
        if (usedNames.has(name)) name = `${name} ${responders.length + 1}`;
        usedNames.add(name);
        const id = responders.length + 1;
        const externalId = `r-${String(id).padStart(3, '0')}`;
        const emailLocal = name
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '.');
        responders.push({
          id,
          externalId,
          name,
          email: `${emailLocal}@demo.firewatch.example`,
          teamId: team.id,
          division: d,
          timezone,
          holidayCountry,
          workingHours: null,
          // Tenure before the range: 3 months to 7 years.
          startedAtMs: startOfUtcDay(fromMs - rng.int(90, 2500) * DAY_MS) + 8 * HOUR_MS,
          leftAtMs: null,
          channel: (['push', 'push', 'push', 'phone', 'phone', 'sms'] as const)[rng.int(0, 5)]!,
          ackFactor: rng.between(0.7, 1.5),
        });
        team.memberIds.push(id);
      }
      // A couple of part-timers and early starters, so working hours are not the same for everyone.
      if (rng.chance(0.5)) responders[team.memberIds[rng.int(0, 5)]! - 1]!.workingHours = { days: [1, 2, 3, 4], start: '09:00', end: '17:00' };
      if (rng.chance(0.3)) responders[team.memberIds[rng.int(6, 9)]! - 1]!.workingHours = { days: [1, 2, 3, 4, 5], start: '07:00', end: '15:00' };
    }
    for (const spec of SERVICES) {
      const team = teams.find((t) => t.division === d && t.spec.key === spec.team)!;
      const service: DemoService = {
        id: services.length + 1,
        externalId: `svc-${spec.key}${suffix(d)}`,
        name: `${spec.name}${nameSuffix(d)}`,
        teamId: team.id,
        tier: spec.tier,
        division: d,
        spec,
        dependsOnIds: [],
        rules: spec.rules.map((rule, index) => ({ ...rule, index })),
      };
      services.push(service);
      team.serviceIds.push(service.id);
      serviceByKey.set(`${d}:${spec.key}`, service);
    }
    for (const service of services.filter((s) => s.division === d)) {
      service.dependsOnIds = service.spec.dependsOn.map((key) => serviceByKey.get(`${d}:${key}`)!.id);
    }
  }

  const teamOf = (division: number, key: string) => teams.find((t) => t.division === division && t.spec.key === key)!;
  const serviceOf = (division: number, key: string) => serviceByKey.get(`${division}:${key}`)!;
  const span = toMs - fromMs;
  // People start on a Monday and leave on a Friday.
  const hireAt = (fraction: number) => nextWeekday(fromMs + fraction * span, 1) + 8 * HOUR_MS;
  const leaveAt = (fraction: number) => nextWeekday(fromMs + fraction * span, 5) + 17 * HOUR_MS;

  // ---- Hires and departures ------------------------------------------------------------------
  // Division 1 is written out so the manifest can name people; the others draw theirs.
  const planted = placePlanted(fromMs, toMs);
  const platform = teamOf(0, 'platform');
  const leaver = responders[platform.memberIds[2]! - 1]!;
  leaver.leftAtMs = planted.leftAtMs;
  const replacement = responders[platform.memberIds[9]! - 1]!;
  replacement.startedAtMs = nextWeekday(planted.leftAtMs, 1) + 8 * HOUR_MS; // the Monday after
  const division1Moves: Array<[team: string, member: number, move: 'hire' | 'leave', fraction: number]> = [
    ['payments', 9, 'hire', 0.4],
    ['storefront', 8, 'leave', 0.3],
    ['storefront', 9, 'hire', 0.36],
    ['identity', 8, 'leave', 0.66],
    ['data', 9, 'hire', 0.55],
    ['data', 7, 'leave', 0.83],
    ['mobile', 9, 'hire', 0.2],
  ];
  for (const [key, member, move, fraction] of division1Moves) {
    const r = responders[teamOf(0, key).memberIds[member]! - 1]!;
    if (move === 'hire') r.startedAtMs = hireAt(fraction);
    else r.leftAtMs = leaveAt(fraction);
  }
  for (const team of teams.filter((t) => t.division > 0)) {
    const rng = Rng.of(seed, S_PEOPLE, team.division, team.id, 1);
    if (rng.chance(0.6)) responders[team.memberIds[9]! - 1]!.startedAtMs = hireAt(rng.between(0.1, 0.9));
    if (rng.chance(0.5)) responders[team.memberIds[8]! - 1]!.leftAtMs = leaveAt(rng.between(0.1, 0.95));
  }

  // ---- Rotations -------------------------------------------------------------------------------
  for (const team of teams) buildRotation(team, responders, fromMs, toMs, Rng.of(seed, S_ROTATION, team.id));
  // Override (as in PagerDuty): the leaver covers the week of the planted night incident.
  const override = weekIndex(platform.rotation, planted.leaverIncidentAtMs);
  if (platform.rotation.secondary[override] === leaver.id) platform.rotation.secondary[override] = platform.rotation.primary[override]!;
  platform.rotation.primary[override] = leaver.id;
  // On-call health: Data's two longest-serving members hold three weeks in every four between them,
  // and one Mobile member covers primary six weeks in a row, ending 3 weeks before the end.
  const unfairRotation = plantUnfairRotation(teamOf(0, 'data'), [0, 1], responders, fromMs, toMs, Rng.of(seed, S_ROTATION, teamOf(0, 'data').id, 1));
  const streak = plantStreak(teamOf(0, 'mobile'), 5, STREAK_WEEKS);

  // ---- Annotations ---------------------------------------------------------------------------
  const checkout = serviceOf(0, 'checkout');
  const annotations: DemoAnnotation[] = [];
  const addAnnotation = (a: Omit<DemoAnnotation, 'id'>) => {
    const annotation = { id: annotations.length + 1, ...a };
    annotations.push(annotation);
    return annotation;
  };
  const launchAnnotation = addAnnotation({
    externalId: 'ann-checkout-v2-launch',
    title: 'Checkout v2 launch',
    kind: 'launch',
    atMs: planted.launchAtMs,
    endAtMs: null,
    serviceIds: [checkout.id],
  });
  addAnnotation({
    externalId: 'ann-kubernetes-upgrade',
    title: 'Kubernetes 1.33 upgrade',
    kind: 'migration',
    atMs: startOfUtcDay(toMs - 60 * WEEK_MS) + 9 * HOUR_MS,
    endAtMs: null,
    serviceIds: [serviceOf(0, 'kubernetes').id],
  });
  for (let year = new Date(fromMs).getUTCFullYear() - 1; year <= new Date(toMs).getUTCFullYear(); year++) {
    const atMs = Date.UTC(year, 11, 20);
    const endAtMs = Date.UTC(year + 1, 0, 4);
    if (endAtMs <= fromMs || atMs >= toMs) continue;
    addAnnotation({ externalId: `ann-freeze-${year}`, title: `End-of-year change freeze ${year}`, kind: 'freeze', atMs, endAtMs, serviceIds: [] });
  }

  // ---- Game days and test incidents ----------------------------------------------------------
  // Until the end of the day after the game day, so readiness on that day counts the drill alone.
  const quiet = { teamId: platform.id, startMs: planted.quietStartMs, endMs: startOfUtcDay(planted.gameDayAtMs) + 2 * DAY_MS };
  const isActive = (r: DemoResponder, t: number) => r.startedAtMs <= t && (r.leftAtMs === null || t < r.leftAtMs);
  const gameDays: GameDayPlan[] = [];
  for (const team of teams) {
    const rng = Rng.of(seed, S_SCHEDULE, team.id);
    const intervalDays = 365 / GAME_DAYS_PER_TEAM_YEAR;
    for (let dayOffset = rng.between(10, intervalDays); dayOffset < days.length - 3; dayOffset += intervalDays * rng.between(0.8, 1.2)) {
      const day = days[Math.floor(dayOffset)]!;
      // Tuesday to Thursday (else the next Tuesday), not in the end-of-year freeze.
      const epochDay = day.epochDay + (day.isoWeekday >= 2 && day.isoWeekday <= 4 ? 0 : (9 - day.isoWeekday) % 7);
      const date = new Date(epochDay * DAY_MS);
      if (isYearEnd(date.getUTCMonth() + 1, date.getUTCDate()) || epochDay * DAY_MS >= toMs - DAY_MS) continue;
      const atMs = localToUtcMs(epochDay, 10 * 3600, team.spec.timezone);
      // Platform's only drill in its quiet spell (and a month before it) is the planted one.
      if (team.id === quiet.teamId && atMs >= quiet.startMs - 30 * DAY_MS && atMs < quiet.endMs + 7 * DAY_MS) continue;
      const candidates = team.memberIds.filter((id) => isActive(responders[id - 1]!, atMs));
      const services = rng.sample(team.serviceIds, rng.chance(0.3) ? 2 : 1);
      gameDays.push({
        division: team.division,
        teamId: team.id,
        atMs,
        scenario: rng.pick(GAME_DAY_SCENARIOS[team.spec.key]!),
        serviceIds: services,
        participantIds: rng.sample(candidates, rng.int(4, 7)),
      });
    }
  }
  const postgres = serviceOf(0, 'postgres');
  const gameDayMembers = platform.memberIds.filter((id) => isActive(responders[id - 1]!, planted.gameDayAtMs));
  const plantedGameDay: GameDayPlan = {
    division: 0,
    teamId: platform.id,
    atMs: planted.gameDayAtMs,
    scenario: 'Postgres failover drill',
    serviceIds: [postgres.id],
    participantIds: Rng.of(seed, S_PLANTED, 1).sample(gameDayMembers, 6),
  };
  gameDays.push(plantedGameDay);
  gameDays.sort((a, b) => a.atMs - b.atMs || a.teamId - b.teamId);

  const testIncidents: TestIncidentPlan[] = [];
  for (let d = 0; d < divisions; d++) {
    const rng = Rng.of(seed, S_SCHEDULE, d, 7);
    for (let i = 0; i < TEST_INCIDENTS; i++) {
      const team = teamOf(d, rng.pick(TEAMS).key);
      const day = days[Math.floor(((i + rng.between(0.1, 0.9)) / TEST_INCIDENTS) * (days.length - 1))]!;
      testIncidents.push({ division: d, teamId: team.id, atMs: localToUtcMs(day.epochDay, 15 * 3600 + rng.int(0, 3599), team.spec.timezone) });
    }
  }

  // ---- Planted incidents -----------------------------------------------------------------------
  const rng = Rng.of(seed, S_PLANTED, 0);
  const minutes = (n: number) => n * MINUTE_MS;
  const leaverIncident: PlantedIncident = {
    key: 'leaver',
    serviceIds: [postgres.id],
    severity: 2,
    title: 'Postgres failover stuck: replication slot full',
    cause: 'capacity',
    startedAtMs: planted.leaverIncidentAtMs - minutes(14),
    declaredAtMs: planted.leaverIncidentAtMs,
    mitigatedAtMs: planted.leaverIncidentAtMs + minutes(70),
    resolvedAtMs: planted.leaverIncidentAtMs + minutes(115),
    leadId: leaver.id,
    participants: [{ responderId: leaver.id, joinAtMs: planted.leaverIncidentAtMs - minutes(6), leaveAtMs: planted.leaverIncidentAtMs + minutes(110), role: 'lead' }],
  };

  const pickMember = (team: DemoTeam, t: number, zone: string | undefined, avoid: number[]) => {
    const candidates = team.memberIds.filter((id) => {
      const r = responders[id - 1]!;
      return isActive(r, t - DAY_MS) && isActive(r, t + DAY_MS) && !avoid.includes(id) && (zone === undefined || r.timezone === zone);
    });
    return rng.pick(candidates.length > 0 ? candidates : team.memberIds.filter((id) => isActive(responders[id - 1]!, t)));
  };
  const oncall = (team: DemoTeam, t: number) => team.rotation.primary[weekIndex(team.rotation, t)]!;

  const concurrency: Planted['concurrency'] = [];
  /** A planted incident at `t0 + startMin` on `service`, led by its on-call, that `helper` works from joinMin to leaveMin. */
  const episode = (t0: number, key: string, service: DemoService, helper: number, title: string, [startMin, endMin, joinMin, leaveMin]: number[]): PlantedIncident => {
    const team = teams[service.teamId - 1]!;
    const week = weekIndex(team.rotation, t0);
    const lead = team.rotation.primary[week] === helper ? team.rotation.secondary[week]! : team.rotation.primary[week]!;
    return {
      key,
      serviceIds: [service.id],
      severity: 3,
      title,
      cause: 'dependency',
      startedAtMs: t0 + minutes(startMin! - 6),
      declaredAtMs: t0 + minutes(startMin!),
      mitigatedAtMs: t0 + minutes(endMin! - 15),
      resolvedAtMs: t0 + minutes(endMin!),
      leadId: lead,
      participants: [
        { responderId: lead, joinAtMs: t0 + minutes(startMin! - 3), leaveAtMs: t0 + minutes(endMin! - 5), role: 'lead' },
        { responderId: helper, joinAtMs: t0 + minutes(joinMin!), leaveAtMs: t0 + minutes(leaveMin!) },
      ],
    };
  };
  {
    // A Kafka outage cascades into Search and push notifications; one Platform engineer works all three.
    const t0 = planted.concurrencyAtMs;
    const helper = pickMember(platform, t0, 'Europe/Berlin', [leaver.id]);
    concurrency.push({
      responderId: helper,
      windowStartMs: t0 + minutes(42),
      windowEndMs: t0 + minutes(118),
      incidents: [
        episode(t0, 'cascade-kafka', serviceOf(0, 'kafka'), helper, 'Kafka consumers stalled on the orders topic', [0, 180, 2, 160]),
        episode(t0, 'cascade-search', serviceOf(0, 'search'), helper, 'Search results stale (Kafka lag)', [20, 140, 25, 130]),
        episode(t0, 'cascade-notifications', serviceOf(0, 'notifications'), helper, 'Push notifications delayed (Kafka lag)', [40, 120, 42, 118]),
      ],
    });
    // Two weeks later a Payments engineer works a payments incident and the ledger delay it causes.
    const t1 = planted.concurrencyAtMs + 15 * DAY_MS - 3 * HOUR_MS;
    const second = pickMember(teamOf(0, 'payments'), t1, 'Europe/London', []);
    concurrency.push({
      responderId: second,
      windowStartMs: t1 + minutes(18),
      windowEndMs: t1 + minutes(90),
      incidents: [
        episode(t1, 'pair-payments', serviceOf(0, 'payments-api'), second, 'Card payments timing out', [0, 110, 1, 100]),
        episode(t1, 'pair-ledger', serviceOf(0, 'ledger'), second, 'Ledger entries delayed', [15, 95, 18, 90]),
      ],
    });
  }

  const dst: Planted['dst'] = [];
  const dstSites: Array<[zone: string, team: string, service: string, prefer: 'latest' | 'autumn']> = [
    ['Europe/Berlin', 'storefront', 'web', 'latest'],
    ['Europe/London', 'payments', 'payments-api', 'autumn'],
    ['America/New_York', 'identity', 'auth', 'latest'],
    ['Australia/Sydney', 'mobile', 'mobile-api', 'latest'],
  ];
  for (const [zone, teamKey, serviceKey, prefer] of dstSites) {
    const transitions = offsetTransitions(zone, fromMs + 14 * DAY_MS, toMs - 14 * DAY_MS);
    const eligible = prefer === 'autumn' ? transitions.filter((t) => t.offsetAfterMinutes < t.offsetBeforeMinutes) : transitions;
    const transition = (eligible.length > 0 ? eligible : transitions).at(-1);
    if (!transition) continue;
    const team = teamOf(0, teamKey);
    const t = transition.atMs;
    const person = pickMember(team, t, zone, [leaver.id]);
    const lead = oncall(team, t) === person ? team.rotation.secondary[weekIndex(team.rotation, t)]! : oncall(team, t);
    dst.push({
      zone,
      responderId: person,
      transitionMs: t,
      offsetBeforeMinutes: transition.offsetBeforeMinutes,
      offsetAfterMinutes: transition.offsetAfterMinutes,
      incident: {
        key: `dst-${zone}`,
        serviceIds: [serviceOf(0, serviceKey).id],
        severity: 3,
        title: `${serviceOf(0, serviceKey).name}: scheduled jobs ran twice around the clock change`,
        cause: 'config-change',
        startedAtMs: t - minutes(80),
        declaredAtMs: t - minutes(72),
        mitigatedAtMs: t + minutes(65),
        resolvedAtMs: t + minutes(95),
        leadId: lead,
        participants: [
          { responderId: lead, joinAtMs: t - minutes(70), leaveAtMs: t + minutes(70), role: 'lead' },
          { responderId: person, joinAtMs: t - minutes(66), leaveAtMs: t + minutes(88) },
        ],
      },
    });
  }

  const plan: DemoPlan = {
    options,
    divisions,
    fromMs,
    toMs,
    days,
    teams,
    services,
    responders,
    annotations,
    gameDays,
    testIncidents,
    planted: {
      launch: { annotationId: launchAnnotation.id, serviceId: checkout.id, atMs: planted.launchAtMs, multiplier: 1, boostedWeeks: 6, comparedWeeksBefore: 8 },
      quiet,
      departure: { responderId: leaver.id, serviceId: postgres.id, leftAtMs: planted.leftAtMs, incident: leaverIncident, replacementId: replacement.id },
      gameDay: plantedGameDay,
      concurrency,
      dst,
      batch: { serviceId: serviceOf(0, 'invoicing').id, rule: 'InvoiceRunFailed', runHourUtc: 2, failureChancePerNight: 0.24, incidentChance: 0.5 },
      unfairRotation,
      streak,
    },
  };
  // The launch multiplier offsets the season, so the weekly rate after the launch is LAUNCH_RATIO × the
  // rate before it whatever the months involved (a launch in November would otherwise look bigger).
  const launchDayMs = Math.floor(planted.launchAtMs / DAY_MS) * DAY_MS;
  const perWeek = (fromDayMs: number, weeks: number) => {
    let sum = 0;
    for (const day of days) {
      const ms = day.epochDay * DAY_MS;
      if (ms >= fromDayMs && ms < fromDayMs + weeks * WEEK_MS) sum += expectedIncidents(plan, 1, checkout, day);
    }
    return sum / weeks;
  };
  plan.planted.launch.multiplier = LAUNCH_RATIO / (perWeek(launchDayMs, 6) / perWeek(launchDayMs - 8 * WEEK_MS, 8));
  return plan;
}

/** Weekly incidents of the launched service in the 6 weeks after the launch ÷ the 8 weeks before. */
export const LAUNCH_RATIO = 2.1;

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** 00:00 UTC of the first day on or after `ms` that is `isoWeekday`. */
function nextWeekday(ms: number, isoWeekday: number): number {
  const day = Math.floor(ms / DAY_MS);
  const current = ((((day + 3) % 7) + 7) % 7) + 1;
  return (day + ((isoWeekday - current + 7) % 7)) * DAY_MS;
}

function touchesYearEnd(startMs: number, endMs: number): boolean {
  for (let t = startOfUtcDay(startMs); t < endMs; t += DAY_MS) {
    const d = new Date(t);
    if (isYearEnd(d.getUTCMonth() + 1, d.getUTCDate())) return true;
  }
  return false;
}

/** Week-shifts tried in turn when a planted window would touch the end-of-year dip: 0, -1, +1, -2, … */
const SHIFTS = Array.from({ length: 41 }, (_, i) => (i % 2 === 1 ? -1 : 1) * Math.ceil(i / 2));

/**
 * Where the planted scenarios sit, relative to the end of the range and away from the end-of-year dip
 * (so each pattern is measured alone): the launch ≈ 36 weeks before the end, the departure ≈ 20 weeks
 * before it with the game day 3 weeks later, the concurrent incidents ≈ 8 weeks before it.
 */
function placePlanted(fromMs: number, toMs: number) {
  let launchAtMs: number | undefined;
  for (const shift of SHIFTS) {
    const at = nextWeekday(toMs - 36 * WEEK_MS + shift * WEEK_MS, 2) + 10 * HOUR_MS;
    if (at - 9 * WEEK_MS < fromMs || at + 9 * WEEK_MS > toMs) continue;
    if (!touchesYearEnd(at - 9 * WEEK_MS, at + 9 * WEEK_MS)) {
      launchAtMs = at;
      break;
    }
  }
  let departure: { leftAtMs: number; leaverIncidentAtMs: number; gameDayAtMs: number; quietStartMs: number } | undefined;
  for (const shift of SHIFTS) {
    const dayMs = nextWeekday(toMs - 20 * WEEK_MS + shift * WEEK_MS, 3);
    const gameDayDay = nextWeekday(dayMs + 20 * DAY_MS, 2) / DAY_MS;
    const leaverIncidentDay = dayMs / DAY_MS - 25;
    const candidate = {
      leftAtMs: dayMs + 16 * HOUR_MS,
      // A night call: 02:40 in Berlin.
      leaverIncidentAtMs: localToUtcMs(leaverIncidentDay, 2 * 3600 + 40 * 60, 'Europe/Berlin'),
      gameDayAtMs: localToUtcMs(gameDayDay, 10 * 3600, 'Europe/Berlin'),
      quietStartMs: dayMs - 75 * DAY_MS,
    };
    if (candidate.quietStartMs < fromMs + 7 * DAY_MS || candidate.gameDayAtMs + 14 * DAY_MS > toMs) continue;
    if (!touchesYearEnd(candidate.gameDayAtMs - DAY_MS, candidate.gameDayAtMs + DAY_MS) && !touchesYearEnd(candidate.leaverIncidentAtMs - DAY_MS, candidate.leftAtMs + DAY_MS)) {
      departure = candidate;
      break;
    }
  }
  // Unreachable with an 18-month range (the unit tests try two years of end dates); a guard, not a feature.
  if (launchAtMs === undefined || departure === undefined) throw new Error('the demo range is too short for the planted patterns');
  const concurrencyAtMs = nextWeekday(toMs - 8 * WEEK_MS, 2) + 12 * HOUR_MS + 30 * MINUTE_MS;
  return { launchAtMs, ...departure, concurrencyAtMs };
}

/** The primary of rotation week `w` becomes `responderId` (an override); a displaced primary takes their secondary slot. */
function overridePrimary(rotation: Rotation, w: number, responderId: number): void {
  if (rotation.secondary[w] === responderId) rotation.secondary[w] = rotation.primary[w]!;
  rotation.primary[w] = responderId;
}

/**
 * Members `memberIndexes` of `team` hold three rotation weeks in every four between them (one primary,
 * the other secondary, swapping each week), and the other members share the fourth (their own rota).
 * The two carry three quarters of the on-call time and of the night pages, three weeks running at most.
 */
function plantUnfairRotation(
  team: DemoTeam,
  memberIndexes: [number, number],
  responders: DemoResponder[],
  fromMs: number,
  toMs: number,
  rng: Rng,
): Planted['unfairRotation'] {
  const responderIds: [number, number] = [team.memberIds[memberIndexes[0]]!, team.memberIds[memberIndexes[1]]!];
  const rest: DemoTeam = { ...team, memberIds: team.memberIds.filter((id) => !responderIds.includes(id)), rotation: { ...team.rotation, weekStartMs: [], primary: [], secondary: [] } };
  buildRotation(rest, responders, fromMs, toMs, rng);
  const rotation = team.rotation;
  for (let w = 0; w < rotation.primary.length; w++) {
    const theirs = w % 4 < 3;
    rotation.primary[w] = theirs ? responderIds[w % 2]! : rest.rotation.primary[w]!;
    rotation.secondary[w] = theirs ? responderIds[1 - (w % 2)]! : rest.rotation.secondary[w]!;
  }
  return { teamId: team.id, responderIds };
}

/** Rotation weeks of the planted on-call streak. */
const STREAK_WEEKS = 6;

/**
 * Overrides (as in PagerDuty) `team`'s primary with its member `memberIndex` for `weeks` rotation weeks
 * ending 3 weeks before the last one; a displaced primary takes their secondary slot where they held it.
 */
function plantStreak(team: DemoTeam, memberIndex: number, weeks: number): Planted['streak'] {
  const rotation = team.rotation;
  const responderId = team.memberIds[memberIndex]!;
  const firstWeek = rotation.primary.length - 3 - weeks;
  for (let w = firstWeek; w < firstWeek + weeks; w++) overridePrimary(rotation, w, responderId);
  return { teamId: team.id, responderId, firstWeek, weeks, startMs: rotation.weekStartMs[firstWeek]!, endMs: rotation.weekStartMs[firstWeek + weeks]! };
}

/** Index of the rotation week containing `t` (clamped to the weeks built). */
export function weekIndex(rotation: Rotation, t: number): number {
  const starts = rotation.weekStartMs;
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Weekly primary/secondary rotation handed over on Monday 09:00 in the team's zone (DST-aware). Members
 * join it after onboarding and leave it the week they leave; the order goes round the eligible members.
 */
function buildRotation(team: DemoTeam, responders: DemoResponder[], fromMs: number, toMs: number, rng: Rng): void {
  const zone = team.spec.timezone;
  let mondayDay = Math.floor(fromMs / DAY_MS) - 7;
  mondayDay -= (((mondayDay + 3) % 7) + 7) % 7; // back to a Monday (epoch day 4 was one)
  const starts: number[] = [];
  for (let day = mondayDay; ; day += 7) {
    const at = localToUtcMs(day, 9 * 3600, zone);
    if (at > fromMs && starts.length === 0) starts.push(localToUtcMs(day - 7, 9 * 3600, zone));
    starts.push(at);
    if (at >= toMs) break;
  }
  const offset = rng.int(0, MEMBERS_PER_TEAM - 1);
  const rotation = team.rotation;
  rotation.weekStartMs = starts;
  for (let w = 0; w < starts.length - 1; w++) {
    const weekStart = starts[w]!;
    const weekEnd = starts[w + 1]!;
    const eligible = team.memberIds.filter((id) => {
      const r = responders[id - 1]!;
      return r.startedAtMs + ONBOARDING_MS <= weekStart && (r.leftAtMs === null || r.leftAtMs >= weekEnd);
    });
    const n = eligible.length;
    rotation.primary.push(eligible[(w + offset) % n]!);
    rotation.secondary.push(eligible[(w + offset + Math.max(1, Math.floor(n / 2))) % n]!);
  }
}

