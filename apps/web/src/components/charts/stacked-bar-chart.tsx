import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartLegend } from './chart-legend';
import { ChartTooltip } from './chart-tooltip';
import { useKeyboardSelect } from './use-keyboard-select';
import { formatTick, type Unit } from './format';
import { toChartData, type ChartSeries } from './series';

interface StackedBarChartProps<Row> {
  rows: readonly Row[];
  /** The x value of a row (e.g. the week's Monday). */
  category: (row: Row) => string;
  series: readonly ChartSeries<Row>[];
  unit: Unit;
  /** Short x-axis tick ("12 Jan") and the tooltip's heading ("Week of 12 Jan 2026"). */
  formatTick?: (category: string) => string;
  formatLabel?: (category: string) => string;
  /** Drill-down: called with the row of the bar clicked. */
  onSelect?: (row: Row) => void;
  selectHint?: string;
  height?: number;
}

/** Bars over time, each split into stacked series (e.g. working / late / sleeping hours per week). */
export function StackedBarChart<Row>({ rows, category, series, unit, onSelect, selectHint, height = 280, ...format }: StackedBarChartProps<Row>) {
  const data = toChartData(rows, category, series);
  const keyboard = useKeyboardSelect(rows, onSelect);
  return (
    <div className="chart" data-clickable={onSelect ? 'true' : undefined} onKeyDown={keyboard.onKeyDown}>
      {onSelect && <p className="visually-hidden">In the chart, the arrow keys move between bars and Enter opens the records behind a bar.</p>}
      <ChartLegend series={series} />
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e3e8ee" />
          <XAxis dataKey="category" tickFormatter={format.formatTick} tick={{ fontSize: 12 }} minTickGap={12} />
          <YAxis tickFormatter={(value: number) => formatTick(value, unit)} tick={{ fontSize: 12 }} width={48} />
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
                  formatLabel={format.formatLabel}
                  showTotal
                  hint={onSelect ? selectHint : undefined}
                />
              );
            }}
          />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId="stack"
              fill={s.color}
              isAnimationActive={false}
              onClick={onSelect ? (_, index) => rows[index] !== undefined && onSelect(rows[index]) : undefined}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
