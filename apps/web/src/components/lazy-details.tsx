import { useState, type ReactNode } from 'react';

/**
 * A `<details>` whose content is drawn only once it is opened (and again each time): a long table
 * folded away costs nothing until someone asks for it. 1,000 activity rows are 5,000 elements.
 */
export function LazyDetails({ summary, className, children }: { summary: ReactNode; className?: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className={className} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children}
    </details>
  );
}
