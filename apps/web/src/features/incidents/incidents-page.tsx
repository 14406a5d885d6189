import { INCIDENT_LIST_KINDS, type IncidentListKind, type IncidentSortField, type SortOrder } from '@firewatch/shared';
import { useCallback, useEffect, useId, useMemo, useRef } from 'react';
import { Link, useNavigationType, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { ApiError, describeError } from '../../data/api-client';
import { useIncidentListQuery } from '../../data/incidents/incident-list-query';
import { FilterBar } from '../filters/filter-bar';
import { formatDateRange, serializeFilters } from '../filters/filter-state';
import { RangeEmptyState } from '../filters/range-empty-state';
import { useFilters } from '../filters/use-filters';
import { CsvDownloadButton } from './csv-download-button';
import { DrillFilterChips } from './drill-filter-chips';
import { countLabel, kindLabels } from './incident-format';
import { isDrilled, lastPage, listQuery, noDrill, parseView, sortBy, withView, type IncidentListView } from './incident-list-state';
import { IncidentSearch } from './incident-search';
import { IncidentTable } from './incident-table';
import { IncidentTimingsSummary, timedIncidents } from './incident-timings';
import { Pagination } from './pagination';
import './incidents.css';

/** The sort choices as one list, for the phone layout where the column headers are hidden. */
const sortChoices: Array<{ sort: IncidentSortField; order: SortOrder; label: string }> = [
  { sort: 'declaredAt', order: 'desc', label: 'Newest' },
  { sort: 'declaredAt', order: 'asc', label: 'Oldest' },
  { sort: 'severity', order: 'asc', label: 'Most severe' },
  { sort: 'severity', order: 'desc', label: 'Least severe' },
  { sort: 'ttrMinutes', order: 'desc', label: 'Longest TTR' },
  { sort: 'ttrMinutes', order: 'asc', label: 'Shortest TTR' },
  { sort: 'title', order: 'asc', label: 'Title A–Z' },
  { sort: 'title', order: 'desc', label: 'Title Z–A' },
];

export default function IncidentsPage() {
  const id = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigationType = useNavigationType();
  const { filters, range, search: filterSearch } = useFilters();
  const view = useMemo(() => parseView(searchParams), [searchParams]);
  const query = useMemo(() => listQuery(filters, range, view), [filters, range, view]);
  const list = useIncidentListQuery(query);
  const listRef = useRef<HTMLElement>(null);

  /** Writes the page's own state into the URL; `replace` for keystrokes, a new history entry otherwise. */
  const updateView = useCallback(
    (update: (current: IncidentListView) => IncidentListView, replace = false) =>
      setSearchParams((current) => withView(current, update(parseView(current))), { replace }),
    [setSearchParams],
  );
  const onSearch = useCallback((q: string) => updateView((v) => ({ ...v, q, page: 1 }), true), [updateView]);

  // A filter chosen in the filter bar starts again at page 1; Back and Forward restore pages as they were.
  const filterKey = serializeFilters(filters).toString();
  const previousFilterKey = useRef(filterKey);
  useEffect(() => {
    if (previousFilterKey.current === filterKey) return;
    previousFilterKey.current = filterKey;
    if (navigationType !== 'POP' && view.page !== 1) updateView((v) => ({ ...v, page: 1 }), true);
  }, [filterKey, navigationType, view.page, updateView]);

  // Moving to another page from the links under the table shows the top of the new page.
  useEffect(() => {
    const top = listRef.current?.getBoundingClientRect().top;
    if (top !== undefined && top < 0) listRef.current?.scrollIntoView({ block: 'start' });
  }, [view.page]);

  const data = list.data;
  const pages = data ? lastPage(data.total, data.pageSize) : 1;
  const drilled = isDrilled(view);
  const narrowed = view.q !== '' || view.kind !== 'incident' || drilled;

  function content() {
    if (list.isPending) {
      return (
        <section className="panel">
          <p className="status-line" role="status">
            <span className="spinner" aria-hidden="true" /> Loading incidents…
          </p>
        </section>
      );
    }
    if (list.isError && !data) {
      // A request the API refused (4xx) fails the same way again; only an outage is worth retrying.
      const status = list.error instanceof ApiError ? list.error.statusCode : 0;
      const retryable = status === 0 || status >= 500;
      return (
        <div className="banner banner-error" role="alert">
          <div className="banner-text">
            <strong>The incidents could not be loaded.</strong>
            <span className="banner-detail">{describeError(list.error)}</span>
          </div>
          {retryable && (
            <button type="button" className="button" onClick={() => void list.refetch()} disabled={list.isFetching}>
              {list.isFetching ? 'Retrying…' : 'Try again'}
            </button>
          )}
        </div>
      );
    }
    if (!data) return null;
    if (data.total === 0 && !list.isPlaceholderData) {
      if (!narrowed) return <RangeEmptyState records="incidents" />;
      return (
        <EmptyState
          title="No matching incidents"
          action={
            <button
              type="button"
              className="button"
              onClick={() => updateView((v) => ({ ...v, q: '', kind: 'incident', ...noDrill, page: 1 }))}
            >
              {drilled ? 'Clear search, kind and drill-down' : 'Clear search and kind'}
            </button>
          }
        >
          <p>
            No {kindLabels[view.kind].toLowerCase()}
            {view.q ? (
              <>
                {' '}
                with <strong>“{view.q}”</strong> in the title
              </>
            ) : null}{' '}
            {view.responder === null ? 'declared' : `worked on by ${view.responder}`} <strong>{formatDateRange(range)}</strong>
            {drilled ? ' with the drill-down filters above' : ''}.
          </p>
        </EmptyState>
      );
    }
    if (data.items.length === 0 && !list.isPlaceholderData) {
      return (
        <EmptyState
          title={`Page ${view.page.toLocaleString('en-US')} is past the end`}
          action={
            <Link className="button" to={{ search: `?${withView(searchParams, { ...view, page: pages })}` }}>
              Go to page {pages.toLocaleString('en-US')}
            </Link>
          }
        >
          <p>
            These filters match {countLabel(data.total, view.kind)}: {pages.toLocaleString('en-US')}{' '}
            {pages === 1 ? 'page' : 'pages'}.
          </p>
        </EmptyState>
      );
    }
    const first = (data.page - 1) * data.pageSize + 1;
    const last = first + data.items.length - 1;
    return (
      <section
        ref={listRef}
        className="panel incident-list"
        aria-labelledby={`${id}-count`}
        aria-busy={list.isFetching}
        data-updating={list.isPlaceholderData}
      >
        <div className="incident-list-head">
          <h2 id={`${id}-count`}>{countLabel(data.total, view.kind)}</h2>
          <p className="muted">
            {view.responder === null ? 'Declared' : `Worked on by ${view.responder}`} {formatDateRange(data.range)}; times in {data.range.timeZone}.
            {list.isFetching && (
              <span className="incident-list-updating" role="status">
                <span className="spinner" aria-hidden="true" /> Updating…
              </span>
            )}
          </p>
          {list.isError && (
            <p className="inline-error" role="alert">
              Showing the previous result: {describeError(list.error)}
            </p>
          )}
        </div>
        {timedIncidents(data.timings) > 0 && <IncidentTimingsSummary timings={data.timings} />}
        <IncidentTable
          items={data.items}
          timeZone={data.range.timeZone}
          view={view}
          onSort={(field) => updateView((v) => sortBy(v, field))}
          filterSearch={filterSearch}
        />
        <Pagination
          page={data.page}
          lastPage={pages}
          searchFor={(page) => `?${withView(searchParams, { ...view, page })}`}
          summary={`Showing ${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')} of ${data.total.toLocaleString('en-US')}`}
        />
      </section>
    );
  }

  return (
    <>
      <PageHeader
        title="Incidents"
        question="Which incidents happened in this period, and what did each one cost in responder hours?"
      />
      <FilterBar />
      <div className="incidents-area">
        <section className="panel incident-toolbar" aria-label="Incident list options">
          <IncidentSearch value={view.q} onSearch={onSearch} />
          <div className="field">
            <label className="field-label" htmlFor={`${id}-kind`}>
              Kind
            </label>
            <select
              id={`${id}-kind`}
              className="control"
              value={view.kind}
              onChange={(event) => updateView((v) => ({ ...v, kind: event.target.value as IncidentListKind, page: 1 }))}
            >
              {INCIDENT_LIST_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kindLabels[kind]}
                </option>
              ))}
            </select>
          </div>
          <div className="field incident-sort-field">
            <label className="field-label" htmlFor={`${id}-sort`}>
              Sort
            </label>
            <select
              id={`${id}-sort`}
              className="control"
              value={`${view.sort}:${view.order}`}
              onChange={(event) => {
                const choice = sortChoices.find((c) => `${c.sort}:${c.order}` === event.target.value);
                if (choice) updateView((v) => ({ ...v, sort: choice.sort, order: choice.order, page: 1 }));
              }}
            >
              {sortChoices.map((choice) => (
                <option key={`${choice.sort}:${choice.order}`} value={`${choice.sort}:${choice.order}`}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
          <CsvDownloadButton query={query} disabled={!data || data.items.length === 0} />
          <DrillFilterChips view={view} onRemove={(name) => updateView((v) => ({ ...v, [name]: null, page: 1 }))} />
        </section>
        {content()}
      </div>
    </>
  );
}
