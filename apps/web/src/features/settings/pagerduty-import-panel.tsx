import { describePagerDutyImportCounts, describePagerDutyImportProgress, type PagerDutyImportStatus } from '@firewatch/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { describeError } from '../../data/api-client';
import { importKeys } from '../../data/imports/keys';
import { usePagerDutyImportQuery, useStartPagerDutyImportMutation } from '../../data/imports/pagerduty-import-query';
import { useIngestToken } from '../../data/ingest-token';
import { IngestTokenField } from './ingest-token-field';
import { defaultImportSince } from './pagerduty-import-dates';

/**
 * Starts a PagerDuty history import on the server (with the server's own PagerDuty key) and follows
 * it: the progress line while it runs, then what it wrote or why it stopped.
 */
export function PagerDutyImportPanel() {
  const ids = { since: useId(), until: useId() };
  const [since, setSince] = useState(() => defaultImportSince(new Date()));
  const [until, setUntil] = useState('');
  const [token] = useIngestToken();
  const status = usePagerDutyImportQuery();
  const start = useStartPagerDutyImportMutation();
  const current = status.data;
  const running = current?.state === 'running' || start.isPending;
  useRefreshWhenFinished(current);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (running) return;
    start.mutate({ since, ...(until && { until }), token: token.trim() });
  }

  return (
    <section className="panel" aria-labelledby="pagerduty-import-heading">
      <h2 id="pagerduty-import-heading">PagerDuty history</h2>
      <p>
        Reads teams, services, users, on-call shifts and every incident created in the range, with each notification
        (its real channel and escalation level), escalation, acknowledgement and note, from PagerDuty’s REST API. It
        writes one week at a time: a stopped import resumes where it stopped, and importing the same range again changes
        nothing.
      </p>
      <p className="muted">
        From a terminal: <code>npm run import:pagerduty -- --since {since || '2025-01-01'}</code>. The server uses its own
        PagerDuty key (<code>PAGERDUTY_API_TOKEN</code>); the README’s “Connect your tools” says which key to create,
        and how to re-run the import nightly and add the webhook.
      </p>
      {current && !current.configured && (
        <p className="callout callout-warning">
          Not configured: set <code>PAGERDUTY_API_TOKEN</code> on the server to a read-only PagerDuty REST API key and
          restart it.
        </p>
      )}

      <form className="import-form" onSubmit={submit} aria-busy={running}>
        <div className="field">
          <label className="field-label" htmlFor={ids.since}>
            Incidents created from (UTC)
          </label>
          <input id={ids.since} className="control" type="date" required value={since} onChange={(event) => setSince(event.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.until}>
            Until (exclusive; empty: now)
          </label>
          <input id={ids.until} className="control" type="date" value={until} onChange={(event) => setUntil(event.target.value)} />
        </div>
        <IngestTokenField label="Firewatch API token" />
        <div className="import-actions">
          <button type="submit" className="button button-primary" disabled={running || current?.configured === false}>
            {running ? 'Importing…' : 'Start import'}
          </button>
        </div>
      </form>

      {start.isError && (
        <div className="import-outcome import-outcome-error" role="alert">
          <p className="import-outcome-title">The import did not start</p>
          <p>{describeError(start.error)}</p>
        </div>
      )}
      {current && <ImportState status={current} />}
    </section>
  );
}

function ImportState({ status }: { status: PagerDutyImportStatus }) {
  const range = `${status.since} – ${status.until ?? 'now'}`;
  if (status.state === 'running') {
    return (
      <p className="status-line" role="status">
        <span className="spinner" aria-hidden="true" />
        Importing {range}: {status.progress ? describePagerDutyImportProgress(status.progress) : 'reading teams, services and users…'}
      </p>
    );
  }
  if (status.state === 'done' && status.progress) {
    return (
      <p className="import-outcome import-outcome-success" role="status">
        Imported {range}
        {status.resumedFrom && ` (resumed from ${status.resumedFrom.slice(0, 10)})`}: {describePagerDutyImportCounts(status.progress)}.
      </p>
    );
  }
  if (status.state === 'failed') {
    return (
      <div className="import-outcome import-outcome-error" role="alert">
        <p className="import-outcome-title">The import of {range} stopped</p>
        <p>{status.error}</p>
        <p>
          {status.progress
            ? `Committed up to ${status.progress.doneUntil.slice(0, 10)}; starting it again with the same start date resumes there.`
            : 'Nothing was written.'}
        </p>
      </div>
    );
  }
  return null;
}

/** When a run ends, every figure may have changed: refetch the other queries once. */
function useRefreshWhenFinished(status: PagerDutyImportStatus | undefined) {
  const queryClient = useQueryClient();
  const previous = useRef(status?.state);
  useEffect(() => {
    if (previous.current === 'running' && status?.state !== 'running') {
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== importKeys.all[0] });
    }
    previous.current = status?.state;
  }, [status?.state, queryClient]);
}
