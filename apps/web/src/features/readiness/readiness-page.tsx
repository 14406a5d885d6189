import { PageHeader } from '../../components/page-header';
import { FilterBar } from '../filters/filter-bar';
import { RangeEmptyState } from '../filters/range-empty-state';

export default function ReadinessPage() {
  return (
    <>
      <PageHeader
        title="Readiness"
        question="Who is ready: who has handled a major incident or a game day recently, for each service and over time?"
      />
      <FilterBar />
      <RangeEmptyState records="major incidents or game days" />
    </>
  );
}
