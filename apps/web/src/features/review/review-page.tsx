import { READINESS_LAPSING_DAYS, type ReadinessReport } from '@firewatch/shared';
import { useEffect, useId, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ChartCard } from '../../components/charts/chart-card';
import { definitionPath, headingSlug } from '../../components/charts/definition-link';
import { formatCount } from '../../components/charts/format';
import { RankingChart } from '../../components/charts/ranking-chart';
import { PageHeader } from '../../components/page-header';
import { useOverviewReportQuery } from '../../data/overview/overview-report-query';
import { useReadinessGapsQuery } from '../../data/overview/readiness-gaps-query';
import { useTopServicesQuery } from '../../data/overview/top-services-query';
import { useTuneFirstQuery } from '../../data/overview/tune-first-query';
import { useTeamsQuery } from '../../data/meta/teams-query';
import { useOncallReportQuery } from '../../data/oncall/oncall-report-query';
import { useCausesReportQuery } from '../../data/services/causes-report-query';
import { analyticsQuery, customRange, filterSearch, formatDateRange, lastIncludedDay, parseFilters, parseIsoDate } from '../filters/filter-state';
import { viewerToday } from '../filters/use-filters';
import { overviewDefinitions, overviewHeadlines, readinessGaps, serviceHourSeries, topServiceColumns, topServices, tuneFirstColumns, tuneFirstSeries, TUNE_FIRST_ROWS } from '../overview/overview-view';
import { namesOf } from '../readiness/readiness-view';
import { reviewFindings } from './review-findings';
import { describeReviewPeriod, parseReviewPeriod, pickerQuarters, quarterLabel, quarterOf, quarterRange, withReviewPeriod, type ReviewPeriod } from './review-period';
import { firstRows, scopeSentence } from './review-view';
import { OncallFlagsSection } from './oncall-flags-section';
import { ReviewChart, ReviewSection, statusOf } from './review-section';
import '../overview/overview.css';
import './review.css';

/** The quarter picker, the custom range and the print button; none of it is printed. */
function PeriodPicker({ period, onChange }: { period: ReviewPeriod; onChange: (period: ReviewPeriod) => void }) {
  const id = useId();
  const today = viewerToday();
  const quarters = pickerQuarters(today);
  const current = quarterOf(today);
  if (period.kind === 'quarter' && !quarters.includes(period.quarter)) quarters.push(period.quarter);
  const through = lastIncludedDay(period.range);

  function chooseDays(first: string, last: string) {
    const from = parseIsoDate(first);
    const to = parseIsoDate(last);
    // Date inputs report '' while a day is half typed; keep the period until it is whole.
    if (!from || !to) return;
    const days = customRange(from, to);
    if (days.preset === 'custom') onChange({ kind: 'custom', range: { from: days.from, to: days.to } });
  }

  return (
    <section className="filter-bar review-toolbar review-no-print" aria-label="Review period">
      <div className="filter-fields">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-period`}>
            Period
          </label>
          <select
            id={`${id}-period`}
            className="control"
            value={period.kind === 'quarter' ? period.quarter : 'custom'}
            onChange={(event) => {
              const value = event.target.value;
              onChange(value === 'custom' ? { kind: 'custom', range: period.range } : { kind: 'quarter', quarter: value, range: quarterRange(value) });
            }}
          >
            {quarters.map((quarter) => (
              <option key={quarter} value={quarter}>
                {quarterLabel(quarter)}
                {quarter === current ? ' (so far)' : ''}
              </option>
            ))}
            <option value="custom">Custom range</option>
          </select>
        </div>
        {period.kind === 'custom' && (
          <>
            <div className="field">
              <label className="field-label" htmlFor={`${id}-from`}>
                From
              </label>
              <input id={`${id}-from`} className="control" type="date" value={period.range.from} max={through} onChange={(event) => chooseDays(event.target.value, through)} />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${id}-through`}>
                Through (included)
              </label>
              <input id={`${id}-through`} className="control" type="date" value={through} min={period.range.from} onChange={(event) => chooseDays(period.range.from, event.target.value)} />
            </div>
          </>
        )}
        <button type="button" className="button review-print-button" onClick={() => window.print()}>
          Print / Save as PDF
        </button>
      </div>
    </section>
  );
}

