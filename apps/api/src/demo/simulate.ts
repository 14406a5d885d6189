import { ALERT_FEEDBACK } from '@firewatch/shared';
import { BATCH_RULE, CAUSES, CAUSE_WEIGHTS } from './demo-catalogue.js';
import { copyInstant, copyLine, copyNumber, copyText } from './copy-text.js';
import { calendarFactor, expectedIncidents, growth, incidentRatePerWeight, WEEKDAY_FACTORS, WEEKDAY_HOUR_WEIGHTS, WEEKEND_HOUR_WEIGHTS } from './demo-rates.js';
import { DEMO_SOURCE, weekIndex, type DemoPlan, type DemoResponder, type DemoRule, type DemoService, type DemoTeam, type GameDayPlan, type PlantedIncident } from './demo-plan.js';
import { Rng, deriveSeed } from './prng.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS, isSleepingHour, isWorkingHour, localClock, localToUtcMs, type DemoDay } from './demo-time.js';

/**
 * The day-by-day simulation of incidents, alerts, pages and activity. It runs once per table the loader
 * fills and yields that table's COPY lines day by day, so memory holds one day at a time whatever the
 * scale. Every incident and every alert rule draws from its own random stream (prng.ts), so a pass that
 * skips activity (or alerts) still produces exactly the same incidents, ids included.
 */

export type SimulatedTable = 'incidents' | 'incident_services' | 'incident_causes' | 'incident_roles' | 'alerts' | 'pages' | 'activity';
/** A pass that emits nothing and records the external ids of the planted incidents (for the manifest). */
export type SimulationPass = SimulatedTable | 'index';

// Stream names (see prng.ts).
const S_COUNT = 10;
const S_INCIDENT = 11;
const S_ACTIVITY = 12;
const S_NOISE = 13;
const S_BATCH = 14;
const S_GAME_DAY = 15;
const S_LAUNCH = 16;

const minutes = (n: number) => Math.round(n * MINUTE_MS);
/** Timestamps are whole seconds. */
const second = (ms: number) => Math.round(ms / 1000) * 1000;

/** Median minutes from impact start to mitigation, and from mitigation to resolution, by severity 1..5. */
const TTM_MEDIAN_MINUTES = [0, 100, 75, 60, 40, 30];
const RESOLVE_MEDIAN_MINUTES = [0, 150, 100, 45, 25, 20];
/** Severity weights (1..5) by service tier: few SEV1s, most incidents SEV3–4. */
const SEVERITY_WEIGHTS: Record<number, number[]> = {
  1: [5, 14, 36, 35, 10],
  2: [2, 9, 34, 43, 12],
  3: [1, 5, 30, 49, 15],
};
/** Pages escalate to the secondary when not acknowledged within this time. */
const ESCALATION_TIMEOUT_MS = 5 * MINUTE_MS;

/** Alerts per day of a rule on one service, by behaviour, per unit of the rule's `perDay`. */
const NOISE_VOLUME: Record<DemoRule['behaviour'], number> = {
  warning: 0.9,
  actionable: 0.5,
  flapping: 1.0, // episodes of 3–7 alerts
  transient: 5.0,
  ignored: 2.0,
  batch: 0,
};

interface PageRow {
  responderId: number;
  atMs: number;
  channel: string;
  level: number;
  reason: 'initial' | 'timeout' | 'manual' | 'reassigned';
}

interface AlertRow {
  rule: string;
  serviceId: number;
  severity: string;
  firedAtMs: number;
  resolvedAtMs: number | null;
  resolvedBy: 'auto' | 'human' | null;
  ackAtMs: number | null;
  ackById: number | null;
  feedback: string | null;
  pages: PageRow[];
}

interface Participant {
  responderId: number;
  joinAtMs: number;
  leaveAtMs: number;
  role: string | null;
  lead: boolean;
  /** Joined by acknowledging a page: the first activity is a `page_ack`. */
  pageAck: boolean;
  call: [number, number] | null;
}

type ActivityStyle = 'incident' | 'game_day' | 'test' | 'steady';

interface IncidentDraft {
  kind: 'incident' | 'game_day' | 'test';
  severity: number;
  title: string;
  teamId: number;
  serviceIds: number[];
  causes: string[];
  declaredAtMs: number;
  startedAtMs: number;
  acknowledgedAtMs: number | null;
  mitigatedAtMs: number | null;
  resolvedAtMs: number | null;
  participants: Participant[];
  alerts: AlertRow[];
  activitySeed: number;
  activityStyle: ActivityStyle;
  /** Set on planted incidents: their key in the plan. */
  plantedKey?: string;
}

/** Counters that make ids, one set per pass: a table's counter advances the same way in every pass that emits it. */
interface Ids {
  row: number;
  incident: number;
  gameDay: number;
  test: number;
  alert: number;
  page: number;
  activity: number;
}

/** Yields the COPY lines of `want`, one array per simulated day. */
export function* simulate(plan: DemoPlan, want: SimulatedTable): Generator<string[]> {
  const sim = new Simulation(plan, want);
  for (const day of plan.days) yield sim.day(day);
}

/** External ids of the planted incidents and game day, by their plan key (`PlantedIncident.key`, `game-day`). */
export function plantedExternalIds(plan: DemoPlan): Map<string, string> {
  const sim = new Simulation(plan, 'index');
  for (const day of plan.days) sim.day(day);
  return sim.planted;
}

