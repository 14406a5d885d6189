import type { NoiseTuneFirst, OverviewFigure, OverviewFigureName, OverviewResponse, ServiceBreakdownItem, ServiceCoverage } from '@firewatch/shared';
import { bucketColors } from '../../components/charts/bucket-colors';
import { formatCount, formatHours, formatMinutesValue, formatRatio } from '../../components/charts/format';
import { headingSlug, metricDefinitions } from '../../components/charts/definition-link';
import type { TableColumn } from '../../components/charts/data-table';
import type { ChartSeries } from '../../components/charts/series';

/**
 * The Overview page's view model: the API's figures → headline tiles with their change and the page
 * each one is explained on. No metric is computed here; values are formatted and compared only.
 */

/** The METRICS.md sections the Overview's charts link to. */
export const overviewDefinitions = {
  overview: headingSlug('Leadership overview'),
  workload: metricDefinitions.workload,
  services: headingSlug('Services and causes'),
  noise: headingSlug('Pager noise and escalations'),
  readiness: headingSlug('Responder readiness'),
} as const;

/** Whether a rise of the figure is good news (ready responders) or bad news (incidents, hours…). */
type Direction = 'up-is-good' | 'up-is-bad';

export interface OverviewHeadline {
  figure: OverviewFigureName;
  label: string;
  /** Formatted current value, with its unit. */
  value: string;
  /** Formatted previous value. */
  previous: string;
  /** "+25%", "−10%", "no change", or "new" when the previous period had none. */
  change: string;
  /** better / worse / same vs the previous period; null when there is nothing to compare. */
  tone: 'better' | 'worse' | 'same' | null;
  note?: string;
  /** The page that explains it (path without the filter query). */
  page: string;
}

interface HeadlineSpec {
  figure: OverviewFigureName;
  label: string;
  format: (value: number) => string;
  direction: Direction;
  page: string;
  note?: (report: OverviewResponse) => string | undefined;
}

const minutes = (value: number) => formatMinutesValue(value);

const HEADLINES: readonly HeadlineSpec[] = [
  {
    figure: 'incidents',
    label: 'Incidents',
    format: formatCount,
    direction: 'up-is-bad',
    page: '/incidents',
    note: (r) => `${formatCount(r.current.incidents.major)} major (SEV ≤ ${r.majorSeverity})`,
  },
  {
    figure: 'workloadHours',
    label: 'Responder hours',
    format: formatHours,
    direction: 'up-is-bad',
    page: '/workload',
    note: (r) => (r.current.workload.sleepingShare === null ? undefined : `${formatRatio(r.current.workload.sleepingShare)} at night (sleeping hours)`),
  },
  {
    figure: 'hoursPerResponderPerWeek',
    label: 'Hours per responder per week',
    format: formatHours,
    direction: 'up-is-bad',
    page: '/workload',
    note: (r) => `${formatCount(r.current.workload.responders)} responders with workload`,
  },
  {
    figure: 'interruptions',
    label: 'Interruptions',
    format: formatCount,
    direction: 'up-is-bad',
    page: '/noise',
    note: (r) => `${formatCount(r.current.noise.sleepingInterruptions)} while asleep`,
  },
  {
    figure: 'actionableRatio',
    label: 'Actionable pages',
    format: formatRatio,
    direction: 'up-is-good',
    page: '/noise',
    note: (r) => `of ${formatCount(r.current.noise.escalated)} escalated alerts`,
  },
  {
    figure: 'readyResponders',
    label: 'Ready responders',
    format: formatCount,
    direction: 'up-is-good',
    page: '/readiness',
    note: (r) => `of ${formatCount(r.current.readiness.active)} active on ${r.current.readiness.asOf}`,
  },
  { figure: 'ttaMedianMinutes', label: 'Median time to acknowledge', format: minutes, direction: 'up-is-bad', page: '/incidents' },
  { figure: 'ttrMedianMinutes', label: 'Median time to resolve', format: minutes, direction: 'up-is-bad', page: '/incidents' },
  {
    figure: 'incidentsPerShift',
    label: 'Incidents per 12-hour on-call shift',
    format: (value) => value.toLocaleString('en-US', { maximumFractionDigits: 2 }),
    direction: 'up-is-bad',
    page: '/incidents',
    note: (r) =>
      r.current.onCall?.incidentsPerShift == null
        ? 'no primary on-call time'
        : `${r.current.onCall.exceedsGuideline ? 'above' : 'within'} the SRE guideline of ≤ ${r.guideline.incidentsPerShift}`,
  },
  {
    figure: 'onCallShare',
    label: 'Time on call',
    format: formatRatio,
    direction: 'up-is-bad',
    page: '/workload',
    note: (r) => (r.current.onCall ? `${formatHours(r.current.onCall.onCallHours)} on call of ${formatHours(r.current.onCall.responderHours)} employed` : undefined),
  },
];

/** "+25%", "−10%", "±0%". */
export function formatChange(change: number): string {
  if (change === 0) return '±0%';
  const text = formatRatio(Math.abs(change));
  return change > 0 ? `+${text}` : `−${text}`;
}

