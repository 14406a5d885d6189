import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface Option {
  value: string;
  label: string;
}

interface MultiSelectProps {
  label: string;
  /** Summary when nothing is selected, e.g. "All services". */
  allLabel: string;
  /** Summary for several selected values, e.g. `(n) => `${n} services``. */
  countLabel: (count: number) => string;
  options: Option[];
  selected: string[];
  onChange: (selected: string[]) => void;
  /** Shown inside the list, e.g. while options load or when they could not be loaded. */
  note?: ReactNode;
}

/**
 * A labelled dropdown of checkboxes. Selected values missing from `options` (e.g. from a shared
 * link while the list is unavailable) are still listed, so they can be seen and cleared.
 */
export function MultiSelect({ label, allLabel, countLabel, options, selected, onChange, note }: MultiSelectProps) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const labelId = useId();
  const summaryId = useId();

  useEffect(() => {
    function closeOnOutsidePointer(event: PointerEvent) {
      const details = detailsRef.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    }
    function closeOnEscape(event: KeyboardEvent) {
      const details = detailsRef.current;
      if (event.key === 'Escape' && details?.open) {
        details.open = false;
        details.querySelector('summary')?.focus();
      }
    }
    document.addEventListener('pointerdown', closeOnOutsidePointer);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('pointerdown', closeOnOutsidePointer);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, []);

  const known = new Set(options.map((option) => option.value));
  const listed = [...options, ...selected.filter((value) => !known.has(value)).map((value) => ({ value, label: value }))];
  const labelOf = (value: string) => listed.find((option) => option.value === value)?.label ?? value;
  const summary =
    selected.length === 0 ? allLabel : selected.length === 1 ? labelOf(selected[0]) : countLabel(selected.length);

  function toggle(value: string, checked: boolean) {
    onChange(checked ? [...selected, value] : selected.filter((other) => other !== value));
  }

  return (
    <div className="field">
      <span className="field-label" id={labelId}>
        {label}
      </span>
      <details ref={detailsRef} className="multi-select">
        <summary className="control" aria-labelledby={`${labelId} ${summaryId}`}>
          <span className="multi-select-summary" id={summaryId}>
            {summary}
          </span>
        </summary>
        <div className="multi-select-panel">
          <fieldset>
            <legend className="visually-hidden">{label}</legend>
            <label className="check">
              <input type="checkbox" checked={selected.length === 0} onChange={() => onChange([])} />
              {allLabel}
            </label>
            {listed.map((option) => (
              <label className="check" key={option.value}>
                <input
                  type="checkbox"
                  checked={selected.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.target.checked)}
                />
                {option.label}
              </label>
            ))}
          </fieldset>
          {note && <p className="multi-select-note">{note}</p>}
        </div>
      </details>
    </div>
  );
}
