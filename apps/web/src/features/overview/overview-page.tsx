import { PageHeader } from '../../components/page-header';
import { FilterBar } from '../filters/filter-bar';
import { RangeEmptyState } from '../filters/range-empty-state';

export default function OverviewPage() {
  return (
    <>
      <PageHeader
        title="Overview"
        question="How heavy was the operational load in this period, compared with the period before it?"
      />
      <FilterBar />
      <RangeEmptyState records="incidents or responder activity" />
    </>
  );
}