function tone(figure: OverviewFigure, direction: Direction): OverviewHeadline['tone'] {
  if (figure.current === null || figure.previous === null) return null;
  if (figure.current === figure.previous) return 'same';
  const up = figure.current > figure.previous;
  return up === (direction === 'up-is-good') ? 'better' : 'worse';
}

function describeChange(figure: OverviewFigure): string {
  if (figure.change !== null) return formatChange(figure.change);
  if (figure.current === null || figure.previous === null) return 'no comparison';
  if (figure.current === figure.previous) return 'no change';
  return figure.previous === 0 ? 'none before' : 'no comparison';
}

/**
 * The headline tiles, in reading order; a figure the report leaves out (the on-call rows without
 * shifts) is left out too.
 */
export function overviewHeadlines(report: OverviewResponse): OverviewHeadline[] {
  const figures = new Map(report.figures.map((f) => [f.figure, f]));
  return HEADLINES.flatMap((spec) => {
    const figure = figures.get(spec.figure);
    if (!figure) return [];
    const note = spec.note?.(report);
    return [
      {
        figure: spec.figure,
        label: spec.label,
        value: figure.current === null ? '—' : spec.format(figure.current),
        previous: figure.previous === null ? '—' : spec.format(figure.previous),
        change: describeChange(figure),
        tone: tone(figure, spec.direction),
        ...(note !== undefined && { note }),
        page: spec.page,
      },
    ];
  });
}

/** Services shown on the Overview, ranked by hours as the services report ranks them. */
export const TOP_SERVICES = 5;
/** Rules to tune first shown on the Overview. */
export const TUNE_FIRST_ROWS = 5;

/** The table view and CSV of the top services chart (Overview, Operational review). */
export const topServiceColumns: TableColumn<ServiceBreakdownItem>[] = [
  { header: 'Service', csvHeader: 'name', value: (s) => s.name },
  { header: 'Hours', csvHeader: 'workload_hours', unit: 'hours', value: (s) => s.workloadHours },
  { header: 'Out of hours (h)', csvHeader: 'out_of_hours_hours', unit: 'hours', value: (s) => s.outOfHoursHours },
  { header: 'Previous (h)', csvHeader: 'previous_workload_hours', unit: 'hours', value: (s) => s.previous.workloadHours },
  { header: 'Incidents', csvHeader: 'incidents', unit: 'count', value: (s) => s.incidents },
];
/** The table view and CSV of the rules-to-tune-first chart (Overview, Operational review). */
export const tuneFirstColumns: TableColumn<NoiseTuneFirst>[] = [
  { header: 'Rule', csvHeader: 'rule', value: (r) => r.rule },
  { header: 'Source', csvHeader: 'source', value: (r) => r.source },
  { header: 'Score', csvHeader: 'score', unit: 'count', value: (r) => r.score },
  { header: 'Noisy interruptions', csvHeader: 'noisy_interruptions', unit: 'count', value: (r) => r.noisyInterruptions },
  { header: 'Asleep', csvHeader: 'noisy_sleeping_interruptions', unit: 'count', value: (r) => r.noisySleepingInterruptions },
  { header: 'Noise ratio', csvHeader: 'noise_ratio', unit: 'percent', value: (r) => r.noiseRatio },
  { header: 'Mostly', csvHeader: 'dominant_class', value: (r) => r.dominantClass },
];
/** The services' hours split in and out of working hours (out of hours = late + sleeping). */
export const serviceHourSeries: ChartSeries<ServiceBreakdownItem>[] = [
  { key: 'inHours', label: 'Working hours', color: bucketColors.working, value: (s) => Math.max(0, s.workloadHours - s.outOfHoursHours) },
  { key: 'outOfHours', label: 'Out of hours (late + sleeping)', color: bucketColors.late, value: (s) => s.outOfHoursHours },
];

/** The top services by hours: those with hours, most first (the API's order). */
export function topServices(items: readonly ServiceBreakdownItem[]): ServiceBreakdownItem[] {
  return items.filter((s) => s.workloadHours > 0).slice(0, TOP_SERVICES);
}

/** A rule's noisy interruptions split awake / asleep (the "tune first" score weighs the asleep ones 3×). */
export const tuneFirstSeries: ChartSeries<NoiseTuneFirst>[] = [
  { key: 'awake', label: 'Noisy interruptions, awake', color: bucketColors.late, value: (r) => r.noisyInterruptions - r.noisySleepingInterruptions },
  { key: 'asleep', label: 'Noisy interruptions, asleep', color: bucketColors.sleeping, value: (r) => r.noisySleepingInterruptions },
];

/** Services with a readiness gap: uncovered first, then single points of knowledge, by name. */
export function readinessGaps(services: readonly ServiceCoverage[]): ServiceCoverage[] {
  const rank = { uncovered: 0, single: 1, covered: 2 } as const;
  return services
    .filter((s) => s.status !== 'covered')
    .sort((a, b) => rank[a.status] - rank[b.status] || a.name.localeCompare(b.name, 'en'));
}
