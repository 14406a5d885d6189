import { INGEST_KINDS, type IngestKind } from '@firewatch/shared';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../data/api-client';
import { useImportCsvMutation } from '../../data/imports/import-csv-mutation';
import { useIngestToken } from '../../data/ingest-token';
import { describeImportCounts, needsIngestToken, toProblemTable } from './import-outcome';
import { IngestTokenField } from './ingest-token-field';

/** Upload of one CSV file of one record kind, with the counts or every problem by line. */
export function CsvImportPanel() {
  const ids = { kind: useId(), file: useId() };
  const [kind, setKind] = useState<IngestKind>(INGEST_KINDS[0]);
  const [file, setFile] = useState<File | null>(null);
  const [token] = useIngestToken();
  const importCsv = useImportCsvMutation();
  const uploading = importCsv.isPending;


  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // `required` on the inputs stops an empty submit in the browser; this keeps the types honest.
    if (!file || uploading) return;
    importCsv.mutate({ kind, file, token: token.trim() });
  }

  const fileName = importCsv.variables?.file.name ?? '';

  return (
    <section className="panel" aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <p>
        Load records from a CSV file whose header row uses the ingest field names. A file is imported all or nothing:
        if any line is invalid, nothing is written and every problem is listed by line. Re-importing the same file
        changes nothing.
      </p>
      <p className="muted">
        From a terminal: <code>npm run import -- &lt;kind&gt; &lt;file.csv&gt;</code>. Live data can also arrive through
        the PagerDuty, Alertmanager and incident.io webhooks.
      </p>

      <form className="import-form" onSubmit={submit} aria-busy={uploading}>
        <div className="field">
          <label className="field-label" htmlFor={ids.kind}>
            Record kind
          </label>
          <select
            id={ids.kind}
            className="control"
            value={kind}
            onChange={(event) => setKind(event.target.value as IngestKind)}
          >
            {INGEST_KINDS.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>

        <div className="field">
          <label className="field-label" htmlFor={ids.file}>
            CSV file
          </label>
          <input
            id={ids.file}
            className="control control-file"
            type="file"
            accept=".csv,text/csv"
            required
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>

        <IngestTokenField />

        <div className="import-actions">
          <button type="submit" className="button button-primary" disabled={uploading}>
            {uploading ? 'Importing…' : 'Import'}
          </button>
          {uploading && (
            <span className="status-line">
              <span className="spinner" aria-hidden="true" />
              Uploading {fileName}…
            </span>
          )}
        </div>
      </form>

      {importCsv.isSuccess && (
        <p className="import-outcome import-outcome-success" role="status">
          {describeImportCounts(fileName, importCsv.data)}
        </p>
      )}
      {importCsv.isError && <ImportFailure fileName={fileName} error={importCsv.error} />}
    </section>
  );
}

const TOKEN_COMMAND = 'npm run token -- create --name NAME --scopes ingest';

function ImportFailure({ fileName, error }: { fileName: string; error: Error }) {
  const apiError = error instanceof ApiError ? error : undefined;
  const problems = toProblemTable(apiError?.details ?? []);

  return (
    <div className="import-outcome import-outcome-error" role="alert">
      <p className="import-outcome-title">{fileName} was not imported</p>
      <p>{error.message}</p>
      {apiError && needsIngestToken(apiError.statusCode) && (
        <p>
          Importing needs an API token with the <code>ingest</code> scope. Create one on the server with{' '}
          <code>{TOKEN_COMMAND}</code>, then paste the token it prints (shown only once) into the API token field.
        </p>
      )}
      {problems.rows.length > 0 && (
        <div className="problem-table-scroll">
          <table className="problem-table">
            <caption className="visually-hidden">Problems in {fileName}</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Field</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {problems.rows.map((row) => (
                <tr key={row.key}>
                  <td>{row.line}</td>
                  <td className="problem-field">{row.field}</td>
                  <td>{row.problem}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {problems.moreCount > 0 && <p>and {problems.moreCount} more</p>}
      {apiError?.requestId && <p className="import-request-id">Request id: {apiError.requestId}</p>}
    </div>
  );
}
