import type { IncidentListItem, IncidentSortField } from '@firewatch/shared';
import { Link } from 'react-router';
import { formatMinutes, instantParts, severityLabel, statusLabels } from './incident-format';
import type { IncidentListView } from './incident-list-state';

interface Column {
  label: string;
  /** Set when the API can sort by this column. */
  sort?: IncidentSortField;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** The header's full meaning, when the label abbreviates it. */
  title?: string;
}

const columns: Column[] = [
  { label: 'Declared', sort: 'declaredAt' },
  { label: 'Severity', sort: 'severity' },
  { label: 'Title', sort: 'title' },
  { label: 'Services' },
  { label: 'Team' },
  { label: 'TTA', numeric: true, title: 'Time to acknowledge: acknowledged − declared' },
  { label: 'TTR', sort: 'ttrMinutes', numeric: true, title: 'Time to resolve: resolved − impact start' },
  { label: 'Status' },
];

/** Services by name; a long list is cut after three with the rest counted. */
function servicesText(services: IncidentListItem['services']): string {
  if (services.length === 0) return '—';
  const names = services.map((s) => s.name);
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} +${names.length - 3} more`;
}

const kindTags: Partial<Record<IncidentListItem['kind'], string>> = { game_day: 'Game day', test: 'Test' };

interface IncidentTableProps {
  items: IncidentListItem[];
  /** Organisation time zone: declared times are shown on its clock. */
  timeZone: string;
  view: IncidentListView;
  onSort: (field: IncidentSortField) => void;
  /** `?…` of the filters, carried to the detail page. */
  filterSearch: string;
}

/**
 * One page of incidents. Sortable headers are buttons with `aria-sort` on their column. Below 700 px
 * each row becomes a card whose cells carry their column's name (`data-label`).
 */
export function IncidentTable({ items, timeZone, view, onSort, filterSearch }: IncidentTableProps) {
  return (
    <div className="incident-table-scroll">
      <table className="incident-table">
        <thead>
          <tr>
            {columns.map((column) => {
              const active = column.sort !== undefined && view.sort === column.sort;
              return (
                <th
                  key={column.label}
                  scope="col"
                  className={column.numeric ? 'num' : undefined}
                  aria-sort={active ? (view.order === 'asc' ? 'ascending' : 'descending') : undefined}
                  title={column.title}
                >
                  {column.sort ? (
                    <button type="button" className="sort-button" onClick={() => onSort(column.sort!)}>
                      {column.label}
                      <span className="sort-mark" aria-hidden="true" data-active={active}>
                        {active ? (view.order === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const declared = instantParts(item.declaredAt, timeZone);
            return (
              <tr key={`${item.source}\u0000${item.externalId}`}>
                <td data-label="Declared" className="cell-declared">
                  <time dateTime={item.declaredAt} title={item.declaredAt}>
                    <span className="declared-date">{declared.date}</span>{' '}
                    <span className="declared-time">{declared.time}</span>
                  </time>
                </td>
                <td data-label="Severity">
                  <span className={`severity severity-${item.severity}`}>{severityLabel(item.severity)}</span>
                </td>
                <td data-label="Title" className="cell-title">
                  <Link to={{ pathname: `/incidents/${encodeURIComponent(item.externalId)}`, search: filterSearch }}>
                    {item.title}
                  </Link>
                  {kindTags[item.kind] && <span className="kind-tag">{kindTags[item.kind]}</span>}
                  <span className="incident-id">
                    {item.externalId} · {item.source}
                  </span>
                </td>
                <td data-label="Services" className="cell-services">
                  {servicesText(item.services)}
                </td>
                <td data-label="Team">{item.team?.name ?? '—'}</td>
                <td data-label="TTA" className="num">
                  {formatMinutes(item.ttaMinutes)}
                </td>
                <td data-label="TTR" className="num">
                  {formatMinutes(item.ttrMinutes)}
                </td>
                <td data-label="Status">
                  <span className={`status status-${item.status}`}>{statusLabels[item.status]}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
