import { PageHeader } from '../../components/page-header';
import { FilterBar } from '../filters/filter-bar';
import { RangeEmptyState } from '../filters/range-empty-state';

export default function IncidentsPage() {
  return (
    <>
      <PageHeader
        title="Incidents"
        question="Which incidents happened in this period, and what did each one cost in responder hours?"
      />
      <FilterBar />
      <RangeEmptyState records="incidents" />
    </>
  );
}
