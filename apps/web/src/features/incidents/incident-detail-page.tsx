import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { FilterBar } from '../filters/filter-bar';
import { useFilters } from '../filters/use-filters';

export default function IncidentDetailPage() {
  const { externalId = '' } = useParams();
  const { search } = useFilters();
  return (
    <>
      <Link className="back-link" to={{ pathname: '/incidents', search }}>
        ← All incidents
      </Link>
      <PageHeader
        title={`Incident ${externalId}`}
        question="How many responder hours did this incident cost, who spent them, and when?"
      />
      <FilterBar />
      <EmptyState
        title="No data for this incident yet"
        action={
          <Link className="button" to={{ pathname: '/settings', search }}>
            Import data
          </Link>
        }
      >
        <p>
          No workload, alerts, pages or activity are recorded for <strong>{externalId}</strong> yet. The per-responder
          timeline appears once the incident and its responder activity are imported.
        </p>
      </EmptyState>
    </>
  );
}
