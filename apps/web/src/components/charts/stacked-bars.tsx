import { Bar, Tooltip } from 'recharts';
import { ChartTooltip } from './chart-tooltip';
import type { Unit } from './format';
import type { ChartSeries } from './series';
import type { useKeyboardSelect } from './use-keyboard-select';

/*
 * The parts the bar charts share. Recharts finds its Tooltip and Bar elements among the chart's
 * direct children, so these are functions that return elements, called inside <BarChart>, not
 * components of their own.
 */

interface StackedBarsOptions<Row> {
  rows: readonly Row[];
  series: readonly ChartSeries<Row>[];
  unit: Unit;
  keyboard: ReturnType<typeof useKeyboardSelect<Row>>;
  onSelect?: (row: Row) => void;
  selectHint?: string;
  /** The tooltip's heading for a category. */
  formatLabel?: (category: string) => string;
  /** Series side by side instead of stacked (shares of different wholes do not add up); no total. */
  grouped?: boolean;
}

/** Said to screen-reader users of a chart whose bars open their records. */
export function KeyboardSelectHint({ enabled }: { enabled: boolean }) {
  return enabled ? <p className="visually-hidden">In the chart, the arrow keys move between bars and Enter opens the records behind a bar.</p> : null;
}

/** A chart tooltip that also tells the keyboard which category is active (bar and bar/line charts). */
export function selectableTooltip({
  unit,
  unitOf,
  keyboard,
  formatLabel,
  showTotal,
  hint,
}: {
  unit: Unit;
  unitOf?: (name: string) => Unit | undefined;
  keyboard: { track(active: boolean | undefined, index: unknown): void };
  formatLabel?: (category: string) => string;
  showTotal: boolean;
  /** How to open the records behind a category; none when the chart has no click-through. */
  hint?: string;
}) {
  return (
    <Tooltip
      cursor={{ fill: 'rgba(31, 95, 139, 0.08)' }}
      content={(props) => {
        keyboard.track(props.active, props.activeIndex);
        return (
          <ChartTooltip
            active={props.active}
            label={props.label}
            payload={props.payload}
            unit={unit}
            unitOf={unitOf}
            formatLabel={formatLabel}
            showTotal={showTotal}
            hint={hint}
          />
        );
      }}
    />
  );
}

/** The tooltip of a stacked bar (series and their total), which also tells the keyboard which bar is active. */
export function stackedBarsTooltip<Row>({ unit, keyboard, onSelect, selectHint, formatLabel, grouped }: StackedBarsOptions<Row>) {
  return selectableTooltip({ unit, keyboard, formatLabel, showTotal: !grouped, hint: onSelect ? selectHint : undefined });
}

/** One stacked segment (or, grouped, one bar) per series; clicking any of them selects the bar's row. */
export function stackedBars<Row>({ rows, series, onSelect, grouped }: StackedBarsOptions<Row>) {
  return series.map((s) => (
    <Bar
      key={s.key}
      dataKey={s.key}
      name={s.label}
      stackId={grouped ? undefined : 'stack'}
      fill={s.color}
      isAnimationActive={false}
      onClick={onSelect ? (_, index) => rows[index] !== undefined && onSelect(rows[index]) : undefined}
    />
  ));
}
