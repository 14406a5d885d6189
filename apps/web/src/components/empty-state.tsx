import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** A next step, e.g. a link to import data. */
  action?: ReactNode;
}

/** The panel shown where data would be when there is none: says so plainly and offers a next step. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <section className="panel empty-state" aria-label={title}>
      <svg className="empty-state-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M4 19h16M6 16V9M10 16V5M14 16v-4M18 16v-7" />
      </svg>
      <h2>{title}</h2>
      {children && <div className="empty-state-body">{children}</div>}
      {action && <div className="empty-state-action">{action}</div>}
    </section>
  );
}
