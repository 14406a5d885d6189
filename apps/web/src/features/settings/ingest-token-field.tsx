import { useId } from 'react';
import { useIngestToken } from '../../data/ingest-token';

/**
 * The API token field of the forms that write data: one remembered value, shown in every such form.
 * `label` tells the fields of one page apart.
 */
export function IngestTokenField({ label = 'API token' }: { label?: string }) {
  const ids = { token: useId(), tokenHint: useId() };
  const [token, setToken] = useIngestToken();
  return (
    <div className="field">
      <label className="field-label" htmlFor={ids.token}>
        {label}
      </label>
      <input
        id={ids.token}
        className="control"
        type="password"
        autoComplete="off"
        spellCheck={false}
        required
        value={token}
        onChange={(event) => setToken(event.target.value)}
        aria-describedby={ids.tokenHint}
      />
      <p className="field-hint" id={ids.tokenHint}>
        Needs the <code>ingest</code> scope, even when reading needs no token. Kept in this tab’s session storage only,
        until the tab is closed.
      </p>
    </div>
  );
}
