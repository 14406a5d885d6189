import { BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { noGridLines, tickStep } from './axis';
import { ChartLegend } from './chart-legend';
import { useKeyboardSelect } from './use-keyboard-select';
import { formatTick, type Unit } from './format';
import { toChartData, type ChartSeries } from './series';
import { KeyboardSelectHint, stackedBars, stackedBarsTooltip } from './stacked-bars';
import { useNarrowScreen } from './use-narrow-screen';

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
  const narrow = useNarrowScreen();
  const bars = { rows, series, unit, keyboard, onSelect, selectHint, formatLabel: format.formatLabel };
  return (
    <div className="chart" data-clickable={onSelect ? 'true' : undefined} onKeyDown={keyboard.onKeyDown}>
      <KeyboardSelectHint enabled={onSelect !== undefined} />
      <ChartLegend series={series} />
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} verticalCoordinatesGenerator={noGridLines} stroke="#e3e8ee" />
          <XAxis dataKey="category" tickFormatter={format.formatTick} tick={{ fontSize: 12 }} interval={tickStep(rows.length, narrow)} />
          <YAxis tickFormatter={(value: number) => formatTick(value, unit)} tick={{ fontSize: 12 }} width={48} />
          {stackedBarsTooltip(bars)}
          {stackedBars(bars)}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
