import { hourSpan, weekdayNames } from '../../components/calendar-labels';
import { FilterChips } from '../../components/filter-chips';
import { reasonLabels } from '../noise/noise-view';
import { drillParamNames, type IncidentDrill, type IncidentListView } from './incident-list-state';

interface DrillFilterChipsProps {
  view: IncidentListView;
  /** Removes one drill-down filter (the list goes back to page 1). */
  onRemove: (name: keyof IncidentDrill) => void;
}

/**
 * "Weekday: Tuesday", "Hour: 14:00–15:00", "Cause: deploy" (weekday and hour of declaredAt, in the org
 * time zone the list states), "Level 2 reached: Timed out", "Worked on by: r-ada".
 */
function chipLabel(name: keyof IncidentDrill, view: IncidentListView): string | null {
  switch (name) {
    case 'weekday':
      return view.weekday === null ? null : `Weekday: ${weekdayNames[view.weekday - 1]}`;
    case 'hour':
      return view.hour === null ? null : `Hour: ${hourSpan(view.hour)}`;
    case 'cause':
      return view.cause === null ? null : `Cause: ${view.cause}`;
    case 'escalationReason':
      return view.escalationReason === null ? null : `Level 2 reached: ${reasonLabels[view.escalationReason]}`;
    case 'responder':
      return view.responder === null ? null : `Worked on by: ${view.responder}`;
  }
}

/** The list's drill-down filters as removable chips. */
export function DrillFilterChips({ view, onRemove }: DrillFilterChipsProps) {
  const chips = drillParamNames.flatMap((name) => {
    const label = chipLabel(name, view);
    return label === null ? [] : [{ key: name, label, onRemove: () => onRemove(name) }];
  });
  return <FilterChips chips={chips} label="Drill-down filters" />;
}
