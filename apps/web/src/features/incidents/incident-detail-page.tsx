import type { IncidentDetail, IncidentResponderWorkload } from '@firewatch/shared';
import { useMemo, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { bucketColors, workloadBuckets, bucketShortLabels } from '../../components/charts/bucket-colors';
import { ChartCard } from '../../components/charts/chart-card';
import { DataTable, type TableColumn } from '../../components/charts/data-table';
import { metricDefinitions } from '../../components/charts/definition-link';
import { formatCount, formatCurrency, formatHours, formatRatio, shareOf } from '../../components/charts/format';
import { RankingChart } from '../../components/charts/ranking-chart';
import type { ChartSeries } from '../../components/charts/series';
import { useNarrowScreen } from '../../components/charts/use-narrow-screen';
import { EmptyState } from '../../components/empty-state';
import { HeadlineFigures } from '../../components/headline-figures';
import { LazyDetails } from '../../components/lazy-details';
import { PageHeader } from '../../components/page-header';
import { ApiError, describeError } from '../../data/api-client';
import { useIncidentDetailQuery } from '../../data/incidents/incident-detail-query';
import { useSettingsQuery } from '../../data/settings/settings-query';
import { useFilters } from '../filters/use-filters';
import { responderPath } from '../responders/responder-view';
import { formatMinutes, instantParts, kindLabels, severityLabel, statusLabels } from './incident-format';
import { incidentDays, workTimeline, type TimelineSegment } from './work-timeline';
import { WorkTimelineChart } from './work-timeline-chart';
import './incidents.css';
import './incident-detail.css';

type Alert = IncidentDetail['alerts'][number];
type PageRow = IncidentDetail['pages'][number];
type ActivityRow = IncidentDetail['activity'][number];
type SegmentRow = TimelineSegment & { responder: string; externalId: string };

const responderSeries: ChartSeries<IncidentResponderWorkload>[] = workloadBuckets.map((bucket) => ({
  key: bucket,
  label: bucketShortLabels[bucket],
  color: bucketColors[bucket],
  value: (r) => r[bucket],
}));

function Summary({ incident, timeZone }: { incident: IncidentDetail; timeZone: string }) {
  const when = (iso: string | null) => {
    if (!iso) return '—';
    const { date, time } = instantParts(iso, timeZone);
    return (
      <time dateTime={iso}>
        {date} {time}
      </time>
    );
  };
  const items: Array<[string, ReactNode]> = [
    ['Severity', <span className={`severity severity-${incident.severity}`}>{severityLabel(incident.severity)}</span>],
    ['Status', <span className={`status status-${incident.status}`}>{statusLabels[incident.status]}</span>],
    ['Kind', kindLabels[incident.kind]],
    ['Team', incident.team?.name ?? '—'],
    ['Services', incident.services.map((s) => s.name).join(', ') || '—'],
    ['Causes', incident.causes.join(', ') || '—'],
    ['Roles', incident.roles.map((r) => `${r.responder.name} (${r.role})`).join(', ') || '—'],
    ['Declared', when(incident.declaredAt)],
    ['Impact started', when(incident.startedAt)],
    ['Acknowledged', when(incident.acknowledgedAt)],
    ['Mitigated', when(incident.mitigatedAt)],
    ['Resolved', when(incident.resolvedAt)],
    ['TTA / TTM / TTR', `${formatMinutes(incident.ttaMinutes)} / ${formatMinutes(incident.ttmMinutes)} / ${formatMinutes(incident.ttrMinutes)}`],
  ];
  return (
    <section className="panel" aria-label="Incident">
      <dl className="incident-summary">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted incident-source">
        {incident.externalId} · {incident.source} · times in {timeZone}
      </p>
    </section>
  );
}

export default function IncidentDetailPage() {
  const { externalId = '' } = useParams();
  const [searchParams] = useSearchParams();
  const source = searchParams.get('source') ?? undefined;
  const { search, filters } = useFilters();
  const navigate = useNavigate();
  const detail = useIncidentDetailQuery(externalId, { source });
  const settings = useSettingsQuery();
  const timeZone = settings.data?.timezone ?? 'UTC';
  const incident = detail.data;
  // A phone has room for about four axis labels.
  const maxTicks = useNarrowScreen() ? 4 : 8;
  const timeline = useMemo(
    () => (incident && incident.workload.responders.length > 0 ? workTimeline(incident, maxTicks) : null),
    [incident, maxTicks],
  );
  /** A responder's page over the days around the incident: the records behind their stretches of work. */
  const workerLink = (responder: string) => responderPath(responder, incident ? { preset: 'custom', ...incidentDays(incident, timeZone) } : filters.date);
  const local = (iso: string | null) => {
    if (!iso) return null;
    const { date, time } = instantParts(iso, timeZone);
    return `${date} ${time}`;
  };

  const segmentRows: SegmentRow[] = timeline ? timeline.rows.flatMap((row) => row.segments.map((s) => ({ ...s, responder: row.name, externalId: row.externalId }))) : [];
  const segmentColumns: TableColumn<SegmentRow>[] = [
    { header: 'Responder', csvHeader: 'responder', value: (s) => s.responder },
    { header: `Start (${timeZone})`, csvHeader: 'start', value: (s) => local(s.start) },
    { header: 'End', csvHeader: 'end', value: (s) => local(s.end) },
    { header: 'Bucket', csvHeader: 'bucket', value: (s) => s.bucket },
    { header: 'Share', csvHeader: 'share', value: (s) => Math.round(s.share * 1000) / 1000 },
    { header: 'Minutes', csvHeader: 'minutes', unit: 'minutes', value: (s) => s.minutes },
  ];
  const responderColumns: TableColumn<IncidentResponderWorkload>[] = [
    { header: 'Responder', csvHeader: 'name', value: (r) => r.name },
    { header: 'Total (min)', csvHeader: 'minutes', unit: 'minutes', value: (r) => r.minutes },
    ...workloadBuckets.map((bucket): TableColumn<IncidentResponderWorkload> => ({ header: `${bucketShortLabels[bucket]} (min)`, csvHeader: bucket, unit: 'minutes', value: (r) => r[bucket] })),
  ];
  const alertColumns: TableColumn<Alert>[] = [
    { header: 'Fired', value: (a) => local(a.firedAt) },
    { header: 'Rule', value: (a) => `${a.source} / ${a.rule}` },
    { header: 'Service', value: (a) => a.service?.name ?? '—' },
    { header: 'Severity', value: (a) => a.severity },
    { header: 'Acknowledged', value: (a) => local(a.acknowledgedAt) },
    { header: 'Resolved', value: (a) => (a.resolvedAt ? `${local(a.resolvedAt)}${a.resolvedBy ? ` (${a.resolvedBy})` : ''}` : null) },
    { header: 'Feedback', value: (a) => a.feedback },
  ];
  const pageColumns: TableColumn<PageRow>[] = [
    { header: 'At', value: (p) => local(p.at) },
    { header: 'Responder', value: (p) => p.responder.name },
    { header: 'Channel', value: (p) => p.channel },
    { header: 'Level', unit: 'count', value: (p) => p.level },
    { header: 'Reason', value: (p) => p.reason },
    { header: 'Alert', value: (p) => p.alert },
  ];
  const activityColumns: TableColumn<ActivityRow>[] = [
    { header: 'At', value: (a) => local(a.at) },
    { header: 'Responder', value: (a) => a.responder.name },
    { header: 'Kind', value: (a) => a.kind },
    { header: 'Until', value: (a) => local(a.endAt) },
  ];

  function body() {
    if (detail.isPending) {
      return (
        <section className="panel">
          <p className="status-line" role="status">
            <span className="spinner" aria-hidden="true" /> Loading the incident…
          </p>
        </section>
      );
    }
    if (detail.isError) {
      if (detail.error instanceof ApiError && detail.error.statusCode === 404) {
        return (
          <EmptyState title={`No incident ${externalId}`} action={<Link className="button" to={{ pathname: '/incidents', search }}>All incidents</Link>}>
            <p>{describeError(detail.error)}</p>
          </EmptyState>
        );
      }
      return (
        <div className="banner banner-error" role="alert">
          <div className="banner-text">
            <strong>The incident could not be loaded.</strong>
            <span className="banner-detail">{describeError(detail.error)}</span>
          </div>
        </div>
      );
    }
    const { workload } = incident!;
    return (
      <div className="panel-stack">
        <Summary incident={incident!} timeZone={timeZone} />
        <section className="panel" aria-label="Workload on this incident">
          <HeadlineFigures
            label="Workload on this incident"
            figures={[
              { label: 'Responder hours', value: formatHours(workload.hours) },
              { label: 'Working', value: formatRatio(shareOf(workload.working, workload.totalMinutes)), note: formatMinutes(workload.working), color: bucketColors.working },
              { label: 'Late', value: formatRatio(shareOf(workload.late, workload.totalMinutes)), note: formatMinutes(workload.late), color: bucketColors.late },
              { label: 'Sleeping', value: formatRatio(shareOf(workload.sleeping, workload.totalMinutes)), note: formatMinutes(workload.sleeping), color: bucketColors.sleeping },
              { label: 'Responders', value: formatCount(workload.responders.length) },
              ...(workload.costAmount !== null ? [{ label: 'Cost', value: formatCurrency(workload.costAmount), note: 'hours × hourly cost' }] : []),
            ]}
          />
        </section>

        <ChartCard
          title="Who worked when: work per responder over time"
          description="Each box is a stretch of work, coloured by time of day in the responder’s own time zone. Click a responder’s row for their page over the days of the incident."
          definition={metricDefinitions.workload}
          status="success"
          rows={segmentRows}
          columns={segmentColumns}
          rowKey={(s) => `${s.responder}-${s.start}`}
          rowLink={(s) => workerLink(s.externalId)}
          csvFilename={`incident-${externalId}-work-segments.csv`}
          empty={!timeline}
          emptyText="No responder activity is recorded on this incident, so it has no workload."
        >
          {timeline && <WorkTimelineChart timeline={timeline} timeZone={timeZone} responderLink={workerLink} />}
        </ChartCard>

        <ChartCard
          title="Minutes per responder by time of day (minutes)"
          description="Click a responder for their readiness and load over the days of the incident."
          definition={metricDefinitions.workload}
          status="success"
          rows={workload.responders}
          columns={responderColumns}
          rowKey={(r) => r.externalId}
          rowLink={(r) => workerLink(r.externalId)}
          csvFilename={`incident-${externalId}-responders.csv`}
          empty={workload.responders.length === 0}
          emptyText="No responder has workload on this incident."
        >
          <RankingChart
            rows={workload.responders}
            category={(r) => r.name}
            series={responderSeries}
            unit="minutes"
            onSelect={(r) => navigate(workerLink(r.externalId))}
            selectHint="Click to open the responder"
          />
        </ChartCard>

        <section className="panel" aria-labelledby="alerts-heading">
          <h2 id="alerts-heading">Alerts ({formatCount(incident!.alerts.length)})</h2>
          {incident!.alerts.length === 0 ? (
            <p className="muted">No alert is linked to this incident.</p>
          ) : (
            <DataTable caption="Alerts linked to the incident" rows={incident!.alerts} columns={alertColumns} rowKey={(a) => a.externalId} />
          )}
        </section>

        <section className="panel" aria-labelledby="pages-heading">
          <h2 id="pages-heading">Pages ({formatCount(incident!.pages.length)})</h2>
          {incident!.pages.length === 0 ? (
            <p className="muted">No page was sent for this incident’s alerts.</p>
          ) : (
            <DataTable caption="Pages sent for the incident's alerts" rows={incident!.pages} columns={pageColumns} rowKey={(p) => `${p.alert}-${p.responder.externalId}-${p.at}`} />
          )}
        </section>

        <section className="panel incident-activity" aria-labelledby="activity-heading">
          <h2 id="activity-heading">Activity ({formatCount(incident!.activityTotal)} events)</h2>
          {incident!.activity.length === 0 ? (
            <p className="muted">No responder activity is recorded.</p>
          ) : (
            <LazyDetails
              summary={`Show the activity timeline${incident!.activityTotal > incident!.activity.length ? ` (first ${formatCount(incident!.activity.length)})` : ''}`}
            >
              <DataTable caption="Activity on the incident" rows={incident!.activity} columns={activityColumns} rowKey={(a) => `${a.responder.externalId}-${a.at}-${a.kind}`} />
            </LazyDetails>
          )}
        </section>
      </div>
    );
  }

  return (
    <>
      <Link className="back-link" to={{ pathname: '/incidents', search }}>
        ← All incidents
      </Link>
      <PageHeader title={incident?.title ?? `Incident ${externalId}`} question="How many responder hours did this incident cost, who spent them, and when?" />
      {body()}
    </>
  );
}