class Simulation {
  private readonly seed: number;
  private readonly ratePerWeight: number;
  private readonly ids: Ids = { row: 0, incident: 0, gameDay: 0, test: 0, alert: 0, page: 0, activity: 0 };
  private readonly needsAlerts: boolean;
  private readonly platformServiceIds: Set<number>;
  /** The batch-job service of each division. */
  private readonly invoicing: DemoService[];
  private readonly servicesByDivision: DemoService[][];
  /** Systematic-sampling carry of the launched service (low-variance arrivals, see `countFor`). */
  private launchCarry: number;
  private readonly gameDaysByDay = new Map<number, GameDayPlan[]>();
  private readonly testsByDay = new Map<number, DemoPlan['testIncidents']>();
  private readonly plantedByDay = new Map<number, PlantedIncident[]>();
  private out: string[] = [];
  readonly planted = new Map<string, string>();

  constructor(
    private readonly plan: DemoPlan,
    private readonly want: SimulationPass,
  ) {
    this.seed = plan.options.seed;
    this.ratePerWeight = incidentRatePerWeight(plan);
    this.needsAlerts = want === 'alerts' || want === 'pages';
    this.platformServiceIds = new Set(plan.teams[plan.planted.quiet.teamId - 1]!.serviceIds);
    this.launchCarry = Rng.of(this.seed, S_LAUNCH).float();
    this.invoicing = plan.services.filter((s) => s.spec.key === 'invoicing');
    this.servicesByDivision = Array.from({ length: plan.divisions }, (_, d) => plan.services.filter((s) => s.division === d));
    const dayOf = (ms: number) => Math.floor((ms - plan.fromMs) / DAY_MS);
    const push = <T>(map: Map<number, T[]>, day: number, item: T) => {
      const list = map.get(day);
      if (list) list.push(item);
      else map.set(day, [item]);
    };
    for (const g of plan.gameDays) push(this.gameDaysByDay, dayOf(g.atMs), g);
    for (const t of plan.testIncidents) push(this.testsByDay, dayOf(t.atMs), t);
    const p = plan.planted;
    for (const incident of [p.departure.incident, ...p.concurrency.flatMap((c) => c.incidents), ...p.dst.map((d) => d.incident)]) {
      push(this.plantedByDay, dayOf(incident.declaredAtMs), incident);
    }
  }

  day(day: DemoDay): string[] {
    this.out = [];
    const drafts: IncidentDraft[] = [];
    const { plan } = this;
    for (let d = 0; d < plan.divisions; d++) {
      for (const service of this.servicesByDivision[d]!) {
        const count = this.countFor(service, day);
        for (let i = 0; i < count; i++) {
          const draft = this.regularIncident(service, day, i);
          if (draft) drafts.push(draft);
        }
      }
      const batch = this.batchRun(d, day);
      if (batch.fails && batch.incident) {
        const draft = this.batchIncident(d, day, batch.firedAtMs);
        if (draft) drafts.push(draft);
      }
    }
    for (const g of this.gameDaysByDay.get(day.index) ?? []) drafts.push(this.gameDay(g));
    for (const t of this.testsByDay.get(day.index) ?? []) drafts.push(this.testIncident(t));
    for (const p of this.plantedByDay.get(day.index) ?? []) drafts.push(this.plantedIncident(p));
    // Ids follow declaration time within the day (a stable sort keeps creation order for ties).
    drafts.sort((a, b) => a.declaredAtMs - b.declaredAtMs);
    for (const draft of drafts) this.emitIncident(draft);
    if (this.needsAlerts) this.emitNoise(day);
    return this.out;
  }

  // ---- How many -----------------------------------------------------------------------------

  private countFor(service: DemoService, day: DemoDay): number {
    if (service.spec.key === 'invoicing') {
      // Invoicing's own incidents are rarer than its weight says: most come from the nightly run.
      return Rng.of(this.seed, S_COUNT, service.id, day.index).poisson(expectedIncidents(this.plan, this.ratePerWeight, service, day) * 0.5);
    }
    const lambda = expectedIncidents(this.plan, this.ratePerWeight, service, day);
    if (service.id === this.plan.planted.launch.serviceId) {
      // Systematic sampling: the running count tracks the expected running count within ±1, so the
      // before/after ratio of the launch is the planted one for every seed.
      const before = Math.floor(this.launchCarry);
      this.launchCarry += lambda;
      return Math.floor(this.launchCarry) - before;
    }
    return Rng.of(this.seed, S_COUNT, service.id, day.index).poisson(lambda);
  }

  private batchRun(division: number, day: DemoDay): { fails: boolean; incident: boolean; firedAtMs: number } {
    const batch = this.plan.planted.batch;
    const rng = Rng.of(this.seed, S_BATCH, division, day.index);
    const fails = rng.chance(batch.failureChancePerNight);
    const incident = rng.chance(batch.incidentChance);
    const firedAtMs = second(day.epochDay * DAY_MS + batch.runHourUtc * HOUR_MS + minutes(rng.between(8, 50)));
    return { fails, incident, firedAtMs };
  }

  // ---- Incidents ----------------------------------------------------------------------------

  private inRange(ms: number): boolean {
    return ms >= this.plan.fromMs + HOUR_MS && ms < this.plan.toMs;
  }

  private team(id: number): DemoTeam {
    return this.plan.teams[id - 1]!;
  }

  private responder(id: number): DemoResponder {
    return this.plan.responders[id - 1]!;
  }

  /** Whom an alert of `team` firing at `t` pages: the primary on call at `t`, the secondary on call when the timeout expires. */
  private onCall(team: DemoTeam, t: number): { primary: number; secondary: number } {
    const rotation = team.rotation;
    return { primary: rotation.primary[weekIndex(rotation, t)]!, secondary: rotation.secondary[weekIndex(rotation, t + ESCALATION_TIMEOUT_MS)]! };
  }

  private isActive(id: number, t: number): boolean {
    const r = this.responder(id);
    return r.startedAtMs <= t && (r.leftAtMs === null || t < r.leftAtMs);
  }

