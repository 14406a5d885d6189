import type { OncallFlag, OncallInterruption, OncallResponse, OncallShift } from '@firewatch/shared';
import { useEffect, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { bucketColors } from '../../components/charts/bucket-colors';
import { ChartCard, type ChartStatus } from '../../components/charts/chart-card';
import { saveCsv } from '../../components/charts/csv';
import type { TableColumn } from '../../components/charts/data-table';
import { formatCount, formatHours } from '../../components/charts/format';
import { measureColors } from '../../components/charts/measure-colors';
import { RankingChart } from '../../components/charts/ranking-chart';
import { drawnNote, listedNote, RANKING_ROWS } from '../../components/charts/ranking-rows';
import type { ChartSeries } from '../../components/charts/series';
import { HeadlineFigures, type HeadlineFigure } from '../../components/headline-figures';
import { PageHeader } from '../../components/page-header';
import { StaleFiguresBanner } from '../../components/stale-figures-banner';
import { fetchOncallRespondersCsv, useOncallReportQuery } from '../../data/oncall/oncall-report-query';
import { FilterBar } from '../filters/filter-bar';
import { analyticsQuery, filterSearch, formatDateRange } from '../filters/filter-state';
import { RangeEmptyState } from '../filters/range-empty-state';
import { useFilters } from '../filters/use-filters';
import { incidentsPagePath } from '../incidents/incident-list-state';
import { responderPath } from '../responders/responder-view';
import './oncall.css';
import {
  flagLabels,
  hoursRows,
  nightsRows,
  ONCALL_DEFINITION,
  selectedResponder,
  teamSpreadRows,
  withSelectedResponder,
  type NightsRow,
  type OncallHoursRow,
  type TeamSpreadRow,
} from './oncall-view';

const hoursSeries: ChartSeries<OncallHoursRow>[] = [
  { key: 'working', label: 'In working hours', color: bucketColors.working, value: (r) => r.working },
  { key: 'late', label: 'Evenings, weekends, holidays', color: bucketColors.late, value: (r) => r.late },
  { key: 'sleeping', label: 'In sleeping hours', color: bucketColors.sleeping, value: (r) => r.sleeping },
];
const responderColumns: TableColumn<OncallHoursRow>[] = [
  { header: 'Responder', csvHeader: 'name', value: (r) => r.name },
  { header: 'Team', csvHeader: 'team', value: (r) => r.team?.name ?? '' },
  { header: 'On call (h)', csvHeader: 'on_call_hours', unit: 'hours', value: (r) => r.onCallHours },
  { header: 'Outside working hours (h)', csvHeader: 'outside_working_hours', unit: 'hours', value: (r) => r.outsideWorkingHours },
  { header: 'Interruptions on call', csvHeader: 'interruptions', unit: 'count', value: (r) => r.interruptions },
  { header: 'Per on-call hour', csvHeader: 'interruptions_per_on_call_hour', value: (r) => r.interruptionsPerOnCallHour ?? '—' },
  { header: 'Off call', csvHeader: 'off_call_interruptions', unit: 'count', value: (r) => r.offCallInterruptions },
  { header: 'Disrupted nights', csvHeader: 'disrupted_nights', unit: 'count', value: (r) => r.disruptedNights },
  { header: 'Incident hours on call', csvHeader: 'incident_hours_on_call', unit: 'hours', value: (r) => r.incidentHoursOnCall },
  { header: 'Incident hours off call', csvHeader: 'incident_hours_off_call', unit: 'hours', value: (r) => r.incidentHoursOffCall },
  { header: 'Longest streak (weeks)', csvHeader: 'longest_streak_weeks', unit: 'count', value: (r) => r.longestStreakWeeks },
  { header: 'Days since a night interrupted', csvHeader: 'days_since_last_night_interrupted', value: (r) => r.daysSinceLastNightInterrupted ?? '—' },
  { header: 'Flags', csvHeader: 'flags', value: (r) => r.flags.map((f) => flagLabels[f]).join('; ') },
];

const nightsSeries: ChartSeries<NightsRow>[] = [
  { key: 'disruptedNights', label: 'Disrupted nights', color: bucketColors.sleeping, value: (r) => r.disruptedNights },
  { key: 'teamMedianNights', label: 'Team median', color: '#999999', value: (r) => r.teamMedianNights ?? 0 },
];
const nightsColumns: TableColumn<NightsRow>[] = [
  { header: 'Responder', csvHeader: 'name', value: (r) => r.name },
  { header: 'Team', csvHeader: 'team', value: (r) => r.team?.name ?? '' },
  { header: 'Disrupted nights', csvHeader: 'disrupted_nights', unit: 'count', value: (r) => r.disruptedNights },
  { header: 'Team median', csvHeader: 'team_median_nights', value: (r) => r.teamMedianNights ?? '—' },
  { header: 'Sleeping interruptions', csvHeader: 'sleeping_interruptions', unit: 'count', value: (r) => r.sleepingInterruptions },
  { header: 'Last night interrupted', csvHeader: 'last_night_interrupted', value: (r) => r.lastNightInterrupted ?? '' },
];

const teamSeries: ChartSeries<TeamSpreadRow>[] = [
  { key: 'hoursShare', label: 'On-call hours', color: measureColors.workloadHours, value: (r) => r.hoursShare },
  { key: 'interruptionsShare', label: 'Interruptions', color: measureColors.pages, value: (r) => r.interruptionsShare },
  { key: 'nightsShare', label: 'Disrupted nights', color: bucketColors.sleeping, value: (r) => r.nightsShare },
];
const teamColumns: TableColumn<TeamSpreadRow>[] = [
  { header: 'Team', csvHeader: 'team', value: (r) => r.name },
  { header: 'Members on call', csvHeader: 'members', unit: 'count', value: (r) => r.members },
  { header: 'Busiest members', csvHeader: 'busiest_members', unit: 'count', value: (r) => r.busiestMembers },
  { header: 'Hours: busiest share', csvHeader: 'hours_busiest_share', unit: 'percent', value: (r) => r.onCallHours.busiestShare },
  { header: 'Hours: max ÷ median', csvHeader: 'hours_max_to_median', value: (r) => r.onCallHours.maxToMedian ?? '—' },
  { header: 'Interruptions: busiest share', csvHeader: 'interruptions_busiest_share', unit: 'percent', value: (r) => r.interruptions.busiestShare },
  { header: 'Interruptions: max ÷ median', csvHeader: 'interruptions_max_to_median', value: (r) => r.interruptions.maxToMedian ?? '—' },
  { header: 'Nights: busiest share', csvHeader: 'nights_busiest_share', unit: 'percent', value: (r) => r.disruptedNights.busiestShare },
  { header: 'Nights: max ÷ median', csvHeader: 'nights_max_to_median', value: (r) => r.disruptedNights.maxToMedian ?? '—' },
  { header: 'Most loaded', csvHeader: 'most_loaded', value: (r) => (r.mostLoaded ? `${r.mostLoaded.name} (${r.mostLoaded.loadRatio ?? '—'} × median hours)` : '') },
  { header: 'Flagged members', csvHeader: 'flagged', unit: 'count', value: (r) => r.flagged },
];

const flagColumns: TableColumn<OncallFlag>[] = [
  { header: 'Responder', csvHeader: 'name', value: (f) => f.responder.name },
  { header: 'Team', csvHeader: 'team', value: (f) => f.team?.name ?? '' },
  { header: 'Rule', csvHeader: 'rule', value: (f) => flagLabels[f.rule] },
  { header: 'Value', csvHeader: 'value', value: (f) => f.value },
  { header: 'Team median', csvHeader: 'team_median', value: (f) => f.teamMedian ?? '—' },
  { header: 'Limit', csvHeader: 'threshold', value: (f) => f.threshold },
];

const shiftColumns: TableColumn<OncallShift>[] = [
  { header: 'Start (UTC)', csvHeader: 'start', value: (s) => s.start.slice(0, 16).replace('T', ' ') },
  { header: 'End (UTC)', csvHeader: 'end', value: (s) => s.end.slice(0, 16).replace('T', ' ') },
  { header: 'Rotation', csvHeader: 'rotation', value: (s) => s.rotation },
  { header: 'Level', csvHeader: 'level', unit: 'count', value: (s) => s.level },
  { header: 'In range (h)', csvHeader: 'hours_in_range', unit: 'hours', value: (s) => s.hoursInRange },
  { header: 'Interruptions', csvHeader: 'interruptions', unit: 'count', value: (s) => s.interruptions },
];
const interruptionColumns: TableColumn<OncallInterruption>[] = [
  { header: 'At (UTC)', csvHeader: 'at', value: (i) => i.at.slice(0, 16).replace('T', ' ') },
  { header: 'Rule', csvHeader: 'rule', value: (i) => i.rule },
  { header: 'Alert', csvHeader: 'alert', value: (i) => i.alert },
  { header: 'Incident', csvHeader: 'incident', value: (i) => i.incident ?? '' },
  { header: 'Time of day', csvHeader: 'bucket', value: (i) => i.bucket },
  { header: 'On call', csvHeader: 'on_call', value: (i) => (i.onCall ? 'yes' : 'no') },
];

// From the report's totals: `responders` may list only some of them (ONCALL_RESPONDERS_LISTED).
function headlineFigures(report: OncallResponse): HeadlineFigure[] {
  const { totals } = report;
  return [
    { label: 'Responders on call', value: formatCount(totals.onCallResponders), note: `in ${formatCount(report.teams.length)} teams` },
    { label: 'Hours on call', value: formatHours(totals.onCallHours) },
    { label: 'Disrupted nights', value: formatCount(totals.disruptedNights), color: bucketColors.sleeping },
    { label: 'Responders flagged', value: formatCount(totals.flaggedResponders), note: `${formatCount(report.flags.length)} flags` },
  ];
}

export default function OncallPage() {
  const { filters, range } = useFilters();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const query = useMemo(() => analyticsQuery(filters, range), [filters, range]);
  const report = useOncallReportQuery(query);
  const data = report.data;
  const status: ChartStatus = data ? 'success' : report.isError ? 'error' : 'pending';
  const common = { status, error: report.error, onRetry: () => void report.refetch() };
  const fileRange = `${range.from}_${range.to}`;
  const nothing = data !== undefined && data.responders.length === 0 && !report.isPlaceholderData;
  // The API lists the flagged and the most on call by default; the responders CSV (from the API) has all.
  const cut = data !== undefined && data.respondersTotal > data.responders.length;
  const cutNote = (csv?: string) => (data ? listedNote(data.responders.length, data.respondersTotal, 'responders', csv) : '');
  const drawn = (rows: number, which: string, tableCsv: string) => drawnNote(rows, RANKING_ROWS, which, cut ? tableCsv : undefined);

  const hours = useMemo(() => (data ? hoursRows(data) : []), [data]);
  const nights = useMemo(() => (data ? nightsRows(data) : []), [data]);
  const teams = useMemo(() => (data ? teamSpreadRows(data) : []), [data]);

  const selected = selectedResponder(params, data);
  const detailQuery = useOncallReportQuery({ ...query, responder: selected?.externalId });
  const detail = (selected ? detailQuery.data?.detail : undefined) ?? undefined;
  const detailStatus: ChartStatus = detail ? 'success' : detailQuery.isError ? 'error' : 'pending';
  const selectedId = selected?.externalId;
  useEffect(() => {
    // A responder opened from a bar: bring their shifts into view (keyboard users land there too).
    if (selectedId) document.getElementById('oncall-detail')?.focus();
  }, [selectedId]);

  /** A responder's bar → their shifts and interruptions on this page. */
  const responderDrill = (r: { externalId: string }) => `/oncall?${withSelectedResponder(params, r.externalId).toString()}`;
  /** A team's bar → this page for the team alone. */
  const teamPath = (t: TeamSpreadRow) => `/oncall${filterSearch({ ...filters, team: t.externalId })}`;
  const flagPath = (f: OncallFlag) => responderDrill(f.responder);
  /** The incidents a responder worked on in the range (the incident list's responder filter). */
  const incidentsOf = (externalId: string) => incidentsPagePath({ ...filters, date: { preset: 'custom', ...range } }, { responder: externalId });
  const interruptionPath = (i: OncallInterruption) => (i.incident ? `/incidents/${encodeURIComponent(i.incident)}` : incidentsOf(selected!.externalId));

  return (
    <>
      <PageHeader title="On-call" question="Is on-call fair, and is anyone burning out?" />
      <FilterBar />
      <StaleFiguresBanner query={report} />
      {nothing ? (
        <RangeEmptyState records="shifts, pages or incident work" />
      ) : (
        <div className="chart-grid" aria-busy={report.isFetching} data-updating={report.isPlaceholderData}>
          {data && (
            <section className="panel chart-grid-wide" aria-label="Headline figures">
              <HeadlineFigures label="On-call health in the selected range" figures={headlineFigures(data)} />
            </section>
          )}

          <ChartCard
            {...common}
            className="chart-grid-wide"
            title="Health flags (responders)"
            description={
              data
                ? `Judged against each team’s median: disrupted nights or interruptions per on-call hour above ${data.thresholds.medianFactor} × the median (with at least ${data.thresholds.minDisruptedNights} nights / ${data.thresholds.minInterruptions} interruptions), or on call more than ${data.thresholds.maxConsecutiveWeeks} weeks in a row. Thresholds are in Settings. Click a row for the responder’s shifts and pages.`
                : undefined
            }
            definition={ONCALL_DEFINITION}
            rows={data?.flags ?? []}
            columns={flagColumns}
            rowKey={(f) => `${f.responder.externalId}/${f.rule}`}
            rowLink={flagPath}
            csvFilename={`oncall-flags_${fileRange}.csv`}
            empty={(data?.flags.length ?? 0) === 0}
            emptyText={`No responder met a health flag rule ${formatDateRange(range)}.`}
          />

          {selected && (
            <section className="panel chart-grid-wide oncall-detail" id="oncall-detail" tabIndex={-1} aria-label={`Shifts and pages of ${selected.name}`}>
              <header className="oncall-detail-head">
                <h2>
                  {selected.name}: {formatHours(selected.onCallHours)} on call, {formatCount(selected.interruptions)} interruptions on call, {formatCount(selected.disruptedNights)} disrupted nights
                </h2>
                <div className="oncall-detail-links">
                  <Link to={incidentsOf(selected.externalId)}>Incidents they worked on</Link>
                  <Link to={responderPath(selected.externalId, filters.date)}>Responder page</Link>
                  <button type="button" className="link-button" onClick={() => setParams((current) => withSelectedResponder(current, null))}>
                    Close
                  </button>
                </div>
              </header>
              <ChartCard
                status={detailStatus}
                error={detailQuery.error}
                onRetry={() => void detailQuery.refetch()}
                title={`Shifts of ${selected.name} (hours)`}
                description="Shifts overlapping the range as stored; the hours inside the range and the interruptions opened during each."
                definition={ONCALL_DEFINITION}
                rows={detail?.shifts ?? []}
                columns={shiftColumns}
                rowKey={(s) => s.externalId}
                csvFilename={`oncall-shifts_${selected.externalId}_${fileRange}.csv`}
                empty={detail !== undefined && detail.shifts.length === 0}
                emptyText="No shift in this range: paged or pulled in without being on call."
              />
              <ChartCard
                status={detailStatus}
                error={detailQuery.error}
                onRetry={() => void detailQuery.refetch()}
                title={`Interruptions of ${selected.name} (pages)`}
                description="The page that opened each interruption, in the responder’s own time of day; click for its incident."
                definition={ONCALL_DEFINITION}
                rows={detail?.interruptions ?? []}
                columns={interruptionColumns}
                rowKey={(i) => `${i.at}/${i.alert}`}
                rowLink={interruptionPath}
                csvFilename={`oncall-interruptions_${selected.externalId}_${fileRange}.csv`}
                empty={detail !== undefined && detail.interruptions.length === 0}
                emptyText="No interruption in this range."
              />
            </section>
          )}

          <ChartCard
            {...common}
            className="chart-grid-wide"
            title="Hours on call per responder, by time of day (hours)"
            description={
              data
                ? `Time of day in each responder’s own zone; overlapping shifts count once.${drawn(hours.length, 'responders with the most hours', 'the table lists them')}${cutNote()} Click a bar for their shifts and pages.`
                : undefined
            }
            definition={ONCALL_DEFINITION}
            rows={hours}
            columns={responderColumns}
            rowKey={(r) => r.externalId}
            rowLink={responderDrill}
            csvFilename={`oncall-responders_${fileRange}.csv`}
            downloadCsv={async () => {
              const file = await fetchOncallRespondersCsv(query);
              saveCsv(file.csv, file.filename);
            }}
            empty={hours.length === 0}
            emptyText={`Nobody was on call ${formatDateRange(range)}.`}
          >
            <RankingChart
              rows={hours.slice(0, RANKING_ROWS)}
              category={(r) => r.name}
              series={hoursSeries}
              unit="hours"
              onSelect={(r) => navigate(responderDrill(r))}
              selectHint="Click for the responder’s shifts and pages"
            />
          </ChartCard>

          <ChartCard
            {...common}
            title="Disrupted nights per responder against the team median (nights)"
            description={`A night with at least one interruption in sleeping hours, on or off call.${drawn(nights.length, 'responders with the most disrupted nights', 'the table and its CSV list them')}${cutNote('the CSV of hours on call per responder')} Click a bar for their pages.`}
            definition={ONCALL_DEFINITION}
            rows={nights}
            columns={nightsColumns}
            rowKey={(r) => r.externalId}
            rowLink={responderDrill}
            csvFilename={`oncall-nights_${fileRange}.csv`}
            empty={nights.length === 0}
            emptyText={`Nobody was woken up ${formatDateRange(range)}.`}
          >
            <RankingChart
              rows={nights.slice(0, RANKING_ROWS)}
              category={(r) => r.name}
              series={nightsSeries}
              unit="count"
              grouped
              onSelect={(r) => navigate(responderDrill(r))}
              selectHint="Click for the responder’s shifts and pages"
            />
          </ChartCard>

          <ChartCard
            {...common}
            title="Share carried by each team’s busiest 20% of members (% of the team’s total)"
            description="Over the members with on-call time: what the busiest ceil(20%) carry of the team’s on-call hours, interruptions and disrupted nights. An even team of 10 sits near 20%. Click a team to see it alone."
            definition={ONCALL_DEFINITION}
            rows={teams}
            columns={teamColumns}
            rowKey={(t) => t.externalId ?? ''}
            rowLink={teamPath}
            csvFilename={`oncall-teams_${fileRange}.csv`}
            empty={teams.length === 0}
            emptyText={`No team had anyone on call ${formatDateRange(range)}.`}
          >
            <RankingChart
              rows={teams}
              category={(t) => t.name}
              series={teamSeries}
              unit="percent"
              grouped
              onSelect={(t) => navigate(teamPath(t))}
              selectHint="Click to see this team alone"
            />
          </ChartCard>
        </div>
      )}
    </>
  );
}
