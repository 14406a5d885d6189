import type { NoiseResponder, NoiseResponse } from '@firewatch/shared';
import { useEffect, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { alertClassColors, noiseColor } from '../../components/charts/alert-class-colors';
import { bucketColors } from '../../components/charts/bucket-colors';
import { ChartCard, type ChartStatus } from '../../components/charts/chart-card';
import { saveCsv } from '../../components/charts/csv';
import type { TableColumn } from '../../components/charts/data-table';
import { formatCount, formatRatio } from '../../components/charts/format';
import { measureColors } from '../../components/charts/measure-colors';
import { RankingChart } from '../../components/charts/ranking-chart';
import { RANKING_ROWS } from '../../components/charts/ranking-rows';
import type { ChartSeries } from '../../components/charts/series';
import { StackedBarChart } from '../../components/charts/stacked-bar-chart';
import { HeadlineFigures, type HeadlineFigure } from '../../components/headline-figures';
import { PageHeader } from '../../components/page-header';
import { fetchNoiseRulesCsv, useNoiseReportQuery } from '../../data/noise/noise-report-query';
import { StaleFiguresBanner } from '../../components/stale-figures-banner';
import { FilterBar } from '../filters/filter-bar';
import { analyticsQuery, formatDateRange, type FilterState } from '../filters/filter-state';
import { RangeEmptyState } from '../filters/range-empty-state';
import { useFilters } from '../filters/use-filters';
import { incidentsPagePath } from '../incidents/incident-list-state';
import { responderPath } from '../responders/responder-view';
import { weekDrillRange, weekLabel, weekTick } from '../workload/workload-view';
import '../workload/workload.css';
import { RulePanel } from './rule-panel';
import './noise.css';
import {
  classColumns,
  classSeries,
  escalationReasonRows,
  interruptionSplit,
  NOISE_DEFINITION,
  noiseWeekRows,
  ruleLabeler,
  selectedRule,
  withSelectedRule,
  tuneFirstRows,
  type EscalationReasonRow,
  type NoiseWeekRow,
  type TuneFirstRow,
} from './noise-view';

const ruleClassSeries = classSeries<TuneFirstRow>();

const tuneFirstColumns: TableColumn<TuneFirstRow>[] = [
  { header: 'Rule', csvHeader: 'rule', value: (r) => r.rule },
  { header: 'Source', csvHeader: 'source', value: (r) => r.source },
  { header: 'Score', csvHeader: 'score', unit: 'count', value: (r) => r.score },
  { header: 'Noisy interruptions', csvHeader: 'noisy_interruptions', unit: 'count', value: (r) => r.noisyInterruptions },
  { header: 'Of those sleeping', csvHeader: 'noisy_sleeping_interruptions', unit: 'count', value: (r) => r.noisySleepingInterruptions },
  { header: 'Noise ratio', csvHeader: 'noise_ratio', unit: 'percent', value: (r) => r.noiseRatio },
  { header: 'Escalated alerts', csvHeader: 'escalated', unit: 'count', value: (r) => r.escalated },
  ...classColumns<TuneFirstRow>(),
  { header: 'Flaps', csvHeader: 'flaps', unit: 'count', value: (r) => r.flaps },
  { header: 'Median TTA (min)', csvHeader: 'tta_median_minutes', unit: 'minutes', value: (r) => r.ttaMedianMinutes },
];

type ResponderRow = NoiseResponder & ReturnType<typeof interruptionSplit>;
const responderSeries: ChartSeries<ResponderRow>[] = [
  { key: 'sleeping', label: 'In sleeping hours', color: bucketColors.sleeping, value: (r) => r.sleeping },
  { key: 'awake', label: 'Working or late hours', color: bucketColors.working, value: (r) => r.awake },
];
const responderColumns: TableColumn<ResponderRow>[] = [
  { header: 'Responder', csvHeader: 'name', value: (r) => r.name },
  { header: 'Id', csvHeader: 'external_id', value: (r) => r.externalId },
  { header: 'Interruptions', csvHeader: 'interruptions', unit: 'count', value: (r) => r.interruptions },
  { header: 'In sleeping hours', csvHeader: 'sleeping_interruptions', unit: 'count', value: (r) => r.sleepingInterruptions },
  { header: 'Disrupted nights', csvHeader: 'disrupted_nights', unit: 'count', value: (r) => r.disruptedNights },
  { header: 'Disrupted hours', csvHeader: 'disrupted_hours', unit: 'count', value: (r) => r.disruptedHours },
  { header: 'Pages', csvHeader: 'pages', unit: 'count', value: (r) => r.pages },
];

const reasonSeries: ChartSeries<EscalationReasonRow>[] = [
  { key: 'alertsRatio', label: 'Share of escalated alerts', color: '#0072B2', value: (r) => r.alertsRatio ?? 0 },
  { key: 'incidentsRatio', label: 'Share of incidents', color: measureColors.incidents, value: (r) => r.incidentsRatio ?? 0 },
];
const reasonColumns: TableColumn<EscalationReasonRow>[] = [
  { header: 'Reason of the first level ≥ 2 page', csvHeader: 'reason', value: (r) => r.reason },
  { header: 'Alerts', csvHeader: 'alerts', unit: 'count', value: (r) => r.alerts },
  { header: 'Share of escalated alerts', csvHeader: 'alerts_ratio', unit: 'percent', value: (r) => r.alertsRatio },
  { header: 'Incidents', csvHeader: 'incidents', unit: 'count', value: (r) => r.incidents },
  { header: 'Share of incidents', csvHeader: 'incidents_ratio', unit: 'percent', value: (r) => r.incidentsRatio },
];

const weekSeries: ChartSeries<NoiseWeekRow>[] = [
  { key: 'actionable', label: 'Actionable', color: alertClassColors.actionable, value: (w) => w.actionable },
  { key: 'noise', label: 'Noise (not actionable)', color: noiseColor, value: (w) => w.noise },
];
const weekColumns: TableColumn<NoiseWeekRow>[] = [
  { header: 'Week (Monday)', csvHeader: 'week', value: (w) => w.week },
  { header: 'Escalated alerts', csvHeader: 'escalated', unit: 'count', value: (w) => w.escalated },
  { header: 'Actionable', csvHeader: 'actionable', unit: 'count', value: (w) => w.actionable },
  { header: 'Actionable ratio', csvHeader: 'actionable_ratio', unit: 'percent', value: (w) => w.actionableRatio },
];

function headlineFigures(report: NoiseResponse): HeadlineFigure[] {
  const t = report.totals;
  return [
    { label: 'Escalated alerts', value: formatCount(t.escalated), note: `of ${formatCount(t.fired)} fired` },
    { label: 'Actionable ratio', value: t.actionableRatio === null ? '—' : formatRatio(t.actionableRatio), color: alertClassColors.actionable },
    { label: 'Interruptions', value: formatCount(t.interruptions), note: 'phone, sms, push' },
    { label: 'In sleeping hours', value: formatCount(t.sleepingInterruptions), color: bucketColors.sleeping },
    { label: 'Reached level 2', value: report.escalation.alertsReachingLevel2Ratio === null ? '—' : formatRatio(report.escalation.alertsReachingLevel2Ratio), note: 'of escalated alerts' },
  ];
}

export default function NoisePage() {
  const { filters, range } = useFilters();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const query = useMemo(() => analyticsQuery(filters, range), [filters, range]);
  const report = useNoiseReportQuery(query);
  const data = report.data;
  const status: ChartStatus = data ? 'success' : report.isError ? 'error' : 'pending';
  const common = { status, error: report.error, onRetry: () => void report.refetch() };
  const fileRange = `${range.from}_${range.to}`;
  const noAlerts = data !== undefined && data.totals.fired === 0 && !report.isPlaceholderData;

  const tuneFirst = useMemo(() => (data ? tuneFirstRows(data) : []), [data]);
  const responders = useMemo(() => (data?.responders ?? []).map((r) => ({ ...r, ...interruptionSplit(r) })), [data]);
  const reasons = useMemo(() => (data ? escalationReasonRows(data.escalation) : []), [data]);
  const weeks = useMemo(() => noiseWeekRows(data?.weekly ?? []), [data]);

  const incidentsPath = (state: FilterState) => incidentsPagePath(state);
  /** A week's bar → the incidents declared in that week (its days inside the range), same filters. */
  const weekIncidentsPath = (week: NoiseWeekRow) => incidentsPath({ ...filters, date: { preset: 'custom', ...weekDrillRange(week.week, range) } });
  /** The incidents of the same filters and range (alerts have no list page; the incidents they were linked to do). */
  const ruleIncidentsPath = () => incidentsPath({ ...filters, date: { preset: 'custom', ...range } });
  /** A reason → the incidents that reached level 2 for it (their first level ≥ 2 page), same filters and range. */
  const reasonIncidentsPath = (r: EscalationReasonRow) => incidentsPagePath({ ...filters, date: { preset: 'custom', ...range } }, { escalationReason: r.reason });
  /** A rule → its panel on this page: its figures, and feedback on its alerts. */
  const rulePath = (rule: { source: string; rule: string }) => `/noise?${withSelectedRule(params, rule).toString()}`;
  const openRule = selectedRule(params, data?.rules ?? []);
  const openRuleKey = openRule ? `${openRule.source}/${openRule.rule}` : null;
  useEffect(() => {
    // A rule opened from its bar: bring its panel into view and give it the focus (keyboard users land there too).
    if (openRuleKey) document.getElementById('rule-panel')?.focus();
  }, [openRuleKey]);
  const responderLink = (r: { externalId: string }) => responderPath(r.externalId, filters.date);

  return (
    <>
      <PageHeader title="Pager noise" question="How noisy is the pager: which alert rules page people for nothing, and who gets woken up?" />
      <FilterBar />
      <StaleFiguresBanner query={report} />
      {noAlerts ? (
        <RangeEmptyState records="alerts or pages" />
      ) : (
        <div className="chart-grid" aria-busy={report.isFetching} data-updating={report.isPlaceholderData}>
          {data && (
            <section className="panel chart-grid-wide" aria-label="Headline figures">
              <HeadlineFigures label="Pager noise in the selected range" figures={headlineFigures(data)} />
            </section>
          )}

          <ChartCard
            {...common}
            className="chart-grid-wide"
            title="Rules to tune first: escalated alerts by class (alerts)"
            description={
              data
                ? `Ranked by noisy interruptions, a sleeping one weighing 3; each bar splits the rule’s escalated alerts by class. Click a bar for the rule’s figures. The CSV has every rule of the range (${formatCount(data.rules.length)}).`
                : undefined
            }
            definition={NOISE_DEFINITION}
            rows={tuneFirst}
            columns={tuneFirstColumns}
            rowKey={(r) => `${r.source}/${r.rule}`}
            rowLink={rulePath}
            csvFilename={`noise-rules_${fileRange}.csv`}
            downloadCsv={async () => {
              const file = await fetchNoiseRulesCsv(query);
              saveCsv(file.csv, file.filename);
            }}
            empty={tuneFirst.length === 0}
            emptyText={`No alert rule interrupted anyone with noise ${formatDateRange(range)}.`}
          >
            <RankingChart
              rows={tuneFirst}
              category={ruleLabeler(data?.rules ?? [])}
              series={ruleClassSeries}
              unit="count"
              labelWidth={240}
              onSelect={(rule) => navigate(rulePath(rule))}
              selectHint="Click for the rule’s figures and to mark its alerts"
            />
          </ChartCard>

          {openRule && (
            <RulePanel
              rule={openRule}
              range={range}
              incidentsPath={ruleIncidentsPath()}
              onClose={() => setParams((current) => withSelectedRule(current, null))}
            />
          )}

          <ChartCard
            {...common}
            title="Interruptions per responder (interruptions)"
            description={
              data && data.responders.length > RANKING_ROWS
                ? `The ${RANKING_ROWS} most woken-up responders of ${formatCount(data.responders.length)}; the table and CSV list all, with disrupted nights. Click a bar for the responder.`
                : 'Sleeping hours in each responder’s own time zone; the table adds disrupted nights. Click a bar for the responder.'
            }
            definition={NOISE_DEFINITION}
            rows={responders}
            columns={responderColumns}
            rowKey={(r) => r.externalId}
            rowLink={responderLink}
            csvFilename={`noise-responders_${fileRange}.csv`}
            empty={responders.length === 0}
            emptyText="No responder was paged by the matching alerts in this range."
          >
            <RankingChart
              rows={responders.slice(0, RANKING_ROWS)}
              category={(r) => r.name}
              series={responderSeries}
              unit="count"
              onSelect={(r) => navigate(responderLink(r))}
              selectHint="Click to open the responder"
            />
          </ChartCard>

          <ChartCard
            {...common}
            title="Escalation depth: alerts and incidents reaching level 2, by reason (% of escalated alerts, % of incidents)"
            description={
              data
                ? `${formatRatio(data.escalation.alertsReachingLevel2Ratio ?? 0)} of ${formatCount(data.escalation.escalatedAlerts)} escalated alerts and ${formatRatio(
                    data.escalation.incidentsReachingLevel2Ratio ?? 0,
                  )} of ${formatCount(data.escalation.incidents)} incidents needed a second level. Click a reason for its incidents (declared in the range; an incident declared outside it with an alert fired inside counts here but is not listed).`
                : undefined
            }
            definition={NOISE_DEFINITION}
            rows={reasons}
            columns={reasonColumns}
            rowKey={(r) => r.reason}
            rowLink={reasonIncidentsPath}
            csvFilename={`noise-escalation_${fileRange}.csv`}
            empty={!data || data.escalation.alertsReachingLevel2 === 0}
            emptyText="No escalated alert reached level 2 in this range."
          >
            <RankingChart
              rows={reasons}
              category={(r) => r.label}
              series={reasonSeries}
              unit="percent"
              labelWidth={220}
              grouped
              onSelect={(r) => navigate(reasonIncidentsPath(r))}
              selectHint="Click for the incidents that reached level 2 for this reason"
            />
          </ChartCard>

          <ChartCard
            {...common}
            className="chart-grid-wide"
            title="Escalated alerts per week, actionable vs noise (alerts)"
            description={
              data
                ? `Weeks start on Monday in ${data.timezone}; the tooltip and table give the actionable ratio. Overall ${
                    data.totals.actionableRatio === null ? '—' : formatRatio(data.totals.actionableRatio)
                  } actionable. Click a bar for the incidents declared that week.`
                : undefined
            }
            definition={NOISE_DEFINITION}
            rows={weeks}
            columns={weekColumns}
            rowKey={(w) => w.week}
            rowLink={weekIncidentsPath}
            csvFilename={`noise-weekly_${fileRange}.csv`}
            empty={weeks.every((w) => w.escalated === 0)}
            emptyText={`No alert escalated ${formatDateRange(range)}.`}
          >
            <StackedBarChart
              rows={weeks}
              category={(w) => w.week}
              series={weekSeries}
              unit="count"
              formatTick={weekTick}
              formatLabel={(week) => {
                const row = weeks.find((w) => w.week === week);
                const ratio = row?.actionableRatio;
                return `${weekLabel(week)} · ${ratio === null || ratio === undefined ? 'no escalations' : `${formatRatio(ratio)} actionable`}`;
              }}
              onSelect={(week) => navigate(weekIncidentsPath(week))}
              selectHint="Click to see the incidents declared this week"
            />
          </ChartCard>
        </div>
      )}
    </>
  );
}