  private asleep(id: number, t: number): boolean {
    return isSleepingHour(localClock(t, this.responder(id).timezone).hour);
  }

  private working(id: number, t: number): boolean {
    const c = localClock(t, this.responder(id).timezone);
    return isWorkingHour(c.hour, c.isoWeekday);
  }

  /** Minutes until `id` acknowledges a page at `t`: quick by day, slower when woken up. */
  private ackDelayMinutes(rng: Rng, id: number, t: number): number {
    const base = this.asleep(id, t) ? 1.5 + rng.exponential(3.5) : 0.5 + rng.exponential(1.5);
    return base * this.responder(id).ackFactor;
  }

  /** Within the quiet spell, nothing Platform-related is major (see the readiness patterns). */
  private capForQuiet(division: number, teamId: number, serviceIds: number[], t: number, severity: number): number {
    const quiet = this.plan.planted.quiet;
    if (division !== 0 || t < quiet.startMs || t >= quiet.endMs) return severity;
    if (teamId === quiet.teamId || serviceIds.some((id) => this.platformServiceIds.has(id))) return Math.max(severity, 3);
    return severity;
  }

  private inLaunchComparison(service: DemoService, t: number): boolean {
    const launch = this.plan.planted.launch;
    return service.id === launch.serviceId && t >= launch.atMs - (launch.comparedWeeksBefore + 1) * WEEK_MS && t < launch.atMs + 9 * WEEK_MS;
  }

  private regularIncident(service: DemoService, day: DemoDay, index: number): IncidentDraft | undefined {
    const rng = Rng.of(this.seed, S_INCIDENT, service.id, day.index, index);
    const team = this.team(service.teamId);
    const hour = rng.weighted(day.isoWeekday <= 5 ? WEEKDAY_HOUR_WEIGHTS : WEEKEND_HOUR_WEIGHTS);
    const declaredAtMs = localToUtcMs(day.epochDay, hour * 3600 + rng.int(0, 3599), team.spec.timezone);
    if (!this.inRange(declaredAtMs)) return undefined;
    // The launched service is kept plain around the launch (single-service SEV3s of similar length,
    // one helper each) so that its incident count and its hours both measure the launch, not the dice.
    const steady = this.inLaunchComparison(service, declaredAtMs);
    const serviceIds = [service.id];
    if (!steady && service.dependsOnIds.length > 0) {
      const extra = rng.chance(0.05) ? 2 : rng.chance(0.2) ? 1 : 0;
      serviceIds.push(...rng.sample(service.dependsOnIds, extra));
    }
    let severity = steady ? 3 : rng.weighted(SEVERITY_WEIGHTS[service.tier]!) + 1;
    severity = this.capForQuiet(service.division, team.id, serviceIds, declaredAtMs, severity);
    const causes = [CAUSES[rng.weighted(CAUSE_WEIGHTS)]!];
    if (rng.chance(0.25)) {
      const other = CAUSES[rng.weighted(CAUSE_WEIGHTS)]!;
      if (other !== causes[0]) causes.push(other);
    }
    const draft: IncidentDraft = {
      kind: 'incident',
      severity,
      title: rng.pick(service.spec.titles),
      teamId: team.id,
      serviceIds,
      causes,
      declaredAtMs,
      startedAtMs: declaredAtMs,
      acknowledgedAtMs: null,
      mitigatedAtMs: null,
      resolvedAtMs: null,
      participants: [],
      alerts: [],
      activitySeed: deriveSeed(this.seed, S_ACTIVITY, service.id, day.index, index),
      activityStyle: 'incident',
    };
    const trigger = rng.chance(0.85) || steady ? rng.pick(service.rules.filter((r) => r.behaviour === 'actionable')) : undefined;
    this.respond(draft, rng, service, trigger?.name, steady);
    return draft;
  }

  private batchIncident(division: number, day: DemoDay, firedAtMs: number): IncidentDraft | undefined {
    const rng = Rng.of(this.seed, S_INCIDENT, 0x8a7c4, division, day.index);
    const service = this.invoicing[division]!;
    const team = this.team(service.teamId);
    if (!this.inRange(firedAtMs)) return undefined;
    const severity = this.capForQuiet(division, team.id, [service.id], firedAtMs, rng.chance(0.25) ? 4 : 3);
    const draft: IncidentDraft = {
      kind: 'incident',
      severity,
      title: 'Nightly invoice run failed',
      teamId: team.id,
      serviceIds: [service.id],
      causes: ['batch-job'],
      // Set by `respond`, forwards from the failure: the on-call is woken, looks, declares.
      declaredAtMs: firedAtMs,
      startedAtMs: firedAtMs,
      acknowledgedAtMs: null,
      mitigatedAtMs: null,
      resolvedAtMs: null,
      participants: [],
      alerts: [],
      activitySeed: deriveSeed(this.seed, S_ACTIVITY, 0x8a7c4, division, day.index),
      activityStyle: 'incident',
    };
    this.respond(draft, rng, service, BATCH_RULE, false, firedAtMs);
    return this.inRange(draft.declaredAtMs) ? draft : undefined;
  }

