import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ONCALL_RESPONDERS_LISTED, oncallResponseSchema, type OncallResponse } from '@firewatch/shared';
import { listedResponders } from '@firewatch/api/analytics/oncall/compute-oncall.js';
import type { DemoManifest } from '@firewatch/api/demo/demo-manifest.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { apiClient, type ApiClient } from '../support/api-client.js';
import { loadDemoOrganisation, rebuildWorkload } from '../support/demo.js';

/**
 * GET /api/v1/analytics/oncall (METRICS.md "On-call health"). Part 1: a small fixture ingested through
 * the API, every figure with its arithmetic, the filters, CSV, the drill-down and bad parameters.
 * Part 2: on the demo organisation, the planted unfair rotation and long streak are flagged and nobody
 * else in those teams is. Org time zone UTC (the default); sleeping hours 23:00–08:00 local.
 */

describe('small fixture', () => {
  let t: TestApp;
  let api: ApiClient;

  const RANGE = 'from=2026-03-23&to=2026-04-06'; // two ISO weeks; last day 04-05
  const report = async (query: string): Promise<OncallResponse> => oncallResponseSchema.parse((await api.analytics('oncall', query).expect(200)).body);
  const row = (r: OncallResponse, id: string) => r.responders.find((x) => x.externalId === id);

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    api = await apiClient(t);
    await api.ingest('teams', [
      { externalId: 'core', name: 'Core' },
      { externalId: 'data', name: 'Data' },
    ]);
    await api.ingest('services', [
      { externalId: 'svc-api', name: 'API', team: 'core' },
      { externalId: 'svc-db', name: 'Postgres', team: 'core' },
    ]);
    await api.ingest('responders', [
      { externalId: 'r-ada', name: 'Ada', team: 'core', timezone: 'Europe/Berlin' },
      { externalId: 'r-bob', name: 'Bob', team: 'core', timezone: 'UTC' },
      { externalId: 'r-cy', name: 'Cy', team: 'data', timezone: 'UTC' },
    ]);
    await api.ingest('incidents', [
      { externalId: 'inc-1', title: 'API down', severity: 1, team: 'core', services: ['svc-api'], declaredAt: '2026-03-25T01:58:00Z', resolvedAt: '2026-03-25T14:00:00Z' },
    ]);
    await api.ingest('alerts', [
      { externalId: 'al-1', rule: 'ApiDown', service: 'svc-api', severity: 'critical', firedAt: '2026-03-25T01:59:00Z', incident: 'inc-1' },
      { externalId: 'al-2', rule: 'DiskIO', service: 'svc-db', severity: 'warning', firedAt: '2026-03-27T02:59:00Z' },
    ]);
    await api.ingest('pages', [
      { externalId: 'p-1', alert: 'al-1', responder: 'r-bob', at: '2026-03-25T02:00:00Z', channel: 'phone' }, // Wed 02:00: night of 03-24, on call
      { externalId: 'p-2', alert: 'al-1', responder: 'r-bob', at: '2026-03-25T02:00:30Z', channel: 'push' }, // 30 s later: merged into p-1
      { externalId: 'p-3', alert: 'al-1', responder: 'r-bob', at: '2026-03-25T10:00:00Z', channel: 'email' }, // email never interrupts
      { externalId: 'p-4', alert: 'al-2', responder: 'r-bob', at: '2026-03-27T03:00:00Z', channel: 'sms' }, // Fri 03:00: night of 03-26, off call
      // Sun 29 Mar 01:30Z = 03:30 CEST (Berlin sprang forward at 01:00Z): sleeping, night of 03-28, on call.
      { externalId: 'p-5', alert: 'al-2', responder: 'r-ada', at: '2026-03-29T01:30:00Z', channel: 'push' },
    ]);
    await api.ingest('shifts', [
      // Sat 20:00 CET → Sun 20:00 CEST across the spring change: 23 h, all weekend (late or sleeping).
      { externalId: 'sh-1', responder: 'r-ada', rotation: 'core', level: 1, start: '2026-03-28T19:00:00Z', end: '2026-03-29T18:00:00Z' },
      // Tue 21:00 → Wed 13:00 UTC across midnight: 16 h.
      { externalId: 'sh-2', responder: 'r-bob', rotation: 'core', level: 1, start: '2026-03-24T21:00:00Z', end: '2026-03-25T13:00:00Z' },
      // Mon 09:00 → Mon 09:00: 168 h, of which 159 h in the week of 03-23 and 9 h in the next.
      { externalId: 'sh-3', responder: 'r-cy', rotation: 'data', level: 1, start: '2026-03-23T09:00:00Z', end: '2026-03-30T09:00:00Z' },
    ]);
    await api.ingest('activity', [
      // 12:50 and 13:00 bridged: [12:50, 13:10) = 20 min; Bob's shift ends at 13:00 → 10 min on call, 10 off.
      { externalId: 'a-1', responder: 'r-bob', incident: 'inc-1', kind: 'message', at: '2026-03-25T12:50:00Z' },
      { externalId: 'a-2', responder: 'r-bob', incident: 'inc-1', kind: 'message', at: '2026-03-25T13:00:00Z' },
    ]);
    await rebuildWorkload(t.app.get(DataSource));
  });
  afterAll(async () => t?.close());

  it('answers every figure per responder with its arithmetic', async () => {
    const r = await report(RANGE);
    expect(r.range).toEqual({ from: '2026-03-23', to: '2026-04-06', timeZone: 'UTC' });
    expect(r.thresholds).toEqual({ medianFactor: 3, minDisruptedNights: 3, minInterruptions: 5, maxConsecutiveWeeks: 3 });
    expect(row(r, 'r-bob')).toEqual({
      externalId: 'r-bob',
      name: 'Bob',
      team: { externalId: 'core', name: 'Core' },
      timeZone: 'UTC',
      shifts: 1,
      onCallHours: 16, // 21:00 → 13:00
      outsideWorkingHours: 11, // Tue 21:00–23:00 late 2 h + 23:00–08:00 sleeping 9 h
      sleepingHours: 9,
      interruptions: 1, // p-1 (+ p-2 merged); p-3 is an email
      offCallInterruptions: 1, // p-4 on Friday, no shift
      interruptionsPerOnCallHour: 0.063, // 1 ÷ 16 = 0.0625
      sleepingInterruptions: 2, // p-1 and p-4
      disruptedNights: 2, // nights of 03-24 and 03-26
      incidentHoursOnCall: 0.17, // 10 min
      incidentHoursOffCall: 0.17, // 10 min after 13:00
      longestStreakWeeks: 0, // 16 h in the week of 03-23: less than a day
      currentStreakWeeks: 0,
      lastNightInterrupted: '2026-03-26',
      daysSinceLastNightInterrupted: 10, // 03-26 → 04-05
      loadRatio: 0.821, // 16 ÷ median(23, 16) = 16 ÷ 19.5
      flags: [],
    });
    expect(row(r, 'r-ada')).toMatchObject({
      onCallHours: 23, // 24 h of clock minus the skipped hour
      outsideWorkingHours: 23,
      sleepingHours: 8, // Sat 23:00 CET → Sun 08:00 CEST: 9 clock hours − 1
      interruptions: 1,
      interruptionsPerOnCallHour: 0.043, // 1 ÷ 23 = 0.0435
      disruptedNights: 1, // 03:30 CEST on Sunday: the night of Saturday 03-28
      lastNightInterrupted: '2026-03-28',
      daysSinceLastNightInterrupted: 8, // 03-28 → 04-05
      loadRatio: 1.179, // 23 ÷ 19.5
    });
    expect(row(r, 'r-cy')).toMatchObject({ onCallHours: 168, longestStreakWeeks: 1, currentStreakWeeks: 0 }); // 159 h in week 03-23, 9 h in 03-30
    expect(r.teams.map((team) => [team.externalId, team.members, team.onCallHours, team.mostLoaded?.externalId])).toEqual([
      // Ada 23, Bob 16: busiest ceil(0.2 × 2) = 1 → 23 ÷ 39 = 0.59; 23 ÷ median 19.5 = 1.179
      ['core', 2, { total: 39, busiestShare: 0.59, maxToMedian: 1.179, median: 19.5 }, 'r-ada'],
      ['data', 1, { total: 168, busiestShare: 1, maxToMedian: 1, median: 168 }, 'r-cy'],
    ]);
    expect(r.flags).toEqual([]); // below every minimum
    expect(r.detail).toBeNull();
  });

  it.each([
    // svc-db: only al-2's pages; inc-1 is on svc-api, so Bob has no incident hours.
    ['service=svc-db', { 'r-bob': [0, 1, 0], 'r-ada': [1, 0, 0] }],
    // severity 2: al-2 ('warning' = 3) is left out.
    ['severity=2', { 'r-bob': [1, 0, 0.17], 'r-ada': [0, 0, 0] }],
  ])('?%s filters pages and incident work, not shifts', async (filter, expected) => {
    const r = await report(`${RANGE}&${filter}`);
    for (const [id, [on, off, hoursOn]] of Object.entries(expected)) {
      expect([row(r, id)!.interruptions, row(r, id)!.offCallInterruptions, row(r, id)!.incidentHoursOnCall], `${filter} ${id}`).toEqual([on, off, hoursOn]);
    }
    expect(row(r, 'r-bob')!.onCallHours).toBe(16);
  });

  it('?team keeps the team’s responders', async () => {
    const r = await report(`${RANGE}&team=data`);
    expect(r.responders.map((x) => x.externalId)).toEqual(['r-cy']);
  });

  it('drills down to a responder’s shifts and interruptions', async () => {
    const { detail } = await report(`${RANGE}&responder=r-bob`);
    expect(detail).toEqual({
      responder: { externalId: 'r-bob', name: 'Bob' },
      shifts: [{ externalId: 'sh-2', rotation: 'core', level: 1, start: '2026-03-24T21:00:00.000Z', end: '2026-03-25T13:00:00.000Z', hoursInRange: 16, interruptions: 1 }],
      interruptions: [
        { at: '2026-03-25T02:00:00.000Z', alert: 'al-1', rule: 'ApiDown', incident: 'inc-1', bucket: 'sleeping', onCall: true },
        { at: '2026-03-27T03:00:00.000Z', alert: 'al-2', rule: 'DiskIO', incident: null, bucket: 'sleeping', onCall: false },
      ],
    });
  });

  it('answers CSV: the responders table', async () => {
    const res = await api.analytics('oncall', RANGE).set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'externalId,name,team,timeZone,shifts,onCallHours,outsideWorkingHours,sleepingHours,interruptions,offCallInterruptions,interruptionsPerOnCallHour,sleepingInterruptions,disruptedNights,incidentHoursOnCall,incidentHoursOffCall,longestStreakWeeks,currentStreakWeeks,lastNightInterrupted,daysSinceLastNightInterrupted,loadRatio,flags',
    );
    expect(lines).toContain('r-bob,Bob,core,UTC,1,16,11,9,1,1,0.063,2,2,0.17,0.17,0,0,2026-03-26,10,0.821,');
    expect(lines).toHaveLength(4); // header + Cy, Ada, Bob
  });

  it.each([
    ['severity=9', 'severity'],
    ['from=2026-04-06&to=2026-03-23', 'to'],
    ['shift=1', 'shift'],
    ['responder=r-nobody', 'responder'],
    ['responder=r-cy&team=core', 'responder'],
    ['responders=some', 'responders'],
    ['responders=all&responders=all', 'responders'],
  ])('?%s is a 400 naming %s', async (query, param) => {
    const res = await api.analytics('oncall', query).expect(400);
    expect(res.body.message).toContain(param);
  });
});

