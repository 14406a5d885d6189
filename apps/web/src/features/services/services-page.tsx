import { PageHeader } from '../../components/page-header';
import { FilterBar } from '../filters/filter-bar';
import { RangeEmptyState } from '../filters/range-empty-state';

export default function ServicesPage() {
  return (
    <>
      <PageHeader
        title="Services & causes"
        question="Which services and causes drive incidents and responder hours, and how is that changing?"
      />
      <FilterBar />
      <RangeEmptyState records="incidents" />
    </>
  );
}
