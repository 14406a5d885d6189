import type { WorkloadIncident, WorkloadResponder, WorkloadTeam } from '@firewatch/shared';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { bucketColors } from '../../components/charts/bucket-colors';
import { ChartCard, type ChartStatus } from '../../components/charts/chart-card';
import { saveCsv } from '../../components/charts/csv';
import type { TableColumn } from '../../components/charts/data-table';
import { metricDefinitions } from '../../components/charts/definition-link';
import { formatCount, formatCurrency, formatHours, formatRatio } from '../../components/charts/format';
import { RankingChart } from '../../components/charts/ranking-chart';
import { drawnNote, RANKING_ROWS } from '../../components/charts/ranking-rows';
import { FilterChips } from '../../components/filter-chips';
import { HeadlineFigures, type HeadlineFigure } from '../../components/headline-figures';
import { PageHeader } from '../../components/page-header';
import { fetchWorkloadRespondersCsv, useWorkloadReportQuery } from '../../data/workload/workload-report-query';
import { StaleFiguresBanner } from '../../components/stale-figures-banner';
import { FilterBar } from '../filters/filter-bar';
import { responderPath } from '../responders/responder-view';
import { analyticsQuery } from '../filters/filter-state';
import { RangeEmptyState } from '../filters/range-empty-state';
import { useFilters } from '../filters/use-filters';
import {
  bucketHourColumns,
  bucketHourSeries,
  RESPONDER_TEAM_PARAM,
  respondersOfTeam,
  teamKey,
  workloadHeadline,
  type WorkloadHeadline,
} from './workload-view';
import { WeeklyHoursCard } from './weekly-hours-card';
import './workload.css';

const responderSeries = bucketHourSeries<WorkloadResponder>();
const teamSeries = bucketHourSeries<WorkloadTeam>();
const incidentSeries = bucketHourSeries<WorkloadIncident>();

const responderColumns: TableColumn<WorkloadResponder>[] = [
  { header: 'Responder', csvHeader: 'name', value: (r) => r.name },
  { header: 'Team', csvHeader: 'team', value: (r) => r.team?.name ?? '—' },
  ...bucketHourColumns<WorkloadResponder>(),
  { header: 'Incidents', csvHeader: 'incidents', unit: 'count', value: (r) => r.incidents },
];
const teamColumns: TableColumn<WorkloadTeam>[] = [
  { header: 'Team', csvHeader: 'team', value: (t) => t.name },
  ...bucketHourColumns<WorkloadTeam>(),
  { header: 'Responders', csvHeader: 'responders', unit: 'count', value: (t) => t.responders },
];
const incidentColumns: TableColumn<WorkloadIncident>[] = [
  { header: 'Incident', csvHeader: 'title', value: (i) => i.title },
  { header: 'Id', csvHeader: 'external_id', value: (i) => i.externalId },
  { header: 'Severity', csvHeader: 'severity', value: (i) => `SEV${i.severity}` },
  ...bucketHourColumns<WorkloadIncident>(),
  { header: 'Responders', csvHeader: 'responders', unit: 'count', value: (i) => i.responders },
];

function headlineFigures(headline: WorkloadHeadline): HeadlineFigure[] {
  return [
    { label: 'Responder hours', value: formatHours(headline.hours) },
    { label: 'Sleeping hours', value: formatRatio(headline.sleepingShare), note: 'of the hours, 23:00–08:00 local', color: bucketColors.sleeping },
    { label: 'Late hours', value: formatRatio(headline.lateShare), note: 'evenings, weekends, holidays', color: bucketColors.late },
    { label: 'Responders with workload', value: formatCount(headline.responders) },
    ...(headline.costAmount !== null ? [{ label: 'Cost', value: formatCurrency(headline.costAmount), note: 'hours × hourly cost' }] : []),
    { label: 'Game-day hours', value: formatHours(headline.gameDayHours), note: 'not included above' },
  ];
}

