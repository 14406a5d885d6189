import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { describeError } from '../data/api-client';
import { useHealthQuery } from '../data/meta/health-query';
import { readToken, setReadToken } from '../data/read-token';

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

  return <ReadTokenNotice />;
}

/**
 * Authentication is on: reads need a token with the read scope. Asks for one until it is given,
 * then offers to forget it. The token stays in this browser session only.
 */
function ReadTokenNotice() {
  const queryClient = useQueryClient();
  const [token, setToken] = useState(readToken());
  const [draft, setDraft] = useState('');

  const save = (event: FormEvent) => {
    event.preventDefault();
    const value = draft.trim();
    if (!value) return;
    setReadToken(value);
    setToken(value);
    setDraft('');
    void queryClient.invalidateQueries();
  };
  const forget = () => {
    setReadToken(null);
    setToken(null);
    void queryClient.invalidateQueries();
  };

  if (token) {
    return (
      <p className="status-line" role="status">
        Reading with an API token (kept for this browser session).{' '}
        <button type="button" className="link-button" onClick={forget}>
          Forget it
        </button>
      </p>
    );
  }
  return (
    <form className="banner banner-warning token-form" onSubmit={save}>
      <div className="banner-text">
        <strong>This server requires an API token to read the data.</strong>
        <span>
          Paste a token with the <code>read</code> scope (<code>npm run token -- create --name NAME --scopes read</code>). It is kept
          for this browser session only.
        </span>
      </div>
      <label className="token-field">
        <span>Read token</span>
        <input type="password" autoComplete="off" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="fw_…" />
      </label>
      <button type="submit" className="button" disabled={!draft.trim()}>
        Use token
      </button>
    </form>
  );
}

/** One line for the navigation footer: which API version answers, or that none does. */
export function ApiVersion() {
  const health = useHealthQuery();
  if (health.isPending) return <span>Connecting…</span>;
  if (health.isError) return <span className="text-error">API unreachable</span>;
  return <span>Firewatch {health.data.version}</span>;
}
