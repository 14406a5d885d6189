import './charts.css';
import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, describeError } from '../../data/api-client';
import { rowsToCsv, saveCsv } from './csv';
import { DataTable, type TableColumn } from './data-table';
import { definitionPath } from './definition-link';

export type ChartStatus = 'pending' | 'error' | 'success';

interface ChartCardProps<Row> {
  /** States what is shown and in which unit: "Workload per week (hours)". */
  title: string;
  /** One sentence under the title: the finding or how to read the chart. */
  description?: ReactNode;
  /** Anchor of the metric's section in the definitions (METRICS.md heading slug). */
  definition: string;
  status: ChartStatus;
  error?: unknown;
  onRetry?: () => void;
  /** The rows the chart draws: its table view and its CSV. */
  rows: readonly Row[];
  columns: readonly TableColumn<Row>[];
  rowKey: (row: Row) => string;
  rowLink?: (row: Row) => string;
  /** File name of the CSV download (`.csv` included). */
  csvFilename: string;
  /** Downloads the CSV some other way (e.g. the API's own `Accept: text/csv`); default: the rows above. */
  downloadCsv?: () => Promise<void>;
  /** Shown instead of the chart when there are no rows (or nothing but zeros) to draw. */
  empty: boolean;
  emptyText: ReactNode;
  /** Extra class of the card, e.g. to span a grid's full width. */
  className?: string;
  /** Choices of what the chart shows (e.g. day / week / month): kept on screen in every state, so an empty choice can be undone. */
  controls?: ReactNode;
  /** The chart itself; without one the card shows its table (a table is its own text alternative). */
  children?: ReactNode;
}

/**
 * The frame of every chart: a title with the unit, a link to the metric's definition, a CSV
 * download, explicit loading / error / empty states, and a "Show as table" toggle that makes the
 * numbers reachable without the picture.
 */
export function ChartCard<Row>(props: ChartCardProps<Row>) {
  const { title, description, definition, status, rows, columns, rowKey, rowLink, csvFilename, empty } = props;
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  const [csvError, setCsvError] = useState<string | null>(null);
  const [csvBusy, setCsvBusy] = useState(false);
  const ready = status === 'success' && !empty;

  async function download() {
    setCsvError(null);
    if (!props.downloadCsv) {
      saveCsv(rowsToCsv(rows, columns.map((c) => ({ header: c.csvHeader ?? c.header, value: c.value }))), csvFilename);
      return;
    }
    setCsvBusy(true);
    try {
      await props.downloadCsv();
    } catch (error) {
      setCsvError(describeError(error));
    } finally {
      setCsvBusy(false);
    }
  }

  function body() {
    if (status === 'pending') {
      return (
        <p className="status-line chart-placeholder" role="status">
          <span className="spinner" aria-hidden="true" /> Loading…
        </p>
      );
    }
    if (status === 'error') {
      const code = props.error instanceof ApiError ? props.error.statusCode : 0;
      return (
        <div className="chart-placeholder chart-error" role="alert">
          <p>
            <strong>This chart could not be loaded.</strong> {describeError(props.error)}
          </p>
          {props.onRetry && (code === 0 || code >= 500) && (
            <button type="button" className="button" onClick={props.onRetry}>
              Try again
            </button>
          )}
        </div>
      );
    }
    if (empty) return <div className="chart-placeholder chart-empty">{props.emptyText}</div>;
    if (asTable || props.children === undefined) {
      return <DataTable caption={title} rows={rows} columns={columns} rowKey={rowKey} rowLink={rowLink} />;
    }
    return props.children;
  }

  return (
    <section className={`panel chart-card ${props.className ?? ''}`} aria-labelledby={`${id}-title`}>
      <header className="chart-card-head">
        <div className="chart-card-titles">
          <h2 id={`${id}-title`}>{title}</h2>
          {description && <p className="chart-card-description">{description}</p>}
        </div>
        <div className="chart-card-actions">
          <Link className="chart-info" to={definitionPath(definition)} title={`How “${title}” is defined`}>
            <svg className="chart-info-icon" viewBox="0 0 16 16" aria-hidden="true">
              <circle cx="8" cy="8" r="7" />
              <path d="M8 7v4.5M8 4.5v.5" />
            </svg>
            Definition
          </Link>
          {props.children !== undefined && (
            <button
              type="button"
              className="link-button"
              aria-pressed={asTable}
              disabled={!ready}
              onClick={() => setAsTable((value) => !value)}
            >
              {asTable ? 'Show as chart' : 'Show as table'}
            </button>
          )}
          <button type="button" className="link-button" disabled={!ready || csvBusy} onClick={() => void download()}>
            {csvBusy ? 'Preparing CSV…' : 'Download CSV'}
          </button>
        </div>
      </header>
      {props.controls}
      {csvError && (
        <p className="inline-error" role="alert">
          The CSV could not be downloaded: {csvError}
        </p>
      )}
      {body()}
    </section>
  );
}
