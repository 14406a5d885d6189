import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatCount, formatValue, type Unit } from './format';

/** One column of a chart's table view (also its CSV column). */
export interface TableColumn<Row> {
  /** Column header, with the unit when there is one ("Working (h)"). */
  header: string;
  /** CSV header; defaults to `header`. */
  csvHeader?: string;
  value: (row: Row) => string | number | null;
  /** How a numeric value is written on screen; text values are shown as they are. */
  unit?: Unit;
}

interface DataTableProps<Row> {
  caption: string;
  rows: readonly Row[];
  columns: readonly TableColumn<Row>[];
  rowKey: (row: Row) => string;
  /** Where the first cell of a row links to (the records behind it), when it drills down. */
  rowLink?: (row: Row) => string;
}

function display<Row>(column: TableColumn<Row>, row: Row): ReactNode {
  const value = column.value(row);
  if (value === null) return '—';
  return typeof value === 'number' && column.unit ? formatValue(value, column.unit) : value;
}

/** Rows a table draws before "Show all": an organisation's 1,500 services are 15,000 cells. */
export const TABLE_ROWS_FIRST = 200;

/**
 * The numbers behind a chart as a plain table: the chart's text alternative. A long table draws its
 * first {@link TABLE_ROWS_FIRST} rows and a button for the rest; its CSV always has every row.
 */
export function DataTable<Row>({ caption, rows, columns, rowKey, rowLink }: DataTableProps<Row>) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll || rows.length <= TABLE_ROWS_FIRST ? rows : rows.slice(0, TABLE_ROWS_FIRST);
  return (
    <>
      <div className="data-table-scroll" tabIndex={0} role="region" aria-label={`${caption} (table)`}>
        <table className="data-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.header} scope="col" className={column.unit ? 'numeric' : undefined}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column, index) => {
                  const content = display(column, row);
                  const cell = index === 0 && rowLink ? <Link to={rowLink(row)}>{content}</Link> : content;
                  return index === 0 ? (
                    <th key={column.header} scope="row" className={column.unit ? 'numeric' : undefined}>
                      {cell}
                    </th>
                  ) : (
                    <td key={column.header} className={column.unit ? 'numeric' : undefined}>
                      {cell}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length < rows.length && (
        <p className="data-table-more">
          The first {formatCount(shown.length)} of {formatCount(rows.length)} rows.{' '}
          <button type="button" className="link-button" onClick={() => setShowAll(true)}>
            Show all {formatCount(rows.length)}
          </button>
        </p>
      )}
    </>
  );
}