  /**
   * Timeline, responders and alerts of an incident: the triggering alert pages the primary on-call of
   * the service's rotation (escalating to the secondary on timeout), the one who acknowledges leads,
   * teammates and the on-calls of the other affected services join, and everyone leaves around
   * mitigation. Built backwards from `declaredAtMs`, or forwards from `firedAt` (which then sets
   * `declaredAtMs`).
   */
  private respond(draft: IncidentDraft, rng: Rng, service: DemoService, triggerRule: string | undefined, steady: boolean, firedAt?: number): void {
    const team = this.team(service.teamId);
    let declared = draft.declaredAtMs;
    // Who is on call, for how quickly they answer; the pages go to whoever is on call when the alert fires.
    const { primary } = this.onCall(team, declared - 10 * MINUTE_MS);
    const sev = draft.severity;
    let leadId: number;
    let leadJoin: number;
    let trigger: AlertRow | undefined;

    if (triggerRule !== undefined) {
      let ackDelay = this.ackDelayMinutes(rng, primary, declared);
      const escalated = ackDelay > 5;
      const secondaryAcks = escalated && rng.chance(0.6);
      if (secondaryAcks) ackDelay = 5.5 + rng.exponential(3);
      let firedAtMs: number;
      let ackAtMs: number;
      if (firedAt !== undefined) {
        firedAtMs = firedAt;
        ackAtMs = second(firedAt + minutes(ackDelay));
        declared = draft.declaredAtMs = second(ackAtMs + minutes(3 + rng.exponential(8)));
        draft.startedAtMs = second(firedAt - minutes(rng.between(1, 6)));
      } else {
        ackAtMs = second(declared - minutes(1 + rng.exponential(sev <= 2 ? 3 : 6)));
        firedAtMs = second(ackAtMs - minutes(ackDelay));
        draft.startedAtMs = second(firedAtMs - minutes(0.5 + rng.exponential(4)));
      }
      const paged = this.onCall(team, firedAtMs);
      const ackBy = secondaryAcks ? paged.secondary : paged.primary;
      leadId = ackBy;
      leadJoin = ackAtMs;
      trigger = {
        rule: triggerRule,
        serviceId: service.id,
        severity: 'critical',
        firedAtMs,
        resolvedAtMs: null,
        resolvedBy: null,
        ackAtMs,
        ackById: ackBy,
        feedback: rng.chance(0.2) ? 'actionable' : null,
        pages: this.pagesFor(team, firedAtMs, escalated ? undefined : ackAtMs),
      };
      draft.alerts.push(trigger);
      if (escalated && !secondaryAcks && paged.secondary !== ackBy && !steady && rng.chance(0.4)) {
        const join = second(firedAtMs + ESCALATION_TIMEOUT_MS + minutes(1 + rng.exponential(3)));
        draft.participants.push(this.participant(paged.secondary, join, join + minutes(rng.logNormal(25, 0.5)), null, false, true));
      }
    } else {
      // Reported by a person (a customer ticket, a teammate): a teammate at work takes it, else the on-call.
      const atWork = team.memberIds.filter((id) => this.isActive(id, declared) && this.working(id, declared));
      leadId = atWork.length > 0 && rng.chance(0.7) ? rng.pick(atWork) : primary;
      leadJoin = second(declared - minutes(rng.between(0, 3)));
      draft.startedAtMs = second(declared - minutes(5 + rng.exponential(25)));
    }

    draft.acknowledgedAtMs = second(declared + minutes(rng.exponential(1.5)));
    const sigma = steady ? 0.25 : 0.6;
    const ttm = rng.logNormal(TTM_MEDIAN_MINUTES[sev]!, sigma);
    const mitigated = second(Math.max(declared + 5 * MINUTE_MS, draft.startedAtMs + minutes(ttm)));
    const resolved = second(Math.min(mitigated + minutes(rng.logNormal(RESOLVE_MEDIAN_MINUTES[sev]!, steady ? 0.3 : 0.8)), draft.startedAtMs + 3 * DAY_MS));
    draft.mitigatedAtMs = mitigated;
    draft.resolvedAtMs = resolved;
    if (trigger) {
      const auto = rng.chance(0.7);
      trigger.resolvedAtMs = auto ? second(mitigated + minutes(rng.between(0, 10))) : resolved;
      trigger.resolvedBy = auto ? 'auto' : 'human';
    }

    // The lead stays past mitigation for part of the clean-up.
    const stay = steady ? 10 : 5 + rng.exponential(15);
    const lead = this.participant(leadId, leadJoin, mitigated + minutes(stay) + (resolved - mitigated) * 0.5, 'lead', true, trigger !== undefined);
    draft.participants.unshift(lead);
    const has = (id: number) => draft.participants.some((p) => p.responderId === id);

    // The on-call of each other affected service is paged by that service's own alert and joins.
    for (const depId of draft.serviceIds.slice(1)) {
      const dep = this.plan.services[depId - 1]!;
      const depTeam = this.team(dep.teamId);
      let fired = second(draft.startedAtMs + minutes(rng.between(1, 15)));
      // Without an alert of its own the incident was declared on the strength of this one.
      if (!trigger) fired = Math.min(fired, declared - 30_000);
      const depOnCall = this.onCall(depTeam, fired);
      const ackAt = second(fired + minutes(this.ackDelayMinutes(rng, depOnCall.primary, fired)));
      const acked = ackAt - fired <= ESCALATION_TIMEOUT_MS;
      const ackBy = acked ? depOnCall.primary : depOnCall.secondary;
      const ackAtMs = acked ? ackAt : second(fired + ESCALATION_TIMEOUT_MS + minutes(1 + rng.exponential(3)));
      draft.alerts.push({
        rule: rng.pick(dep.rules.filter((r) => r.behaviour === 'actionable')).name,
        serviceId: dep.id,
        severity: rng.chance(0.7) ? 'critical' : 'warning',
        firedAtMs: fired,
        // It clears after the mitigation, or soon after firing when it fired late.
        resolvedAtMs: second(Math.max(mitigated, fired) + minutes(rng.between(0, 15))),
        resolvedBy: 'auto',
        ackAtMs,
        ackById: ackBy,
        feedback: null,
        pages: this.pagesFor(depTeam, fired, acked ? ackAt : undefined),
      });
      if (!has(ackBy)) draft.participants.push(this.participant(ackBy, ackAtMs, mitigated + minutes(rng.exponential(20)), null, false, true));
    }

    // Teammates join: many for a SEV1, rarely for a SEV4; mostly whoever is at work.
    const helperCount = steady
      ? 1
      : sev === 1 ? rng.int(4, 8) : sev === 2 ? rng.int(2, 4) : sev === 3 ? rng.weighted([15, 40, 45]) : sev === 4 ? rng.weighted([40, 45, 15]) : rng.weighted([70, 30]);
    const pool = team.memberIds.filter((id) => !has(id) && this.isActive(id, declared));
    const weights = pool.map((id) => (this.working(id, declared) ? 1 : sev === 1 ? 0.6 : 0.15));
    for (let h = 0; h < helperCount && pool.length > 0; h++) {
      const i = rng.weighted(weights);
      const id = pool.splice(i, 1)[0]!;
      weights.splice(i, 1);
      const join = second(declared + minutes(steady ? rng.between(2, 8) : 1 + rng.exponential(sev <= 2 ? 8 : 15)));
      const leave = steady ? mitigated + 5 * MINUTE_MS : Math.min(mitigated + minutes(rng.exponential(15)), join + minutes(rng.logNormal(sev <= 2 ? 140 : 80, 0.5)));
      const role = sev <= 2 && h === 0 ? 'comms' : sev === 1 && h === 1 ? 'scribe' : null;
      draft.participants.push(this.participant(id, join, Math.max(leave, join + 10 * MINUTE_MS), role, false, false));
      // For a major incident the lead pages teammates in by hand.
      if (sev <= 2 && trigger) {
        trigger.pages.push({ responderId: id, atMs: Math.max(trigger.firedAtMs, second(join - minutes(rng.between(1, 4)))), channel: 'phone', level: 3, reason: 'manual' });
      }
    }
    if (sev <= 2) {
      for (const p of draft.participants) {
        const start = second(p.joinAtMs + minutes(rng.between(0, 5)));
        const end = second(Math.min(p.leaveAtMs, start + minutes(rng.logNormal(50, 0.5))));
        if (end > start + MINUTE_MS) p.call = [start, end];
      }
    }
    this.clip(draft);
  }