describe('more responders than the answer lists', () => {
  let t: TestApp;
  let api: ApiClient;
  const CROWD = ONCALL_RESPONDERS_LISTED + 5; // r-001 … r-205
  const id = (i: number) => `r-${String(i).padStart(3, '0')}`;
  const RANGE = 'from=2026-03-02&to=2026-03-30';
  const report = async (query: string): Promise<OncallResponse> => oncallResponseSchema.parse((await api.analytics('oncall', query).expect(200)).body);

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    api = await apiClient(t);
    await api.ingest('teams', [{ externalId: 'crowd', name: 'Crowd' }]);
    await api.ingest('services', [{ externalId: 'svc-crowd', name: 'Crowd API', team: 'crowd' }]);
    const ids = Array.from({ length: CROWD }, (_, k) => k + 1);
    await api.ingest('responders', ids.map((i) => ({ externalId: id(i), name: `Person ${id(i)}`, team: 'crowd', timezone: 'UTC' })));
    // r-i is on call i hours from Monday 03-02 00:00: 1 h … 205 h, every figure but the hours at 0.
    await api.ingest('shifts', ids.map((i) => ({ externalId: `sh-${i}`, responder: id(i), rotation: 'crowd', level: 1, start: '2026-03-02T00:00:00Z', end: new Date(Date.parse('2026-03-02T00:00:00Z') + i * 3_600_000).toISOString() })));
    // r-001, the least on call, woken at 02:00 on three nights: 3 nights > 3 × the team median 0, and ≥ 3 → flagged.
    await api.ingest('alerts', [{ externalId: 'al-night', rule: 'QueueStuck', service: 'svc-crowd', severity: 'critical', firedAt: '2026-03-10T01:59:00Z' }]);
    await api.ingest('pages', ['10', '11', '12'].map((d) => ({ externalId: `p-${d}`, alert: 'al-night', responder: 'r-001', at: `2026-03-${d}T02:00:00Z`, channel: 'phone' })));
  });
  afterAll(async () => t?.close());

  it('lists by default the flagged responder and the 200 most on call, and says how many there are', async () => {
    const top = await report(RANGE);
    expect(top.respondersTotal).toBe(CROWD);
    // r-001 flagged first; then r-205 … r-006 (205 h … 6 h, the 200 most); r-002 … r-005 (2–5 h) left out.
    expect(top.responders.map((r) => r.externalId)).toEqual([id(1), ...Array.from({ length: ONCALL_RESPONDERS_LISTED }, (_, k) => id(CROWD - k))]);
    expect(top.responders[0]!.flags).toEqual(['disrupted_nights']);
    expect(top.totals).toEqual({
      onCallResponders: CROWD,
      onCallHours: 21_115, // 1 + 2 + … + 205 = 205 × 206 ÷ 2
      disruptedNights: 3,
      flaggedResponders: 1,
    });
  });

  it('?responders=all lists everyone; the rest of the answer is the same', async () => {
    const [top, all] = await Promise.all([report(RANGE), report(`${RANGE}&responders=all`)]);
    expect(all.responders).toHaveLength(CROWD);
    expect(top).toEqual({ ...all, responders: all.responders.slice(0, ONCALL_RESPONDERS_LISTED + 1), freshness: top.freshness }); // the flagged + 200 (two reads: two instants)
    expect(all.teams[0]!.members).toBe(CROWD); // team figures over everyone either way
  });

  it.each(['', '&responders=top'])('answers every responder as CSV whatever the parameter (%s)', async (extra) => {
    const res = await api.analytics('oncall', `${RANGE}${extra}`).set('Accept', 'text/csv').expect(200);
    const lines = res.text.trim().split('\r\n');
    expect(lines).toHaveLength(1 + CROWD); // header + 205
    expect(lines.filter((l) => l.startsWith('r-00')).map((l) => l.split(',')[0]).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map(id)); // the cut r-002 … r-005 too
  });
});

