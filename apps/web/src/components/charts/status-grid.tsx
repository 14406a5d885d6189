import './status-grid.css';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ChartLegend } from './chart-legend';

/** A status a cell can be in: its colour and the word that says it (never colour alone). */
export interface GridStatus {
  key: string;
  /** The legend's words: what the status means. */
  label: string;
  /** The cell's words, when the legend's are too long for a cell. */
  shortLabel?: string;
  color: string;
}

interface StatusGridProps<Item> {
  items: readonly Item[];
  statuses: readonly GridStatus[];
  status: (item: Item) => string;
  itemKey: (item: Item) => string;
  title: (item: Item) => string;
  /** A line under the title, e.g. who covers the service. */
  detail?: (item: Item) => ReactNode;
  /** Where the cell's title links to (the records behind it). */
  link?: (item: Item) => string;
  /** Accessible name of the list. */
  label: string;
}

/** A grid of cells, one per item, each coloured and labelled by its status (e.g. service coverage). */
export function StatusGrid<Item>({ items, statuses, status, itemKey, title, detail, link, label }: StatusGridProps<Item>) {
  const byKey = new Map(statuses.map((s) => [s.key, s]));
  return (
    <div className="chart">
      <ChartLegend series={statuses} />
      {/* A table of the items (read as one), its rows laid out as a grid of tiles. */}
      <table className="status-grid" aria-label={label}>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            {detail && <th scope="col">Detail</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const s = byKey.get(status(item));
            return (
              <tr key={itemKey(item)} className="status-cell" style={{ borderLeftColor: s?.color }} data-status={s?.key}>
                <th scope="row" className="status-cell-title">
                  {link ? <Link to={link(item)}>{title(item)}</Link> : title(item)}
                </th>
                <td className="status-cell-status">
                  <span className="swatch" style={{ background: s?.color }} aria-hidden="true" />
                  {s?.shortLabel ?? s?.label ?? status(item)}
                </td>
                {detail && <td className="status-cell-detail">{detail(item)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
