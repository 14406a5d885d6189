import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { formatDateRange, hasNarrowingFilters } from './filter-state';
import { useFilters } from './use-filters';

interface RangeEmptyStateProps {
  /** What the page is built from, e.g. "responder activity". */
  records: string;
}

/** "No data for this range yet": names the range and filters, and points to the import. */
export function RangeEmptyState({ records }: RangeEmptyStateProps) {
  const { filters, range, search } = useFilters();
  const narrowed = hasNarrowingFilters(filters);
  return (
    <EmptyState
      title="No data for the selected range yet"
      action={
        <Link className="button" to={{ pathname: '/settings', search }}>
          Import data
        </Link>
      }
    >
      <p>
        No {records} recorded for <strong>{formatDateRange(range)}</strong>
        {narrowed ? ' with the current team, service and severity filters' : ''}.
      </p>
      <p>
        Figures appear here once data for this period is imported or arrives through a webhook.
        {narrowed ? ' Clearing a filter or choosing a longer range may also show data.' : ' A longer range may also show data.'}
      </p>
    </EmptyState>
  );
}