describe('demo organisation', () => {
  let t: TestApp;
  let api: ApiClient;
  let manifest: DemoManifest;

  beforeAll(async () => {
    t = await createTestApp(inject('pgAdminUrl'));
    api = await apiClient(t);
    manifest = await loadDemoOrganisation(t, t.app.get(DataSource));
  }, 600_000);
  afterAll(async () => t?.close());

  const pattern = (id: string) => manifest.patterns.find((p) => p.id === id)!;

  it.each([
    ['unfair-rotation', 'disrupted_nights'],
    ['oncall-streak', 'long_streak'],
  ])('%s: flagged %s through HTTP, nobody else in the team flagged', async (id, rule) => {
    const { team, range } = pattern(id).entities as { team: string; range: { from: string; to: string } };
    const planted = pattern(id).expectations.find((e) => e.measure.includes(`flagged ${rule}`))!.names!;
    const started = performance.now();
    const r = oncallResponseSchema.parse((await api.analytics('oncall', `from=${range.from}&to=${range.to}`).expect(200)).body);
    const flagged = r.flags.filter((f) => f.rule === rule && f.team?.externalId === team).map((f) => `${f.responder.externalId} ${f.value} > ${f.threshold}`);
    console.log(`oncall ${range.from}..${range.to}: ${Math.round(performance.now() - started)} ms; ${flagged.join(', ')}`);
    const members = r.responders.filter((x) => x.team?.externalId === team);
    expect(members.filter((x) => x.flags.includes(rule as never)).map((x) => x.externalId).sort()).toEqual([...planted].sort());
    expect(members.filter((x) => x.flags.length > 0 && !planted.includes(x.externalId)).map((x) => x.externalId)).toEqual([]);
    expect(r.teams.find((x) => x.externalId === team)!.flagged).toBe(planted.length);
  }, 60_000);

  it('answers the whole history cut by the rule by default (SPEC §3 size), everyone with responders=all', async () => {
    const range = 'from=2000-01-01&to=2026-11-02';
    const [topRes, allRes] = await Promise.all([api.analytics('oncall', range).expect(200), api.analytics('oncall', `${range}&responders=all`).expect(200)]);
    const top = oncallResponseSchema.parse(topRes.body);
    const all = oncallResponseSchema.parse(allRes.body);
    expect(top).toEqual({ ...all, responders: listedResponders(all.responders, ONCALL_RESPONDERS_LISTED), freshness: top.freshness }); // two reads: two instants
    expect(top.respondersTotal).toBe(all.responders.length);
    const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
    const flagged = all.responders.filter((r) => r.flags.length > 0).length;
    console.log(
      `oncall whole history: default ${Buffer.byteLength(topRes.text)} B (${top.responders.length} of ${top.respondersTotal} responders), all ${Buffer.byteLength(allRes.text)} B; ` +
        `responders ${bytes(all.responders)} B, teams ${bytes(all.teams)} B, flags ${bytes(all.flags)} B, flagged responders ${flagged}`,
    );
    // Scale 10 is 63 copies of this organisation: teams and flags grow 63-fold, the default list to at most
    // the 63 × flagged plus the ONCALL_RESPONDERS_LISTED most on call.
    const perRow = bytes(all.responders) / all.responders.length;
    const rest = Buffer.byteLength(allRes.text) - bytes(all.responders);
    const kB = (n: number) => `${Math.round(n / 1000)} kB`;
    console.log(`scale 10 (× 63): all ≈ ${kB(63 * Buffer.byteLength(allRes.text))}, default ≤ ${kB(63 * rest + (63 * flagged + ONCALL_RESPONDERS_LISTED) * perRow)}`);
  }, 60_000);

  it('the unfair rotation shows in the team spread: the busiest 20% carry most of the nights', async () => {
    const { team, range } = pattern('unfair-rotation').entities as { team: string; range: { from: string; to: string } };
    const r = oncallResponseSchema.parse((await api.analytics('oncall', `from=${range.from}&to=${range.to}&team=${team}`).expect(200)).body);
    const spread = r.teams.find((x) => x.externalId === team)!;
    expect(spread.busiestMembers).toBe(2); // ceil(0.2 × 6..10 members)
    expect(spread.disruptedNights.busiestShare).toBeGreaterThan(0.5);
    expect(spread.onCallHours.maxToMedian).toBeGreaterThan(2);
  }, 60_000);
});
