import { Component, type ReactNode } from 'react';
import { describeError } from '../data/api-client';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** Changing this value (e.g. the path) clears a caught error. */
  resetKey: string;
}

interface ErrorBoundaryState {
  error: unknown;
}

/**
 * Catches a page that fails to render or whose code fails to load (e.g. a lazy chunk that no
 * longer exists after an upgrade) so the shell and its navigation stay usable.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error };
  }

  override componentDidUpdate(previous: ErrorBoundaryProps) {
    if (previous.resetKey !== this.props.resetKey && this.state.error !== null) this.setState({ error: null });
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <section className="panel error-panel" role="alert">
        <h1>This page could not be displayed</h1>
        <p>{describeError(this.state.error)}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </section>
    );
  }
}