export default function WorkloadPage() {
  const { filters, range } = useFilters();
  const navigate = useNavigate();
  const query = useMemo(() => analyticsQuery(filters, range), [filters, range]);
  const report = useWorkloadReportQuery(query);
  const data = report.data;
  const status: ChartStatus = data ? 'success' : report.isError ? 'error' : 'pending';
  const common = { status, error: report.error, onRetry: () => void report.refetch() };
  const fileRange = `${range.from}_${range.to}`;
  // A team's bar narrows the responder chart to that team's responders (a parameter of this page).
  const [params, setParams] = useSearchParams();
  const responderTeam = params.get(RESPONDER_TEAM_PARAM);
  const teamName = responderTeam === null ? null : (data?.teams.find((t) => teamKey(t) === responderTeam)?.name ?? responderTeam);
  const responders = respondersOfTeam(data?.responders ?? [], responderTeam);
  const chooseTeam = (key: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (key === null) next.delete(RESPONDER_TEAM_PARAM);
      else next.set(RESPONDER_TEAM_PARAM, key);
      return next;
    });
  const teamPath = (team: WorkloadTeam) => {
    const next = new URLSearchParams(params);
    next.set(RESPONDER_TEAM_PARAM, teamKey(team));
    return `/workload?${next.toString()}`;
  };
  const noWorkload = data !== undefined && data.totals.minutes === 0 && data.gameDayMinutes === 0 && !report.isPlaceholderData;

  const incidentPath = (incident: WorkloadIncident) => `/incidents/${encodeURIComponent(incident.externalId)}`;

  return (
    <>
      <PageHeader
        title="Workload"
        question="How many responder hours did each incident cost, and whose hours were they: working, late or sleeping?"
      />
      <FilterBar />
      <StaleFiguresBanner query={report} />
      {noWorkload ? (
        <RangeEmptyState records="responder activity on incidents" />
      ) : (
        <div className="chart-grid" aria-busy={report.isFetching} data-updating={report.isPlaceholderData}>
          {data && (
            <section className="panel chart-grid-wide" aria-label="Headline figures">
              <HeadlineFigures label="Workload in the selected range" figures={headlineFigures(workloadHeadline(data))} />
            </section>
          )}

          <WeeklyHoursCard
            {...common}
            report={data}
            title="Responder hours per week (hours)"
            description={(timeZone) => `Weeks start on Monday in ${timeZone}; each bar splits the hours into working, late and sleeping. Click a bar for the incidents declared that week.`}
            definition={metricDefinitions.workload}
            csvFilename={`workload-weekly_${fileRange}.csv`}
          />

          <ChartCard
            {...common}
            title={`Who carries the load: hours per responder${teamName ? ` of ${teamName}` : ''} (hours)`}
            description={
              responders.length > RANKING_ROWS
                ? `The ${RANKING_ROWS} responders with the most hours of ${formatCount(responders.length)}; the table and CSV list all.`
                : 'Each responder’s hours on the matching incidents, split by time of day in their own time zone.'
            }
            definition={metricDefinitions.workload}
            rows={responders}
            columns={responderColumns}
            rowKey={(r) => r.externalId}
            rowLink={(r) => responderPath(r.externalId, filters.date)}
            csvFilename={`workload-responders_${fileRange}.csv`}
            downloadCsv={
              responderTeam === null
                ? async () => {
                    const file = await fetchWorkloadRespondersCsv(query);
                    saveCsv(file.csv, file.filename);
                  }
                : undefined
            }
            empty={!data || responders.length === 0}
            emptyText="No responder has workload on the matching incidents in this range."
            controls={
              <FilterChips
                label="Responder filter"
                chips={teamName === null ? [] : [{ key: 'team', label: `Team: ${teamName}`, onRemove: () => chooseTeam(null) }]}
              />
            }
          >
            <RankingChart rows={responders.slice(0, RANKING_ROWS)} category={(r) => r.name} series={responderSeries} unit="hours" onSelect={(r) => navigate(responderPath(r.externalId, filters.date))} selectHint="Click to open the responder" />
          </ChartCard>

          <ChartCard
            {...common}
            title="Hours per team of the responders (hours)"
            description={`A responder’s hours count for their own team, whichever team the incident belongs to.${drawnNote(data?.teams.length ?? 0, RANKING_ROWS, 'teams with the most hours')} Click a team for its responders.`}
            definition={metricDefinitions.workload}
            rows={data?.teams ?? []}
            columns={teamColumns}
            rowKey={teamKey}
            rowLink={teamPath}
            csvFilename={`workload-teams_${fileRange}.csv`}
            empty={!data || data.teams.length === 0}
            emptyText="No team has workload on the matching incidents in this range."
          >
            <RankingChart
              rows={(data?.teams ?? []).slice(0, RANKING_ROWS)}
              category={(t) => t.name}
              series={teamSeries}
              unit="hours"
              onSelect={(t) => chooseTeam(teamKey(t))}
              selectHint="Click to see this team’s responders"
            />
          </ChartCard>

          <ChartCard
            {...common}
            className="chart-grid-wide"
            title="Incidents that cost the most responder hours (hours)"
            description="Hours of all responders on each incident within the range. Click a bar to open the incident."
            definition={metricDefinitions.workload}
            rows={data?.topIncidents ?? []}
            columns={incidentColumns}
            rowKey={(i) => i.externalId}
            rowLink={(i) => incidentPath(i)}
            csvFilename={`workload-top-incidents_${fileRange}.csv`}
            empty={!data || data.topIncidents.length === 0}
            emptyText="No incident has responder workload in this range."
          >
            <RankingChart
              rows={data?.topIncidents ?? []}
              category={(i) => i.title}
              series={incidentSeries}
              unit="hours"
              labelWidth={230}
              onSelect={(incident) => navigate(incidentPath(incident))}
              selectHint="Click to open the incident"
            />
          </ChartCard>
        </div>
      )}
    </>
  );
}