  private participant(responderId: number, joinAtMs: number, leaveAtMs: number, role: string | null, lead: boolean, pageAck: boolean): Participant {
    return { responderId, joinAtMs: second(joinAtMs), leaveAtMs: second(Math.max(leaveAtMs, joinAtMs + 5 * MINUTE_MS)), role, lead, pageAck, call: null };
  }

  /**
   * Pages of an alert of `team`: the primary on call at once (by their phone app's channel, and for
   * some also by email); the secondary on call if nobody acknowledged it and it still fires after the timeout.
   */
  private pagesFor(team: DemoTeam, firedAtMs: number, ackAtMs: number | undefined, resolvedAtMs?: number): PageRow[] {
    const { primary, secondary } = this.onCall(team, firedAtMs);
    const pages: PageRow[] = [{ responderId: primary, atMs: firedAtMs, channel: this.responder(primary).channel, level: 1, reason: 'initial' }];
    // An email copy is a personal notification rule: one responder in five has it.
    if (primary % 5 === 0) pages.push({ responderId: primary, atMs: firedAtMs, channel: 'email', level: 1, reason: 'initial' });
    const timeoutAt = firedAtMs + ESCALATION_TIMEOUT_MS;
    if ((ackAtMs === undefined || ackAtMs > timeoutAt) && (resolvedAtMs === undefined || resolvedAtMs > timeoutAt)) {
      pages.push({ responderId: secondary, atMs: second(timeoutAt), channel: 'phone', level: 2, reason: 'timeout' });
    }
    return pages;
  }

  /** Nothing after the end of the range: later timestamps become "not yet", later rows disappear. */
  private clip(draft: IncidentDraft): void {
    const to = this.plan.toMs;
    const later = (ms: number | null) => (ms !== null && ms >= to ? null : ms);
    draft.acknowledgedAtMs = later(draft.acknowledgedAtMs);
    draft.mitigatedAtMs = later(draft.mitigatedAtMs);
    draft.resolvedAtMs = draft.mitigatedAtMs === null ? null : later(draft.resolvedAtMs);
    // Work happens while the incident is open: whoever would join after it is resolved does not.
    const end = Math.min(draft.resolvedAtMs ?? to, to);
    draft.participants = draft.participants.filter((p) => p.joinAtMs < end - MINUTE_MS);
    for (const p of draft.participants) {
      p.leaveAtMs = Math.min(p.leaveAtMs, end);
      if (p.call) p.call = p.call[0] >= p.leaveAtMs - MINUTE_MS ? null : [p.call[0], Math.min(p.call[1], p.leaveAtMs)];
    }
    draft.alerts = draft.alerts.filter((a) => a.firedAtMs < to);
    for (const a of draft.alerts) this.clipAlert(a);
  }

  private clipAlert(alert: AlertRow): void {
    const to = this.plan.toMs;
    if (alert.ackAtMs !== null && alert.ackAtMs >= to) {
      alert.ackAtMs = null;
      alert.ackById = null;
      alert.feedback = null;
    }
    if (alert.resolvedAtMs !== null && alert.resolvedAtMs >= to) {
      alert.resolvedAtMs = null;
      alert.resolvedBy = null;
    }
    alert.pages = alert.pages.filter((p) => p.atMs < to);
  }

