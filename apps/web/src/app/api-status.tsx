import { describeError } from '../data/api-client';
import { useHealthQuery } from '../data/meta/health-query';

/**
 * The shell's notices about the API itself: connecting, unreachable, or reachable with
 * authentication off (anyone on the network can read the data, so it must be unmistakable).
 */
export function ApiStatus() {
  const health = useHealthQuery();

  if (health.isPending) {
    return (
      <p className="status-line" role="status">
        <span className="spinner" aria-hidden="true" /> Connecting to the Firewatch API…
      </p>
    );
  }

  if (health.isError) {
    return (
      <div className="banner banner-error" role="alert">
        <div className="banner-text">
          <strong>The Firewatch API is unreachable.</strong>
          <span>No figures can load until it answers. Check that the Firewatch server is running, then try again.</span>
          <span className="banner-detail">Details: {describeError(health.error)}</span>
        </div>
        <button type="button" className="button" onClick={() => void health.refetch()} disabled={health.isFetching}>
          {health.isFetching ? 'Checking…' : 'Try again'}
        </button>
      </div>
    );
  }

  if (health.data.auth === 'off') {
    return (
      <div className="banner banner-warning" role="note">
        <div className="banner-text">
          <strong>Authentication is off: anyone who can reach this address can read the data.</strong>
          <span>
            Start the server with <code>FIREWATCH_AUTH=on</code> to require an API token for reading.
          </span>
        </div>
      </div>
    );
  }

  return null;
}

/** One line for the navigation footer: which API version answers, or that none does. */
export function ApiVersion() {
  const health = useHealthQuery();
  if (health.isPending) return <span>Connecting…</span>;
  if (health.isError) return <span className="text-error">API unreachable</span>;
  return <span>Firewatch {health.data.version}</span>;
}
