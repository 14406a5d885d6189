import type { ReadinessDay, ReadinessReport, ServiceCoverage } from '@firewatch/shared';
import { DateTime } from 'luxon';
import { Fragment, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { rememberLabels } from '../../components/charts/axis';
import { ChartCard, type ChartStatus } from '../../components/charts/chart-card';
import { saveCsv } from '../../components/charts/csv';
import type { TableColumn } from '../../components/charts/data-table';
import { formatCount, formatRatio } from '../../components/charts/format';
import { MarkedLineChart } from '../../components/charts/marked-line-chart';
import { RankingChart } from '../../components/charts/ranking-chart';
import { drawnNote, RANKING_ROWS } from '../../components/charts/ranking-rows';
import type { ChartSeries } from '../../components/charts/series';
import { StatusGrid } from '../../components/charts/status-grid';
import { HeadlineFigures, type HeadlineFigure } from '../../components/headline-figures';
import { PageHeader } from '../../components/page-header';
import { useTeamsQuery } from '../../data/meta/teams-query';
import { fetchReadinessSeriesCsv, useReadinessReportQuery } from '../../data/readiness/readiness-report-query';
import { StaleFiguresBanner } from '../../components/stale-figures-banner';
import { FilterBar } from '../filters/filter-bar';
import { analyticsQuery, filterSearch, formatDateRange, withFilters, type FilterState } from '../filters/filter-state';
import { RangeEmptyState } from '../filters/range-empty-state';
import { useFilters } from '../filters/use-filters';
import { responderPath } from '../responders/responder-view';
import '../workload/workload.css';
import { AsOfControl } from './as-of-control';
import {
  AS_OF_PARAM,
  coverageCounts,
  coverageStatuses,
  departureImpactRows,
  lapsingResponderRows,
  lapsingServiceRows,
  lastDay,
  markerLabels,
  peopleMarkers,
  READINESS_DEFINITION,
  readAsOf,
  namesOf,
  teamRows,
  teamsToDraw,
  teamSeriesFor,
  teamShareDays,
  TEAM_LINES_MAX,
  COVERAGE_TILES_MAX,
  type DepartureImpactRow,
  type LapsingResponderRow,
  type LapsingServiceRow,
  type TeamReadinessRow,
  type TeamShareDay,
} from './readiness-view';
import './readiness.css';

const READY_COLOR = '#0072B2'; // Okabe–Ito blue
const NOT_READY_COLOR = '#b8c2cc'; // neutral: active but not ready

const dayTick = rememberLabels((date) => DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLL'));
const dayLabel = rememberLabels((date) => DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLL yyyy'));
const ratioText = (ratio: number | null) => (ratio === null ? '—' : formatRatio(ratio));

const daySeries: ChartSeries<ReadinessDay>[] = [
  { key: 'ready', label: 'Ready responders', color: READY_COLOR, value: (d) => d.ready },
  { key: 'active', label: 'Active responders', color: '#5a6776', value: (d) => d.active },
];
// The API's own CSV of the series has the same columns (date,ready,active,readyRatio,hires,departures).
const dayColumns: TableColumn<ReadinessDay>[] = [
  { header: 'Day', csvHeader: 'date', value: (d) => d.date },
  { header: 'Ready', csvHeader: 'ready', unit: 'count', value: (d) => d.ready },
  { header: 'Active', csvHeader: 'active', unit: 'count', value: (d) => d.active },
  { header: 'Ready share', csvHeader: 'readyRatio', unit: 'percent', value: (d) => d.readyRatio },
  { header: 'Hires', csvHeader: 'hires', unit: 'count', value: (d) => d.hires },
  { header: 'Departures', csvHeader: 'departures', unit: 'count', value: (d) => d.departures },
];

const teamSeries: ChartSeries<TeamReadinessRow>[] = [
  { key: 'ready', label: 'Ready', color: READY_COLOR, value: (t) => t.ready },
  { key: 'notReady', label: 'Active, not ready', color: NOT_READY_COLOR, value: (t) => t.notReady },
];
const teamColumns: TableColumn<TeamReadinessRow>[] = [
  { header: 'Team', csvHeader: 'team', value: (t) => t.name },
  { header: 'Ready', csvHeader: 'ready', unit: 'count', value: (t) => t.ready },
  { header: 'Active', csvHeader: 'active', unit: 'count', value: (t) => t.active },
  { header: 'Ready share', csvHeader: 'ready_ratio', unit: 'percent', value: (t) => t.readyRatio },
];

const lapsingSeries: ChartSeries<LapsingResponderRow>[] = [
  { key: 'daysLeft', label: 'Days of readiness left', color: '#E69F00', value: (r) => r.daysLeft },
];
const lapsingColumns: TableColumn<LapsingResponderRow>[] = [
  { header: 'Responder', csvHeader: 'name', value: (r) => r.name },
  { header: 'Id', csvHeader: 'external_id', value: (r) => r.externalId },
  { header: 'Team', csvHeader: 'team', value: (r) => r.team },
  { header: 'Last experience', csvHeader: 'last_experience_on', value: (r) => r.lastExperienceOn },
  { header: 'No longer ready on', csvHeader: 'expires_on', value: (r) => r.expiresOn },
  { header: 'Days left', csvHeader: 'days_left', unit: 'count', value: (r) => r.daysLeft },
];

const lapsingServiceSeries: ChartSeries<LapsingServiceRow>[] = [
  { key: 'readyThen', label: 'Still ready in 14 days', color: READY_COLOR, value: (s) => s.readyThen },
  { key: 'lapsing', label: 'Lapsing within 14 days', color: '#E69F00', value: (s) => s.lapsing },
];
const lapsingServiceColumns: TableColumn<LapsingServiceRow>[] = [
  { header: 'Service', csvHeader: 'service', value: (s) => s.name },
  { header: 'Ready now', csvHeader: 'ready_now', unit: 'count', value: (s) => s.readyNow },
  { header: 'Ready in 14 days', csvHeader: 'ready_then', unit: 'count', value: (s) => s.readyThen },
  { header: 'Status then', csvHeader: 'status_then', value: (s) => s.statusThen },
  { header: 'Who is ready now', csvHeader: 'ready_now_responders', value: (s) => namesOf(s.readyResponders) },
];

const departureSeries: ChartSeries<DepartureImpactRow>[] = [
  { key: 'readyAfter', label: 'Ready after', color: READY_COLOR, value: (d) => d.readyAfter },
  { key: 'lost', label: 'Lost with the departure', color: '#CC79A7', value: (d) => d.lost },
];
const departureColumns: TableColumn<DepartureImpactRow>[] = [
  { header: 'Responder', csvHeader: 'name', value: (d) => d.responderName },
  { header: 'Left on', csvHeader: 'left_on', value: (d) => d.leftOn },
  { header: 'Service', csvHeader: 'service', value: (d) => d.serviceName },
  { header: 'Ready before', csvHeader: 'ready_before', unit: 'count', value: (d) => d.readyBefore },
  { header: 'Ready after', csvHeader: 'ready_after', unit: 'count', value: (d) => d.readyAfter },
];

function headlineFigures(report: ReadinessReport): HeadlineFigure[] {
  const day = lastDay(report.series);
  const counts = coverageCounts(report);
  return [
    { label: `Ready on ${day ? dayLabel(day.date) : '—'}`, value: formatCount(day?.ready ?? 0), note: `of ${formatCount(day?.active ?? 0)} active (${ratioText(day?.readyRatio ?? null)})`, color: READY_COLOR },
    { label: 'Uncovered services', value: formatCount(counts.uncovered), note: `on ${dayLabel(report.asOf)}`, color: coverageStatuses[0]!.color },
    { label: 'Single point of knowledge', value: formatCount(counts.single), note: 'services', color: coverageStatuses[1]!.color },
    { label: 'Lapsing in 14 days', value: formatCount(report.lapsing.length), note: 'responders' },
    { label: 'Hires / departures', value: `${formatCount(report.hires.length)} / ${formatCount(report.departures.length)}`, note: 'in the range' },
  ];
}

export default function ReadinessPage() {
  const { filters, range } = useFilters();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const asOf = readAsOf(params);
  const teamList = useTeamsQuery();
  const teamDays = teamSeriesFor(filters.team, teamList.isError ? null : teamList.data?.items.length);
  const query = useMemo(() => ({ ...analyticsQuery(filters, range), asOf: asOf ?? undefined, teamSeries: teamDays }), [filters, range, asOf, teamDays]);
  const report = useReadinessReportQuery(query, teamDays !== undefined);
  const data = report.data;
  const status: ChartStatus = data ? 'success' : report.isError ? 'error' : 'pending';
  const common = { status, error: report.error, onRetry: () => void report.refetch() };
  const fileRange = `${range.from}_${range.to}`;
  const noResponders = data !== undefined && data.series.every((d) => d.active === 0) && data.services.length === 0 && !report.isPlaceholderData;

  const markers = useMemo(() => (data ? peopleMarkers(data) : []), [data]);
  const teams = useMemo(() => (data ? teamRows(data) : []), [data]);
  // With many teams the report holds each team's last day only (teamSeriesFor): no lines to draw.
  const drawsTeamLines = query.teamSeries === 'daily';
  const teamShares = useMemo(() => (data && drawsTeamLines ? teamShareDays(data) : { days: [], teams: [] }), [data, drawsTeamLines]);
  // A day when nobody in a team is active has no share: NaN leaves a gap in its line and reads "—".
  const teamShareSeries: ChartSeries<TeamShareDay>[] = teamShares.teams.map((t) => ({ key: t.key, label: t.name, color: t.color, value: (d) => d.shares[t.key] ?? Number.NaN }));
  const teamShareColumns: TableColumn<TeamShareDay>[] = [
    { header: 'Day', csvHeader: 'date', value: (d) => d.date },
    ...teamShares.teams.map((t): TableColumn<TeamShareDay> => ({ header: `${t.name} (%)`, csvHeader: `${t.key}_ready_ratio`, unit: 'percent', value: (d) => d.shares[t.key] ?? null })),
  ];
  const lapsing = useMemo(() => (data ? lapsingResponderRows(data) : []), [data]);
  const lapsingServices = useMemo(() => (data ? lapsingServiceRows(data) : []), [data]);
  const departures = useMemo(() => (data ? departureImpactRows(data) : []), [data]);
  const shownAsOf = data?.asOf;

  const responderLink = (externalId: string) => responderPath(externalId, filters.date, asOf);
  /** A service → its incidents in the range, same filters but that one service. */
  const serviceIncidentsPath = (service: { externalId: string }) =>
    `/incidents${filterSearch({ ...filters, date: { preset: 'custom', ...range }, services: [service.externalId] })}`;
  /** A team → this page narrowed to the team (its series, services and lapsing lists). */
  const teamPath = (team: TeamReadinessRow) => {
    const next: FilterState = { ...filters, team: team.externalId };
    return `/readiness?${withFilters(params, next).toString()}`;
  };
  /** A day of the series → the coverage grid and lapsing lists as of that day. */
  const chooseDay = (day: Pick<ReadinessDay, 'date'>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set(AS_OF_PARAM, day.date);
      return next;
    });

  const coverageColumns: TableColumn<ServiceCoverage>[] = [
    { header: 'Service', csvHeader: 'service', value: (s) => s.name },
    { header: 'Status', csvHeader: 'status', value: (s) => s.status },
    { header: 'Ready responders', csvHeader: 'ready', unit: 'count', value: (s) => s.ready },
    { header: 'Who', csvHeader: 'responders', value: (s) => namesOf(s.readyResponders) },
  ];

  return (
    <>
      <PageHeader
        title="Readiness"
        question="Who is ready: who has handled a major incident or a game day recently, for each service and over time?"
      />
      <FilterBar />
      <AsOfControl shownAsOf={shownAsOf} />
      <StaleFiguresBanner query={report} />
      {noResponders ? (
        <RangeEmptyState records="responders" />
      ) : (
        <div className="chart-grid" aria-busy={report.isFetching} data-updating={report.isPlaceholderData}>
          {data && (
            <section className="panel chart-grid-wide" aria-label="Headline figures">
              <HeadlineFigures label="Readiness" figures={headlineFigures(data)} />
            </section>
          )}

          <ChartCard
            {...common}
            className="chart-grid-wide"
            title="Ready responders per day, with hires and departures (responders)"
            description={
              data
                ? `Ready = a qualifying experience in the last ${data.rules.windowDays} days (SEV1–${data.rules.majorSeverity} incident or game day). Days in ${data.timezone}; the tooltip gives the share of active responders. Click a day to see coverage on that day.`
                : undefined
            }
            definition={READINESS_DEFINITION}
            rows={data?.series ?? []}
            columns={dayColumns}
            rowKey={(d) => d.date}
            csvFilename={`readiness_${fileRange}.csv`}
            downloadCsv={async () => {
              const file = await fetchReadinessSeriesCsv(query);
              saveCsv(file.csv, file.filename);
            }}
            empty={!data || data.series.every((d) => d.active === 0)}
            emptyText={`No responder was active ${formatDateRange(range)}.`}
          >
            <MarkedLineChart
              rows={data?.series ?? []}
              category={(d) => d.date}
              series={daySeries}
              unit="count"
              markers={markers}
              markerLabels={markerLabels}
              formatTick={dayTick}
              formatLabel={(date) => {
                const day = data?.series.find((d) => d.date === date);
                return `${dayLabel(date)} · ${ratioText(day?.readyRatio ?? null)} of active ready`;
              }}
              onSelect={chooseDay}
              selectHint="Click to see coverage on this day"
            />
          </ChartCard>

          <ChartCard
            {...common}
            className="chart-grid-wide"
            title="Ready share per team over time (% of the team’s active responders)"
            description="Each line is one team’s ready responders as a share of its active ones. Click a day to see coverage on that day."
            definition={READINESS_DEFINITION}
            rows={teamShares.days}
            columns={teamShareColumns}
            rowKey={(d) => d.date}
            csvFilename={`readiness-teams-daily_${fileRange}.csv`}
            empty={teamShares.teams.length === 0 || teams.every((t) => t.active === 0)}
            emptyText={
              drawsTeamLines
                ? 'No team has active responders in this range.'
                : `${formatCount(teams.length)} teams are more lines than one chart can tell apart (at most ${TEAM_LINES_MAX}). Choose a team in the filter bar to see its daily ready share; every team’s figures for the last day are in the chart below.`
            }
          >
            <MarkedLineChart
              rows={teamShares.days}
              category={(d) => d.date}
              series={teamShareSeries}
              unit="percent"
              yDomain={[0, 1]}
              formatTick={dayTick}
              formatLabel={dayLabel}
              onSelect={chooseDay}
              selectHint="Click to see coverage on this day"
            />
          </ChartCard>

          <ChartCard
            {...common}
            className="chart-grid-wide"
            title="Service coverage (ready responders per service)"
            description={
              data
                ? `On ${dayLabel(data.asOf)}: who could handle each service. A service opens its incidents; a name opens the responder.${drawnNote(data.services.length, COVERAGE_TILES_MAX, 'services with the fewest ready responders')}`
                : undefined
            }
            definition={READINESS_DEFINITION}
            rows={data?.services ?? []}
            columns={coverageColumns}
            rowKey={(s) => s.externalId}
            rowLink={serviceIncidentsPath}
            csvFilename={`readiness-coverage_${data?.asOf ?? 'today'}.csv`}
            empty={!data || data.services.length === 0}
            emptyText="No service is in scope for these filters."
          >
            <StatusGrid
              label="Service coverage"
              items={(data?.services ?? []).slice(0, COVERAGE_TILES_MAX)}
              statuses={coverageStatuses}
              status={(s) => s.status}
              itemKey={(s) => s.externalId}
              title={(s) => s.name}
              link={serviceIncidentsPath}
              detail={(s) =>
                s.readyResponders.length === 0 ? (
                  'Nobody ready'
                ) : (
                  <span className="coverage-who">
                    {`${formatCount(s.ready)} ready: `}
                    {s.readyResponders.map((r, index) => (
                      <Fragment key={r.externalId}>
                        {index > 0 && ', '}
                        <Link to={responderLink(r.externalId)}>{r.name}</Link>
                      </Fragment>
                    ))}
                  </span>
                )
              }
            />
          </ChartCard>

          <ChartCard
            {...common}
            title={`Ready responders per team on ${data ? dayLabel(lastDay(data.series)?.date ?? data.range.from) : 'the last day'} (responders)`}
            description={`A responder counts for their own team.${drawnNote(teams.length, RANKING_ROWS, 'teams with the lowest ready share')} Click a team to narrow the page to it.`}
            definition={READINESS_DEFINITION}
            rows={teams}
            columns={teamColumns}
            rowKey={(t) => t.externalId ?? 'no-team'}
            rowLink={teamPath}
            csvFilename={`readiness-teams_${fileRange}.csv`}
            empty={teams.every((t) => t.active === 0)}
            emptyText="No team has active responders on the range’s last day."
          >
            <RankingChart rows={teamsToDraw(teams)} category={(t) => t.name} series={teamSeries} unit="count" onSelect={(t) => navigate(teamPath(t))} selectHint="Click to narrow the page to this team" />
          </ChartCard>

          <ChartCard
            {...common}
            title="Responders whose readiness lapses within 14 days (days left)"
            description={
              data
                ? `Ready on ${dayLabel(data.asOf)}, no longer ready by ${dayLabel(DateTime.fromISO(data.asOf, { zone: 'utc' }).plus({ days: 14 }).toISODate() ?? data.asOf)} unless they handle a major incident or a game day.${drawnNote(lapsing.length, RANKING_ROWS, 'soonest to lapse')} Click a bar for the responder.`
                : undefined
            }
            definition={READINESS_DEFINITION}
            rows={lapsing}
            columns={lapsingColumns}
            rowKey={(r) => r.externalId}
            rowLink={(r) => responderLink(r.externalId)}
            csvFilename={`readiness-lapsing_${data?.asOf ?? 'today'}.csv`}
            empty={lapsing.length === 0}
            emptyText="Nobody’s readiness lapses in the next 14 days."
          >
            <RankingChart rows={lapsing.slice(0, RANKING_ROWS)} category={(r) => r.name} series={lapsingSeries} unit="count" onSelect={(r) => navigate(responderLink(r.externalId))} selectHint="Click to open the responder" />
          </ChartCard>

          <ChartCard
            {...common}
            title="Services whose coverage drops within 14 days (ready responders)"
            description={`Game-day candidates: coverage would fall to one or nobody without a new experience.${drawnNote(lapsingServices.length, RANKING_ROWS, 'with the lowest coverage then')} Click a bar for the service’s incidents.`}
            definition={READINESS_DEFINITION}
            rows={lapsingServices}
            columns={lapsingServiceColumns}
            rowKey={(s) => s.externalId}
            rowLink={serviceIncidentsPath}
            csvFilename={`readiness-lapsing-services_${data?.asOf ?? 'today'}.csv`}
            empty={lapsingServices.length === 0}
            emptyText="No service’s coverage drops in the next 14 days."
          >
            <RankingChart rows={lapsingServices.slice(0, RANKING_ROWS)} category={(s) => s.name} series={lapsingServiceSeries} unit="count" onSelect={(s) => navigate(serviceIncidentsPath(s))} selectHint="Click for the service’s incidents" />
          </ChartCard>

          <ChartCard
            {...common}
            title="Departure impact: coverage of the services each leaver covered (ready responders)"
            description={
              data && data.departures.length > 0 ? (
                <>
                  {data.departures.slice(0, RANKING_ROWS).map((d, index) => (
                    <Fragment key={d.externalId}>
                      {index > 0 && ', '}
                      <Link to={responderLink(d.externalId)}>{d.name}</Link>
                    </Fragment>
                  ))}
                  {data.departures.length > RANKING_ROWS && ` and ${formatCount(data.departures.length - RANKING_ROWS)} more`} left in the range. Each bar is a
                  service before and after their last day{departures.length > RANKING_ROWS ? `; the first ${RANKING_ROWS} of ${formatCount(departures.length)} are drawn, the table and CSV list all` : ''}; click it for the
                  responder.
                </>
              ) : (
                'Responders who left in the range and the service coverage that went with them.'
              )
            }
            definition={READINESS_DEFINITION}
            rows={departures}
            columns={departureColumns}
            rowKey={(d) => `${d.responderId}/${d.serviceId}`}
            rowLink={(d) => responderLink(d.responderId)}
            csvFilename={`readiness-departures_${fileRange}.csv`}
            empty={departures.length === 0}
            emptyText={data && data.departures.length > 0 ? 'The responders who left covered no service on their last day.' : `Nobody left ${formatDateRange(range)}.`}
          >
            <RankingChart
              rows={departures.slice(0, RANKING_ROWS)}
              category={(d) => `${d.responderName} · ${d.serviceName}`}
              series={departureSeries}
              unit="count"
              labelWidth={220}
              onSelect={(d) => navigate(responderLink(d.responderId))}
              selectHint="Click to open the responder"
            />
          </ChartCard>
        </div>
      )}
    </>
  );
}