  private gameDay(g: GameDayPlan): IncidentDraft {
    const rng = Rng.of(this.seed, S_GAME_DAY, g.teamId, g.atMs / 1000);
    const duration = minutes(rng.between(120, 180));
    const end = g.atMs + duration;
    const participants = g.participantIds.map((id, i) => {
      const role = i === 0 ? 'lead' : i === 1 ? 'scribe' : 'responder';
      return this.participant(id, second(g.atMs + minutes(rng.between(0, 10))), second(end - minutes(rng.between(0, 15))), role, i === 0, false);
    });
    const draft: IncidentDraft = {
      kind: 'game_day',
      severity: 4,
      title: `Game day: ${g.scenario}`,
      teamId: g.teamId,
      serviceIds: g.serviceIds,
      causes: [],
      declaredAtMs: g.atMs,
      startedAtMs: g.atMs,
      acknowledgedAtMs: g.atMs + 2 * MINUTE_MS,
      mitigatedAtMs: second(end - minutes(20)),
      resolvedAtMs: second(end),
      participants,
      alerts: [],
      activitySeed: deriveSeed(this.seed, S_ACTIVITY, S_GAME_DAY, g.teamId, g.atMs / 1000),
      activityStyle: 'game_day',
      plantedKey: g === this.plan.planted.gameDay ? 'game-day' : undefined,
    };
    this.clip(draft);
    return draft;
  }

  private testIncident(t: DemoPlan['testIncidents'][number]): IncidentDraft {
    const rng = Rng.of(this.seed, S_GAME_DAY, 0x7e57, t.teamId, t.atMs / 1000);
    const team = this.team(t.teamId);
    const active = team.memberIds.filter((id) => this.isActive(id, t.atMs));
    const id = rng.pick(active);
    const draft: IncidentDraft = {
      kind: 'test',
      severity: 5,
      title: 'Test incident: checking the incident.io integration',
      teamId: t.teamId,
      serviceIds: [],
      causes: [],
      declaredAtMs: second(t.atMs),
      startedAtMs: second(t.atMs),
      acknowledgedAtMs: second(t.atMs + MINUTE_MS),
      mitigatedAtMs: second(t.atMs + 6 * MINUTE_MS),
      resolvedAtMs: second(t.atMs + 8 * MINUTE_MS),
      participants: [this.participant(id, t.atMs, t.atMs + 8 * MINUTE_MS, 'lead', true, false)],
      alerts: [],
      activitySeed: deriveSeed(this.seed, S_ACTIVITY, 0x7e57, t.teamId, t.atMs / 1000),
      activityStyle: 'test',
    };
    this.clip(draft);
    return draft;
  }

  private plantedIncident(p: PlantedIncident): IncidentDraft {
    const service = this.plan.services[p.serviceIds[0]! - 1]!;
    const team = this.team(service.teamId);
    const lead = p.participants.find((x) => x.responderId === p.leadId)!;
    const firedAtMs = second(p.startedAtMs + 2 * MINUTE_MS);
    const { primary } = this.onCall(team, firedAtMs);
    // The alert pages the on-call; when the lead is someone else, the on-call hands it over.
    const pages = this.pagesFor(team, firedAtMs, lead.joinAtMs);
    if (p.leadId !== primary) pages.push({ responderId: p.leadId, atMs: second(firedAtMs + MINUTE_MS), channel: this.responder(p.leadId).channel, level: 1, reason: 'reassigned' });
    const draft: IncidentDraft = {
      kind: 'incident',
      severity: p.severity,
      title: p.title,
      teamId: team.id,
      serviceIds: p.serviceIds,
      causes: [p.cause],
      declaredAtMs: p.declaredAtMs,
      startedAtMs: p.startedAtMs,
      acknowledgedAtMs: p.declaredAtMs + MINUTE_MS,
      mitigatedAtMs: p.mitigatedAtMs,
      resolvedAtMs: p.resolvedAtMs,
      participants: p.participants.map((x) => this.participant(x.responderId, x.joinAtMs, x.leaveAtMs, x.role ?? null, x.responderId === p.leadId, x.responderId === p.leadId)),
      alerts: [
        {
          rule: service.rules.find((r) => r.behaviour === 'actionable')!.name,
          serviceId: service.id,
          severity: 'critical',
          firedAtMs,
          resolvedAtMs: p.mitigatedAtMs,
          resolvedBy: 'auto',
          ackAtMs: lead.joinAtMs,
          ackById: p.leadId,
          feedback: null,
          pages,
        },
      ],
      activitySeed: deriveSeed(this.seed, S_ACTIVITY, 0x91a47, p.declaredAtMs / 1000),
      activityStyle: 'steady',
      plantedKey: p.key,
    };
    this.clip(draft);
    return draft;
  }

  // ---- Emission -----------------------------------------------------------------------------

  private emitIncident(draft: IncidentDraft): void {
    const ids = this.ids;
    const id = ++ids.row;
    const externalId =
      draft.kind === 'incident' ? `inc-${String(++ids.incident).padStart(6, '0')}` : draft.kind === 'game_day' ? `gd-${String(++ids.gameDay).padStart(4, '0')}` : `test-${String(++ids.test).padStart(3, '0')}`;
    const out = this.out;
    switch (this.want) {
      case 'index':
        if (draft.plantedKey !== undefined) this.planted.set(draft.plantedKey, externalId);
        return;
      case 'incidents':
        out.push(
          copyLine([
            String(id),
            DEMO_SOURCE,
            externalId,
            copyText(draft.title),
            draft.kind,
            String(draft.severity),
            String(draft.teamId),
            copyInstant(draft.declaredAtMs),
            copyInstant(draft.startedAtMs),
            copyInstant(draft.acknowledgedAtMs),
            copyInstant(draft.mitigatedAtMs),
            copyInstant(draft.resolvedAtMs),
          ]),
        );
        return;
      case 'incident_services':
        for (const serviceId of draft.serviceIds) out.push(copyLine([String(id), String(serviceId)]));
        return;
      case 'incident_causes':
        for (const cause of draft.causes) out.push(copyLine([String(id), copyText(cause)]));
        return;
      case 'incident_roles': {
        const seen = new Set<string>();
        for (const p of draft.participants) {
          if (p.role === null || seen.has(`${p.responderId}:${p.role}`)) continue;
          seen.add(`${p.responderId}:${p.role}`);
          out.push(copyLine([String(id), String(p.responderId), p.role]));
        }
        return;
      }
      case 'alerts':
      case 'pages':
        for (const alert of draft.alerts) this.emitAlert(alert, id);
        return;
      case 'activity':
        this.emitActivity(draft, id);
        return;
    }
  }

