import { describeError } from '../data/api-client';

/**
 * Said above a page whose last request failed while the figures of the previous one are still shown
 * (react-query keeps them): what went wrong, and that the figures are not for the current filters.
 */
export function StaleFiguresBanner({ query }: { query: { isError: boolean; error: unknown; data: unknown } }) {
  if (!query.isError || query.data === undefined) return null;
  return (
    <p className="banner banner-error" role="alert">
      The figures could not be refreshed: {describeError(query.error)} The figures below are for the previous filters.
    </p>
  );
}
