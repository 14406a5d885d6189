import { DateTime } from 'luxon';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { filterSearch, parseFilters, resolveDateRange, withFilters, type FilterState } from './filter-state';

type FilterUpdate = FilterState | ((current: FilterState) => FilterState);

/** The viewer's calendar day: relative presets count days in it. */
export function viewerToday(): string {
  return DateTime.local().toISODate() ?? '';
}

/**
 * The filter state of the current URL and a setter that writes it back (a new history entry, so
 * Back undoes a filter change). `range` is the resolved half-open `[from, to)` the API takes.
 */
export function useFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(searchParams), [searchParams]);
  const today = viewerToday();
  const range = useMemo(() => resolveDateRange(filters.date, today), [filters.date, today]);

  const setFilters = useCallback(
    (update: FilterUpdate) =>
      setSearchParams((current) =>
        withFilters(current, typeof update === 'function' ? update(parseFilters(current)) : update),
      ),
    [setSearchParams],
  );

  return { filters, range, setFilters, search: filterSearch(filters) };
}
