import { useEffect, useId, useState } from 'react';

/** Milliseconds of no typing before the search applies. */
const DEBOUNCE_MS = 300;

interface IncidentSearchProps {
  /** The search in the URL (trimmed). */
  value: string;
  onSearch: (q: string) => void;
}

/** Title search: applies after a pause in typing, or at once on Enter. */
export function IncidentSearch({ value, onSearch }: IncidentSearchProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);

  // A change from outside (Back, "Clear search") replaces the draft; the draft's own edges stay while typing.
  useEffect(() => setDraft((current) => (current.trim() === value ? current : value)), [value]);

  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = setTimeout(() => onSearch(draft.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, value, onSearch]);

  return (
    <form
      className="field incident-search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(draft.trim());
      }}
    >
      <label className="field-label" htmlFor={id}>
        Search titles
      </label>
      <input
        id={id}
        className="control"
        type="search"
        value={draft}
        maxLength={200}
        placeholder="e.g. postgres"
        autoComplete="off"
        onChange={(event) => setDraft(event.target.value)}
      />
    </form>
  );
}
