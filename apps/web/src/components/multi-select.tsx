import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

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
  /** Called when the dropdown opens or closes (e.g. to load the options on first open). */
  onOpenChange?: (open: boolean) => void;
}

/** From this many options on, the open list has a box to narrow it by name. */
export const FILTER_FROM = 12;
/** The open list shows at most this many unselected options; typing in the box narrows them. */
export const LISTED_MAX = 200;

/**
 * The options the open list shows, in their order: every selected one (so it can be cleared), and the
 * first `max` others whose label or value contains `text`; `matching` counts all those others.
 */
export function visibleOptions(listed: Option[], selected: string[], text: string, max: number): { shown: Option[]; matching: number } {
  const needle = text.trim().toLowerCase();
  const shown: Option[] = [];
  let matching = 0;
  for (const option of listed) {
    if (selected.includes(option.value)) {
      shown.push(option);
    } else if (needle === '' || option.label.toLowerCase().includes(needle) || option.value.toLowerCase().includes(needle)) {
      if (matching < max) shown.push(option);
      matching++;
    }
  }
  return { shown, matching };
}

/**
 * A labelled dropdown of checkboxes. Selected values missing from `options` (e.g. from a shared
 * link while the list is unavailable) are still listed, so they can be seen and cleared.
 *
 * The checkboxes exist only while the dropdown is open: an organisation with 1,500 services would
 * otherwise put 3,000 elements on every page before anyone asks for them. A long list has a box to
 * narrow it, and shows its first `LISTED_MAX` matches.
 */
export function MultiSelect({ label, allLabel, countLabel, options, selected, onChange, note, onOpenChange }: MultiSelectProps) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const labelId = useId();
  const summaryId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');

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

  const { shown, matching } = visibleOptions(listed, selected, text, LISTED_MAX);
  const unselectedShown = shown.length - selected.length;

  function toggle(value: string, checked: boolean) {
    onChange(checked ? [...selected, value] : selected.filter((other) => other !== value));
  }

  return (
    <div className="field">
      <span className="field-label" id={labelId}>
        {label}
      </span>
      <details
        ref={detailsRef}
        className="multi-select"
        onToggle={(event) => {
          setOpen(event.currentTarget.open);
          onOpenChange?.(event.currentTarget.open);
        }}
      >
        <summary className="control" aria-labelledby={`${labelId} ${summaryId}`}>
          <span className="multi-select-summary" id={summaryId}>
            {summary}
          </span>
        </summary>
        {open && (
          <div className="multi-select-panel">
            {listed.length >= FILTER_FROM && (
              <input
                type="search"
                className="control multi-select-filter"
                placeholder={`Filter ${label.toLowerCase()}`}
                aria-label={`Filter ${label.toLowerCase()}`}
                value={text}
                onChange={(event) => setText(event.target.value)}
              />
            )}
            <fieldset>
              <legend className="visually-hidden">{label}</legend>
              <label className="check">
                <input type="checkbox" checked={selected.length === 0} onChange={() => onChange([])} />
                {allLabel}
              </label>
              {shown.map((option) => (
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
            {matching > unselectedShown && (
              <p className="multi-select-note">
                {unselectedShown.toLocaleString('en-US')} of {matching.toLocaleString('en-US')} listed; type to narrow the list.
              </p>
            )}
            {matching === 0 && text.trim() !== '' && <p className="multi-select-note">No {label.toLowerCase()} match “{text.trim()}”.</p>}
            {note && <p className="multi-select-note">{note}</p>}
          </div>
        )}
      </details>
    </div>
  );
}
