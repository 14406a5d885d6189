import './heatmap.css';
import { useState, type KeyboardEvent } from 'react';
import { formatValue, type Unit } from './format';
import { useNarrowScreen } from './use-narrow-screen';

interface HeatmapChartProps<Cell> {
  /** Row labels, top to bottom (e.g. Monday … Sunday), and their short form on a phone. */
  rowLabels: readonly string[];
  shortRowLabels?: readonly string[];
  /** Column labels, left to right (e.g. 00 … 23). */
  columnLabels: readonly string[];
  /** The cell at row `r`, column `c`. */
  cellAt: (row: number, column: number) => Cell;
  value: (cell: Cell) => number;
  unit: Unit;
  /** What a cell stands for, in words: "Tuesday 14:00–15:00". */
  describe: (row: number, column: number) => string;
  /** What the value counts, after the number: "incidents". */
  valueName: string;
  /** Darkest colour of the scale (0 is white). */
  color: string;
  onSelect?: (cell: Cell) => void;
  selectHint?: string;
}

/** A colour from white (0) to `color` (the largest value), as a CSS colour-mix: one hue, so it reads in greyscale too. */
export function heatColor(value: number, max: number, color: string): string {
  if (max <= 0 || value <= 0) return 'var(--color-surface)';
  // At least 12% so a cell of 1 stands out from an empty one.
  const percent = Math.round(12 + (88 * value) / max);
  return `color-mix(in srgb, ${color} ${percent}%, white)`;
}

/**
 * A grid of cells shaded by value (e.g. incidents by weekday × hour). Keyboard: the grid is one
 * tab stop; arrow keys move between cells, Enter or Space opens a cell's records. The hovered or
 * focused cell's figure is shown as a tooltip line under the grid.
 */
export function HeatmapChart<Cell>(props: HeatmapChartProps<Cell>) {
  const { rowLabels, columnLabels, cellAt, value, unit, describe, valueName, color, onSelect, selectHint } = props;
  const narrow = useNarrowScreen();
  const [active, setActive] = useState<[number, number] | null>(null);
  const [focus, setFocus] = useState<[number, number]>([0, 0]);
  const rows = rowLabels.length;
  const columns = columnLabels.length;
  let max = 0;
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) max = Math.max(max, value(cellAt(r, c)));

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    const [r, c] = focus;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [Math.max(0, r - 1), c],
      ArrowDown: [Math.min(rows - 1, r + 1), c],
      ArrowLeft: [r, Math.max(0, c - 1)],
      ArrowRight: [r, Math.min(columns - 1, c + 1)],
      Home: [r, 0],
      End: [r, columns - 1],
    };
    const next = moves[event.key];
    if (next) {
      event.preventDefault();
      setFocus(next);
      setActive(next);
      event.currentTarget.querySelector<HTMLElement>(`[data-cell="${next[0]}-${next[1]}"]`)?.focus();
    } else if ((event.key === 'Enter' || event.key === ' ') && onSelect) {
      event.preventDefault();
      onSelect(cellAt(r, c));
    }
  }

  const labels = narrow && props.shortRowLabels ? props.shortRowLabels : rowLabels;
  return (
    <div className="chart heatmap" data-clickable={onSelect ? 'true' : undefined}>
      {/* A real table (read as a grid): the numbers are its cells, laid out with CSS grid. */}
      <table
        role="grid"
        aria-label={`${valueName} heatmap`}
        className="heatmap-grid"
        style={{ gridTemplateColumns: `auto repeat(${columns}, minmax(0, 1fr))` }}
        onKeyDown={onKeyDown}
        onMouseLeave={() => setActive(null)}
      >
        <thead className="heatmap-row-contents">
          <tr role="row" className="heatmap-row-contents">
            <td className="heatmap-corner" />
            {columnLabels.map((label, c) => (
              <th role="columnheader" scope="col" key={label} className="heatmap-column-label">
                {narrow && c % 3 !== 0 ? '' : label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="heatmap-row-contents">
          {labels.map((label, r) => (
            <tr role="row" key={rowLabels[r]} className="heatmap-row-contents">
              <th role="rowheader" scope="row" className="heatmap-row-label" title={rowLabels[r]}>
                {label}
              </th>
              {columnLabels.map((_, c) => {
                const cell = cellAt(r, c);
                const v = value(cell);
                const text = `${describe(r, c)}: ${formatValue(v, unit)} ${valueName}`;
                const dark = max > 0 && v / max > 0.55;
                return (
                  <td role="gridcell" key={c} className="heatmap-slot">
                    <button
                      type="button"
                      data-cell={`${r}-${c}`}
                      className="heatmap-cell"
                      data-dark={dark ? 'true' : undefined}
                      tabIndex={focus[0] === r && focus[1] === c ? 0 : -1}
                      aria-label={text}
                      style={{ background: heatColor(v, max, color) }}
                      onMouseEnter={() => setActive([r, c])}
                      onFocus={() => {
                        setFocus([r, c]);
                        setActive([r, c]);
                      }}
                      onClick={onSelect ? () => onSelect(cell) : undefined}
                    >
                      {!narrow && v > 0 ? formatValue(v, unit) : ''}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="heatmap-footer">
        <p className="heatmap-tooltip" aria-live="polite">
          {active ? (
            <>
              <strong>{describe(active[0], active[1])}</strong>: {formatValue(value(cellAt(active[0], active[1])), unit)} {valueName}
              {onSelect && selectHint ? <span className="chart-tooltip-hint"> · {selectHint}</span> : null}
            </>
          ) : (
            'Point at or tab to a cell for its figure.'
          )}
        </p>
        <p className="heatmap-scale" aria-hidden="true">
          <span>0</span>
          <span className="heatmap-scale-bar" style={{ background: `linear-gradient(to right, white, ${color})` }} />
          <span>{formatValue(max, unit)}</span>
        </p>
      </div>
    </div>
  );
}
