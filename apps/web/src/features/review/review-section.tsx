import { useId, type ReactNode } from 'react';
import type { ChartStatus } from '../../components/charts/chart-card';
import { describeError } from '../../data/api-client';

/** What a review section reads of a query result. */
export type QueryState = { data?: unknown; isError: boolean; error: unknown; refetch: () => unknown };

export const statusOf = (q: QueryState): ChartStatus => (q.data ? 'success' : q.isError ? 'error' : 'pending');

/**
 * A titled section of the review with its loading and error states; `data-review-section` names it
 * for the print test (every section must reach the PDF).
 */
export function ReviewSection({ title, name, query, children }: { title: string; name: string; query: QueryState | QueryState[]; children: () => ReactNode }) {
  const id = useId();
  const queries = Array.isArray(query) ? query : [query];
  const failed = queries.find((q) => q.isError && !q.data);
  const ready = queries.every((q) => q.data);
  return (
    <section className="panel review-section" aria-labelledby={id} data-review-section={name}>
      <h2 id={id}>{title}</h2>
      {failed ? (
        <p className="banner banner-error" role="alert">
          This section could not be loaded: {describeError(failed.error)}{' '}
          <button type="button" className="button review-no-print" onClick={() => void failed.refetch()}>
            Retry
          </button>
        </p>
      ) : ready ? (
        children()
      ) : (
        <p className="status-line" role="status">
          <span className="spinner" aria-hidden="true" /> Loading…
        </p>
      )}
    </section>
  );
}

/** A chart card of the review with the line that says where its numbers come from (the last thing printed with it). */
export function ReviewChart({ name, source, children }: { name: string; source: string; children: ReactNode }) {
  return (
    <div className="review-chart" data-review-section={name}>
      {children}
      <p className="review-source muted">{source}</p>
    </div>
  );
}

