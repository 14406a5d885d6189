import './filter-chips.css';

export interface FilterChip {
  key: string;
  /** What the filter keeps, in words: "Weekday: Tuesday". */
  label: string;
  onRemove: () => void;
}

/**
 * Filters a chart's drill-down added, each a chip with a button that removes it (the rest stay).
 * Nothing is drawn when there are none.
 */
export function FilterChips({ chips, label }: { chips: readonly FilterChip[]; label: string }) {
  if (chips.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label={label}>
      {chips.map((chip) => (
        <li key={chip.key} className="filter-chip" data-filter={chip.key}>
          <span>{chip.label}</span>
          <button type="button" className="filter-chip-remove" onClick={chip.onRemove} aria-label={`Remove filter: ${chip.label}`}>
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M4 4l8 8M12 4l-8 8" />
            </svg>
          </button>
        </li>
      ))}
    </ul>
  );
}
