import { formatValue, type Unit } from './format';

interface TooltipEntry {
  name?: string | number;
  value?: unknown;
  color?: string;
}

interface ChartTooltipProps {
  active?: boolean;
  label?: string | number;
  payload?: readonly TooltipEntry[];
  unit: Unit;
  /** Writes the category (x value) as a person reads it. */
  formatLabel?: (label: string) => string;
  /** Adds a total line when a bar stacks several series. */
  showTotal?: boolean;
  /** A last line saying what a click does, e.g. "Click to see the incidents". */
  hint?: string;
  /** The unit of a series drawn in another unit than `unit` (e.g. a cumulative share line), by its name. */
  unitOf?: (name: string) => Unit | undefined;
}

/** The tooltip of every chart: the category, each series with its unit, the total of a stack. */
export function ChartTooltip({ active, label, payload, unit, formatLabel, showTotal, hint, unitOf }: ChartTooltipProps) {
  if (!active || !payload?.length) return null;
  const entries = payload.filter((entry) => typeof entry.value === 'number');
  const total = entries.reduce((sum, entry) => sum + (entry.value as number), 0);
  const title = label === undefined ? '' : formatLabel ? formatLabel(String(label)) : String(label);
  return (
    <div className="chart-tooltip">
      {title && <p className="chart-tooltip-title">{title}</p>}
      <ul>
        {entries.map((entry) => (
          <li key={String(entry.name)}>
            <span className="swatch" style={{ background: entry.color }} aria-hidden="true" />
            {entry.name}: <strong>{formatValue(entry.value as number, unitOf?.(String(entry.name)) ?? unit)}</strong>
          </li>
        ))}
      </ul>
      {showTotal && entries.length > 1 && (
        <p className="chart-tooltip-total">
          Total: <strong>{formatValue(total, unit)}</strong>
        </p>
      )}
      {hint && <p className="chart-tooltip-hint">{hint}</p>}
    </div>
  );
}
