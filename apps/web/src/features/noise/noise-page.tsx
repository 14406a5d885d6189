import { PageHeader } from '../../components/page-header';
import { FilterBar } from '../filters/filter-bar';
import { RangeEmptyState } from '../filters/range-empty-state';

export default function NoisePage() {
  return (
    <>
      <PageHeader
        title="Pager noise"
        question="How noisy is the pager: which alert rules page people for nothing, and who gets woken up?"
      />
      <FilterBar />
      <RangeEmptyState records="alerts or pages" />
    </>
  );
}
