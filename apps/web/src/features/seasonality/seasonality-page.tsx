import { PageHeader } from '../../components/page-header';
import { FilterBar } from '../filters/filter-bar';
import { RangeEmptyState } from '../filters/range-empty-state';

export default function SeasonalityPage() {
  return (
    <>
      <PageHeader
        title="Seasonality"
        question="When do incidents happen: by week and month, by weekday and hour, around holidays, and in unusual weeks?"
      />
      <FilterBar />
      <RangeEmptyState records="incidents" />
    </>
  );
}
