import { mulberry32 } from '@firewatch/api/demo/prng.js';
import {
  ACTIVITY_KINDS,
  ALERT_FEEDBACK,
  PAGE_CHANNELS,
  type ActivityInput,
  type AlertInput,
  type IncidentInput,
  type PageInput,
  type ResponderInput,
  type ServiceInput,
  type TeamInput,
} from '@firewatch/shared';

/** Every generated record belongs to this source, so bench data never mixes with anything else. */
export const BENCH_SOURCE = 'bench';

/** Record counts at `--scale 1`; the volume kinds are multiplied by the scale. */
export const VOLUME_AT_SCALE_1 = { activity: 200_000, alerts: 50_000, pages: 50_000 } as const;
const REFERENCE_COUNTS = { teams: 8, services: 60, responders: 400, incidents: 2_000, rules: 300 } as const;

/** The demo generator's seeded PRNG, so every run (and every machine) ingests the same rows. */
export const seededRandom = mulberry32;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const YEAR_START_MS = Date.UTC(2025, 0, 1);

/** ISO 8601 with `Z`, whole seconds (what most sources send). */
const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const id = (prefix: string, n: number): string => `${prefix}-${String(n).padStart(7, '0')}`;

function picker(random: () => number) {
  return {
    int: (n: number) => Math.floor(random() * n),
    /** Index in [0, n) skewed towards 0, as real alert rules and services are (a few are noisy). */
    skewed: (n: number) => Math.floor(random() ** 2 * n),
    chance: (p: number) => random() < p,
    weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
      let r = random() * choices.reduce((s, [, w]) => s + w, 0);
      for (const [value, weight] of choices) if ((r -= weight) < 0) return value;
      return choices[choices.length - 1]![0];
    },
  };
}

export interface ReferenceData {
  teams: TeamInput[];
  services: ServiceInput[];
  responders: ResponderInput[];
  incidents: IncidentInput[];
}

/** The small set of records the volume kinds reference (ingested once, before any measurement). */
export function referenceData(seed = 1): ReferenceData {
  const pick = picker(seededRandom(seed));
  const c = REFERENCE_COUNTS;
  const teams = Array.from({ length: c.teams }, (_, i): TeamInput => ({ source: BENCH_SOURCE, externalId: id('team', i), name: `Team ${i}` }));
  const services = Array.from(
    { length: c.services },
    (_, i): ServiceInput => ({ source: BENCH_SOURCE, externalId: id('svc', i), name: `service-${i}`, team: teams[i % c.teams]!.externalId, tier: 1 + (i % 5) }),
  );
  const responders = Array.from(
    { length: c.responders },
    (_, i): ResponderInput => ({
      source: BENCH_SOURCE,
      externalId: id('resp', i),
      name: `Responder ${i}`,
      email: `responder${i}@example.com`,
      team: teams[i % c.teams]!.externalId,
      timezone: pick.weighted([['Europe/Berlin', 3], ['America/New_York', 2], ['Asia/Kolkata', 1]]),
    }),
  );
  const incidents = Array.from({ length: c.incidents }, (_, i): IncidentInput => {
    const declared = YEAR_START_MS + pick.int(365 * DAY_MS);
    const minutes = 20 + pick.int(8 * 60);
    return {
      source: BENCH_SOURCE,
      externalId: id('inc', i),
      title: `Incident ${i}`,
      kind: pick.weighted([['incident', 90], ['game_day', 5], ['test', 5]]),
      severity: 1 + pick.skewed(5),
      team: teams[pick.int(c.teams)]!.externalId,
      services: [services[pick.skewed(c.services)]!.externalId],
      causes: [pick.weighted([['deploy', 4], ['capacity', 2], ['dependency', 2], ['config', 1]])],
      declaredAt: iso(declared),
      resolvedAt: iso(declared + minutes * MINUTE_MS),
      roles: [{ responder: responders[pick.int(c.responders)]!.externalId, role: 'lead' }],
    };
  });
  return { teams, services, responders, incidents };
}

/** Activity on the reference incidents: mostly messages, some calls with an end. */
export function activityItems(count: number, refs: ReferenceData, seed = 2): ActivityInput[] {
  const pick = picker(seededRandom(seed));
  const kinds = ACTIVITY_KINDS.map((k) => [k, { message: 50, status_update: 15, action: 15, role_change: 5, page_ack: 10, call: 5 }[k]] as const);
  return Array.from({ length: count }, (_, i): ActivityInput => {
    const incident = refs.incidents[pick.int(refs.incidents.length)]!;
    const declared = Date.parse(incident.declaredAt);
    const at = declared + pick.int(Date.parse(incident.resolvedAt!) - declared);
    const kind = pick.weighted(kinds);
    return {
      source: BENCH_SOURCE,
      externalId: id('act', i),
      responder: refs.responders[pick.int(refs.responders.length)]!.externalId,
      incident: incident.externalId,
      at: iso(at),
      kind,
      ...(kind === 'call' ? { endAt: iso(at + (5 + pick.int(85)) * MINUTE_MS) } : {}),
    };
  });
}

/** Alerts from a few hundred rules, most resolved automatically, a few acknowledged or linked to an incident. */
export function alertItems(count: number, refs: ReferenceData, seed = 3): AlertInput[] {
  const pick = picker(seededRandom(seed));
  return Array.from({ length: count }, (_, i): AlertInput => {
    const rule = pick.skewed(REFERENCE_COUNTS.rules);
    const fired = YEAR_START_MS + pick.int(365 * DAY_MS);
    const acknowledged = pick.chance(0.3);
    const resolved = pick.chance(0.95);
    return {
      source: BENCH_SOURCE,
      externalId: id('alert', i),
      rule: `rule-${rule}`,
      service: refs.services[rule % refs.services.length]!.externalId,
      severity: pick.weighted([['critical', 2], ['warning', 5], ['info', 3]]),
      firedAt: iso(fired),
      ...(resolved ? { resolvedAt: iso(fired + (1 + pick.int(240)) * MINUTE_MS), resolvedBy: acknowledged ? 'human' : 'auto' } : {}),
      ...(acknowledged
        ? { acknowledgedAt: iso(fired + pick.int(30) * MINUTE_MS), acknowledgedBy: refs.responders[pick.int(refs.responders.length)]!.externalId }
        : {}),
      ...(pick.chance(0.05) ? { incident: refs.incidents[pick.int(refs.incidents.length)]!.externalId } : {}),
      ...(pick.chance(0.1) ? { feedback: ALERT_FEEDBACK[pick.int(ALERT_FEEDBACK.length)]! } : {}),
    };
  });
}

/** Pages of responders about the given alerts, within half an hour of the alert. */
export function pageItems(count: number, alerts: readonly AlertInput[], refs: ReferenceData, seed = 4): PageInput[] {
  const pick = picker(seededRandom(seed));
  return Array.from({ length: count }, (_, i): PageInput => {
    const alert = alerts[pick.int(alerts.length)]!;
    return {
      source: BENCH_SOURCE,
      externalId: id('page', i),
      alert: alert.externalId,
      responder: refs.responders[pick.int(refs.responders.length)]!.externalId,
      at: iso(Date.parse(alert.firedAt) + pick.int(30) * MINUTE_MS),
      channel: PAGE_CHANNELS[pick.int(PAGE_CHANNELS.length)]!,
      level: pick.weighted([[1, 80], [2, 15], [3, 5]]),
      reason: pick.weighted([['initial', 80], ['timeout', 15], ['manual', 3], ['reassigned', 2]]),
    };
  });
}