export default function ReviewPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const today = viewerToday();
  const period = useMemo(() => parseReviewPeriod(searchParams, today), [searchParams, today]);
  // Team, service and severity come from the URL as every page reads them; the period is the review's own.
  const filters = useMemo(() => parseFilters(searchParams), [searchParams]);
  const query = useMemo(() => analyticsQuery(filters, period.range), [filters, period.range]);
  const asOf = lastIncludedDay(period.range);
  const canonical = withReviewPeriod(searchParams, period).toString();

  // The default period (the last complete quarter) is written into the address, so the link shared
  // today still shows this quarter after the next one ends.
  useEffect(() => {
    if (searchParams.toString() !== canonical) setSearchParams(new URLSearchParams(canonical), { replace: true });
  }, [searchParams, canonical, setSearchParams]);

  const overview = useOverviewReportQuery(query);
  const services = useTopServicesQuery(query);
  const causes = useCausesReportQuery(query);
  const noise = useTuneFirstQuery(query);
  const readiness = useReadinessGapsQuery({ ...query, asOf });
  const oncall = useOncallReportQuery(query);
  const teams = useTeamsQuery();
  const teamName = teams.data?.items.find((t) => t.externalId === filters.team)?.name ?? null;

  const report = overview.data;
  const findings =
    report && services.data && causes.data ? reviewFindings({ services: services.data.items, causes: causes.data.items, figures: report.figures }) : [];
  const top = topServices(services.data?.items ?? []);
  const withHours = services.data?.items.filter((s) => s.workloadHours > 0).length ?? 0;
  const rules = (noise.data?.tuneFirst ?? []).slice(0, TUNE_FIRST_ROWS);
  const fileRange = `${period.range.from}_${period.range.to}`;
  const pageSearch = filterSearch({ ...filters, date: { preset: 'custom', ...period.range } });
  const shareUrl = `${window.location.origin}/review?${canonical}`;

  return (
    <article className="review-doc">
      <PageHeader title="Operational review" question="What changed in this period, and what needs attention first? One page for the review meeting." />
      <PeriodPicker period={period} onChange={(next) => setSearchParams((current) => withReviewPeriod(current, next))} />

      <section className="review-meta" aria-label="Period and link">
        <p className="review-period">
          <strong>{describeReviewPeriod(period)}</strong>
          {report && <> compared with the {formatCount(report.previous.days)} days before it ({formatDateRange({ from: report.previous.from, to: report.previous.to })})</>}
          {report && <span className="muted"> · days in {report.timezone}</span>}
        </p>
        <p className="review-scope">{scopeSentence(filters, teamName)}</p>
        <p className="review-share muted">
          Link to this review: <a href={shareUrl}>{shareUrl}</a>
        </p>
      </section>

      <ReviewSection title="Headline figures" name="headlines" query={overview}>
        {() => (
          <table className="review-table review-headlines">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">This period</th>
                <th scope="col">Previous</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {overviewHeadlines(report!).map((h) => (
                <tr key={h.figure} data-figure={h.figure}>
                  <th scope="row">
                    <Link to={`${h.page}${pageSearch}`}>{h.label}</Link>
                    {h.note && <span className="review-note muted">{h.note}</span>}
                  </th>
                  <td className="review-value">{h.value}</td>
                  <td>{h.previous}</td>
                  <td data-tone={h.tone ?? undefined}>{h.change}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ReviewSection>

      <ReviewSection title="The biggest changes" name="findings" query={[overview, services, causes]}>
        {() =>
          findings.length === 0 ? (
            <p className="muted">No service, cause or night work changed by one responder-hour or more.</p>
          ) : (
            <>
              <ol className="review-findings">
                {findings.map((f) => (
                  <li key={`${f.kind}/${f.key}`} data-kind={f.kind}>
                    {f.sentence}
                  </li>
                ))}
              </ol>
              <p className="review-source muted">
                Ranked by the change in responder-hours against the previous period, across services, causes and work in sleeping hours.{' '}
                <Link className="review-no-print" to={definitionPath(headingSlug('Operational review'))}>
                  How the changes are ranked and worded
                </Link>
              </p>
            </>
          )
        }
      </ReviewSection>

      <ReviewChart
        name="services"
        source={`From /analytics/services: ${top.length === 0 ? 'no service with responder-hours' : `the ${top.length} services with the most responder-hours of ${formatCount(withHours)} with any`}.`}
      >
        <ChartCard
          status={statusOf(services)}
          error={services.error}
          onRetry={() => void services.refetch()}
          title="Top services by responder hours (hours)"
          description={<>Each incident gives 1/k of its hours to each of its k services; the table view has the previous period's hours.</>}
          definition={overviewDefinitions.services}
          rows={top}
          columns={topServiceColumns}
          rowKey={(s) => s.externalId}
          csvFilename={`review-top-services_${fileRange}.csv`}
          empty={top.length === 0}
          emptyText="No service has responder hours in this period."
        >
          <RankingChart rows={top} category={(s) => s.name} series={serviceHourSeries} unit="hours" />
        </ChartCard>
      </ReviewChart>

      <ReviewChart
        name="rules"
        source={`From /analytics/noise: ${rules.length === 0 ? 'no rule to tune' : `its first ${rules.length} rules to tune first (noisy interruptions, asleep ones weighing 3×)`}.`}
      >
        <ChartCard
          status={statusOf(noise)}
          error={noise.error}
          onRetry={() => void noise.refetch()}
          title="Alert rules to tune first (noisy interruptions)"
          description="Interruptions by alerts that were not actionable; those while asleep weigh 3× in the ranking."
          definition={overviewDefinitions.noise}
          rows={rules}
          columns={tuneFirstColumns}
          rowKey={(r) => `${r.source}/${r.rule}`}
          csvFilename={`review-tune-first_${fileRange}.csv`}
          empty={rules.length === 0}
          emptyText="No alert rule woke anyone for nothing in this period."
        >
          <RankingChart rows={rules} category={(r) => r.rule} series={tuneFirstSeries} unit="count" labelWidth={200} />
        </ChartCard>
      </ReviewChart>

      <ReviewSection title={`Readiness gaps and lapses on ${asOf}`} name="readiness" query={readiness}>
        {() => <ReadinessLists report={readiness.data!} />}
      </ReviewSection>

      <OncallFlagsSection oncall={oncall} search={pageSearch} />

    </article>
  );
}

function ReadinessLists({ report }: { report: ReadinessReport }) {
  const allGaps = readinessGaps(report.services);
  const gaps = firstRows(allGaps);
  const lapsing = firstRows(report.lapsing);
  const lapsingServices = firstRows(report.lapsingServices);
  return (
    <div className="review-columns">
      <div>
        <h3>Services with a gap ({formatCount(allGaps.length)})</h3>
        {gaps.shown.length === 0 ? (
          <p className="muted">Every service has at least two ready responders.</p>
        ) : (
          <ul className="review-list">
            {gaps.shown.map((s) => (
              <li key={s.externalId} data-status={s.status}>
                <strong>{s.name}</strong>: {s.status === 'uncovered' ? 'uncovered, nobody ready' : `single point of knowledge (${namesOf(s.readyResponders)})`}
              </li>
            ))}
          </ul>
        )}
        {gaps.note && <p className="muted review-note">{gaps.note}</p>}
      </div>
      <div>
        <h3>
          Readiness lapsing within {READINESS_LAPSING_DAYS} days ({formatCount(report.lapsing.length)})
        </h3>
        {lapsing.shown.length === 0 ? (
          <p className="muted">Nobody’s readiness lapses in the next {READINESS_LAPSING_DAYS} days.</p>
        ) : (
          <ul className="review-list">
            {lapsing.shown.map((r) => (
              <li key={r.externalId}>
                <strong>{r.name}</strong>: ready until {r.expiresOn} (last experience {r.lastExperienceOn})
              </li>
            ))}
          </ul>
        )}
        {lapsing.note && <p className="muted review-note">{lapsing.note}</p>}
        {lapsingServices.shown.length > 0 && (
          <>
            <h3>Services that would drop to one or none ({formatCount(report.lapsingServices.length)})</h3>
            <ul className="review-list">
              {lapsingServices.shown.map((s) => (
                <li key={s.externalId}>
                  <strong>{s.name}</strong>: {formatCount(s.readyNow)} ready now, {formatCount(s.readyThen)} in {READINESS_LAPSING_DAYS} days
                </li>
              ))}
            </ul>
            {lapsingServices.note && <p className="muted review-note">{lapsingServices.note}</p>}
          </>
        )}
      </div>
    </div>
  );
}
