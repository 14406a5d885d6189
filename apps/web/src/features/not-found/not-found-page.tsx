import { Link, useLocation } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { useFilters } from '../filters/use-filters';

export default function NotFoundPage() {
  const { pathname } = useLocation();
  const { search } = useFilters();
  return (
    <>
      <PageHeader title="Page not found" question="This address does not match any page of the dashboard." />
      <EmptyState
        title={`Nothing lives at ${pathname}`}
        action={
          <Link className="button" to={{ pathname: '/', search }}>
            Go to the overview
          </Link>
        }
      >
        <p>The link may be mistyped or from an older version. Every page is listed in the navigation.</p>
      </EmptyState>
    </>
  );
}