  private emitAlert(alert: AlertRow, incidentId: number | null): void {
    const alertId = ++this.ids.alert;
    if (this.want === 'alerts') {
      this.out.push(
        copyLine([
          String(alertId),
          DEMO_SOURCE,
          `al-${String(alertId).padStart(7, '0')}`,
          copyText(alert.rule),
          String(alert.serviceId),
          alert.severity,
          copyInstant(alert.firedAtMs),
          copyInstant(alert.resolvedAtMs),
          copyText(alert.resolvedBy),
          copyInstant(alert.ackAtMs),
          copyNumber(alert.ackById),
          copyNumber(incidentId),
          copyText(alert.feedback),
        ]),
      );
      this.ids.page += alert.pages.length;
      return;
    }
    for (const page of alert.pages) {
      const pageId = ++this.ids.page;
      this.out.push(
        copyLine([
          String(pageId),
          DEMO_SOURCE,
          `pg-${String(pageId).padStart(7, '0')}`,
          String(alertId),
          String(page.responderId),
          copyInstant(page.atMs),
          page.channel,
          String(page.level),
          page.reason,
        ]),
      );
    }
  }

  /** Bursts of activity from each participant between joining and leaving (see the gap mixture). */
  private emitActivity(draft: IncidentDraft, incidentId: number): void {
    const rng = new Rng(draft.activitySeed);
    const to = this.plan.toMs;
    const ids = this.ids;
    const out = this.out;
    const emit = (responderId: number, atMs: number, kind: string, endAtMs: number | null) => {
      if (atMs >= to) return;
      const id = ++ids.activity;
      out.push(
        copyLine([String(id), DEMO_SOURCE, `act-${String(id).padStart(8, '0')}`, String(responderId), String(incidentId), copyInstant(second(atMs)), kind, copyInstant(endAtMs)]),
      );
    };
    for (const p of draft.participants) {
      let t = p.joinAtMs;
      emit(p.responderId, t, p.pageAck ? 'page_ack' : 'message', null);
      if (p.role !== null) emit(p.responderId, t + Math.min(minutes(rng.between(0.3, 2)), (p.leaveAtMs - t) / 2), 'role_change', null);
      if (draft.activityStyle === 'test') {
        emit(p.responderId, t + 3 * MINUTE_MS, 'status_update', null);
        continue;
      }
      for (;;) {
        t += minutes(this.gap(rng, draft.activityStyle));
        if (t >= p.leaveAtMs) break;
        const u = rng.float();
        const kind = p.lead ? (u < 0.55 ? 'message' : u < 0.78 ? 'action' : 'status_update') : u < 0.7 ? 'message' : u < 0.97 ? 'action' : 'status_update';
        emit(p.responderId, t, kind, null);
      }
      if (p.call) emit(p.responderId, p.call[0], 'call', p.call[1]);
      if (p.lead) {
        if (draft.mitigatedAtMs !== null && draft.mitigatedAtMs > p.joinAtMs) emit(p.responderId, draft.mitigatedAtMs, 'status_update', null);
        if (draft.resolvedAtMs !== null && draft.resolvedAtMs > p.joinAtMs) emit(p.responderId, draft.resolvedAtMs, 'status_update', null);
      }
    }
  }

  /** Minutes to a participant's next activity: quick back-and-forth, some pauses, a few long silences. */
  private gap(rng: Rng, style: ActivityStyle): number {
    if (style === 'steady') return Math.min(12, 0.5 + rng.exponential(3));
    const u = rng.float();
    if (style === 'game_day') return u < 0.8 ? 0.3 + rng.exponential(2) : 1 + rng.exponential(6);
    return u < 0.73 ? 0.2 + rng.exponential(0.45) : u < 0.95 ? 0.5 + rng.exponential(2.5) : rng.between(8, 25);
  }

  // ---- Alerts that are not an incident's --------------------------------------------------------

  private emitNoise(day: DemoDay): void {
    const alerts: AlertRow[] = [];
    const { plan } = this;
    for (const service of plan.services) {
      for (const rule of service.rules) {
        if (rule.behaviour === 'batch') continue;
        const rng = Rng.of(this.seed, S_NOISE, service.id, rule.index, day.index);
        let lambda = rule.perDay * NOISE_VOLUME[rule.behaviour] * growth(plan, day);
        // People-driven alerts follow the calendar (traffic, changes); machine-driven ones do not.
        if (rule.behaviour === 'actionable') lambda *= (calendarFactor(plan, day) / growth(plan, day)) * WEEKDAY_FACTORS[day.isoWeekday - 1]!;
        const n = rng.poisson(lambda);
        for (let i = 0; i < n; i++) alerts.push(...this.noiseAlerts(rng, service, rule, day));
      }
    }
    for (let d = 0; d < plan.divisions; d++) {
      const batch = this.batchRun(d, day);
      if (!batch.fails || batch.incident) continue;
      // A failed run someone re-ran without declaring an incident: actionable, not noise.
      const rng = Rng.of(this.seed, S_BATCH, d, day.index, 1);
      const service = this.invoicing[d]!;
      const team = this.team(service.teamId);
      const { primary, secondary } = this.onCall(team, batch.firedAtMs);
      const ackAtMs = second(batch.firedAtMs + minutes(this.ackDelayMinutes(rng, primary, batch.firedAtMs)));
      alerts.push({
        rule: BATCH_RULE,
        serviceId: service.id,
        severity: 'critical',
        firedAtMs: batch.firedAtMs,
        resolvedAtMs: second(ackAtMs + minutes(rng.logNormal(40, 0.5))),
        resolvedBy: 'human',
        ackAtMs,
        ackById: ackAtMs - batch.firedAtMs <= ESCALATION_TIMEOUT_MS ? primary : secondary,
        feedback: rng.chance(0.85) ? 'actionable' : null,
        pages: this.pagesFor(team, batch.firedAtMs, ackAtMs),
      });
    }
    const kept = alerts.filter((a) => a.firedAtMs >= plan.fromMs && a.firedAtMs < plan.toMs);
    kept.sort((a, b) => a.firedAtMs - b.firedAtMs);
    for (const alert of kept) {
      this.clipAlert(alert);
      this.emitAlert(alert, null);
    }
  }

