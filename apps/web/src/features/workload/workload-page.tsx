import { PageHeader } from '../../components/page-header';
import { FilterBar } from '../filters/filter-bar';
import { RangeEmptyState } from '../filters/range-empty-state';

export default function WorkloadPage() {
  return (
    <>
      <PageHeader
        title="Workload"
        question="How many responder hours did each incident cost, and whose hours were they: working, late or sleeping?"
      />
      <FilterBar />
      <RangeEmptyState records="responder activity" />
    </>
  );
}
