import type { OncallFlagRule, OncallResponder, OncallResponse, OncallTeam } from '@firewatch/shared';
import { headingSlug } from '../../components/charts/definition-link';

/**
 * The On-call page's view model: the API's report → the rows its charts draw. No metric is computed
 * here; figures are only joined with their team's, split for stacking and labelled.
 */

/** The METRICS.md section every chart of the page links to. */
export const ONCALL_DEFINITION = headingSlug('On-call health');

export const flagLabels: Record<OncallFlagRule, string> = {
  disrupted_nights: 'Disrupted nights far above the team',
  interruption_rate: 'Interruptions per on-call hour far above the team',
  long_streak: 'On call too many weeks in a row',
};

/** A responder's on-call hours split for stacking: working, late (outside working, not sleeping), sleeping. */
export interface OncallHoursRow extends OncallResponder {
  working: number;
  late: number;
  sleeping: number;
}

/** Responders with on-call time, most hours first (the API lists the flagged first). */
export function hoursRows(report: Pick<OncallResponse, 'responders'>): OncallHoursRow[] {
  return report.responders
    .filter((r) => r.onCallHours > 0)
    .map((r) => ({
      ...r,
      // Rounded hours from the API; the split cannot go below 0 even when rounding differs by 0.01.
      working: Math.max(0, round2(r.onCallHours - r.outsideWorkingHours)),
      late: Math.max(0, round2(r.outsideWorkingHours - r.sleepingHours)),
      sleeping: r.sleepingHours,
    }))
    .sort((a, b) => b.onCallHours - a.onCallHours || a.externalId.localeCompare(b.externalId));
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** A responder's disrupted nights beside their team's median (members with on-call time). */
export interface NightsRow extends OncallResponder {
  teamMedianNights: number | null;
}

/** Responders with a disrupted night, most first, each with the median of their team. */
export function nightsRows(report: Pick<OncallResponse, 'responders' | 'teams'>): NightsRow[] {
  const medians = new Map(report.teams.map((t) => [t.externalId, t.disruptedNights.median]));
  return report.responders
    .filter((r) => r.disruptedNights > 0)
    .map((r) => ({ ...r, teamMedianNights: medians.get(r.team?.externalId ?? null) ?? null }))
    .sort((a, b) => b.disruptedNights - a.disruptedNights || a.externalId.localeCompare(b.externalId));
}

/** A team with its busiest-members shares flattened for a grouped bar chart (0 when the base is 0). */
export interface TeamSpreadRow extends OncallTeam {
  hoursShare: number;
  interruptionsShare: number;
  nightsShare: number;
}

/** Teams, the most uneven (largest share of nights on the busiest members) first. */
export function teamSpreadRows(report: Pick<OncallResponse, 'teams'>): TeamSpreadRow[] {
  return report.teams
    .map((t) => ({
      ...t,
      hoursShare: t.onCallHours.busiestShare ?? 0,
      interruptionsShare: t.interruptions.busiestShare ?? 0,
      nightsShare: t.disruptedNights.busiestShare ?? 0,
    }))
    .sort((a, b) => b.nightsShare - a.nightsShare || b.hoursShare - a.hoursShare || a.name.localeCompare(b.name));
}

/** The URL parameter naming the responder whose shifts and interruptions the page lists. */
export const SELECTED_RESPONDER_PARAM = 'responder';

/** `params` with the drill-down responder set (or removed with null); other parameters kept. */
export function withSelectedResponder(params: URLSearchParams, externalId: string | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (externalId === null) next.delete(SELECTED_RESPONDER_PARAM);
  else next.set(SELECTED_RESPONDER_PARAM, externalId);
  return next;
}

/** The drill-down responder of the URL, when the report lists them. */
export function selectedResponder(params: URLSearchParams, report: Pick<OncallResponse, 'responders'> | undefined): OncallResponder | null {
  const id = params.get(SELECTED_RESPONDER_PARAM);
  if (id === null || !report) return null;
  return report.responders.find((r) => r.externalId === id) ?? null;
}