  /** One alert (an episode of several for a flapping rule) of `rule` on `service` during `day`. */
  private noiseAlerts(rng: Rng, service: DemoService, rule: DemoRule, day: DemoDay): AlertRow[] {
    const team = this.team(service.teamId);
    let firedAtMs: number;
    if (rule.behaviour === 'actionable') {
      const hour = rng.weighted(day.isoWeekday <= 5 ? WEEKDAY_HOUR_WEIGHTS : WEEKEND_HOUR_WEIGHTS);
      firedAtMs = localToUtcMs(day.epochDay, hour * 3600 + rng.int(0, 3599), team.spec.timezone);
    } else {
      firedAtMs = day.epochDay * DAY_MS + rng.int(0, 86_399) * 1000;
    }
    const { primary } = this.onCall(team, firedAtMs);
    const alert = (fired: number, resolveAfterMin: number, resolvedBy: 'auto' | 'human', ack: { atMs: number; by: number } | null, feedback: string | null): AlertRow => {
      const resolvedAtMs = second(fired + minutes(resolveAfterMin));
      return {
        rule: rule.name,
        serviceId: service.id,
        severity: rule.behaviour === 'warning' ? (rng.chance(0.8) ? 'warning' : 'info') : 'critical',
        firedAtMs: fired,
        resolvedAtMs,
        resolvedBy,
        ackAtMs: ack?.atMs ?? null,
        ackById: ack?.by ?? null,
        feedback,
        pages: rule.behaviour === 'warning' ? [] : this.pagesFor(team, fired, ack?.atMs, resolvedAtMs),
      };
    };
    /** Acknowledgement `afterMin` minutes after firing: the primary within the timeout, else the secondary. */
    const ackAfter = (fired: number, afterMin: number) => {
      const paged = this.onCall(team, fired);
      return { atMs: second(fired + minutes(afterMin)), by: afterMin <= 5 ? paged.primary : paged.secondary };
    };
    const u = rng.float();
    switch (rule.behaviour) {
      case 'warning':
        return [alert(firedAtMs, rng.logNormal(40, 1), 'auto', null, null)];
      case 'actionable': {
        const delay = this.ackDelayMinutes(rng, primary, firedAtMs);
        if (u < 0.75) return [alert(firedAtMs, delay + rng.logNormal(25, 0.8), rng.chance(0.5) ? 'human' : 'auto', ackAfter(firedAtMs, delay), 'actionable')];
        if (u < 0.83) return [alert(firedAtMs, delay + rng.logNormal(20, 0.8), 'auto', ackAfter(firedAtMs, delay), null)];
        if (u < 0.9) return [alert(firedAtMs, delay + rng.logNormal(15, 0.8), 'human', ackAfter(firedAtMs, delay), rng.pick(ALERT_FEEDBACK.slice(1)))];
        if (u < 0.95) return [alert(firedAtMs, rng.between(2, 9), 'auto', null, null)];
        return [alert(firedAtMs, rng.between(20, 120), 'auto', null, null)];
      }
      case 'flapping': {
        // An episode: fires, clears by itself within minutes, fires again — each one pages.
        const episode: AlertRow[] = [];
        let t = firedAtMs;
        const count = rng.int(3, 7);
        for (let j = 0; j < count; j++) {
          const resolveAfter = rng.between(1, 6.5);
          const acked = rng.chance(0.3);
          const ack = acked ? ackAfter(t, rng.between(0.5, Math.min(resolveAfter, 4))) : null;
          episode.push(alert(t, resolveAfter, 'auto', ack, acked && rng.chance(0.65) ? 'actionable' : null));
          t = second(t + minutes(resolveAfter + rng.between(4, 25)));
        }
        return episode;
      }
      case 'transient':
        if (u < 0.72) return [alert(firedAtMs, rng.between(1, 8), 'auto', null, null)];
        if (u < 0.8) return [alert(firedAtMs, rng.between(15, 60), 'auto', null, null)];
        return [alert(firedAtMs, rng.between(5, 12), 'auto', ackAfter(firedAtMs, rng.between(0.5, 4)), 'actionable')];
      case 'ignored':
        if (u < 0.72) return [alert(firedAtMs, Math.max(15, rng.logNormal(90, 0.6)), 'auto', null, null)];
        if (u < 0.8) return [alert(firedAtMs, rng.between(70, 180), 'auto', ackAfter(firedAtMs, rng.between(20, 60)), null)];
        return [alert(firedAtMs, rng.between(20, 60), 'human', ackAfter(firedAtMs, rng.between(1, 5)), 'actionable')];
      case 'batch':
        return [];
    }
  }
}
