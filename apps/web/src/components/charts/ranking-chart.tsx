import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartLegend } from './chart-legend';
import { ChartTooltip } from './chart-tooltip';
import { formatTick, type Unit } from './format';
import { toChartData, type ChartSeries } from './series';

interface RankingChartProps<Row> {
  /** Already ranked, largest first. */
  rows: readonly Row[];
  /** The bar's label (e.g. a responder's name). */
  category: (row: Row) => string;
  series: readonly ChartSeries<Row>[];
  unit: Unit;
  onSelect?: (row: Row) => void;
  selectHint?: string;
  /** Room for the labels on the left, in px. */
  labelWidth?: number;
}

const ROW_HEIGHT = 26;

/** Horizontal bars, one per row, largest at the top; series stack within a bar. */
export function RankingChart<Row>({ rows, category, series, unit, onSelect, selectHint, labelWidth = 140 }: RankingChartProps<Row>) {
  const data = toChartData(rows, category, series);
  return (
    <div className="chart" data-clickable={onSelect ? 'true' : undefined}>
      {series.length > 1 && <ChartLegend series={series} />}
      <ResponsiveContainer width="100%" height={rows.length * ROW_HEIGHT + 36}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 0 }} barCategoryGap={4}>
          <CartesianGrid horizontal={false} stroke="#e3e8ee" />
          <XAxis type="number" tickFormatter={(value: number) => formatTick(value, unit)} tick={{ fontSize: 12 }} />
          <YAxis
            type="category"
            dataKey="category"
            width={labelWidth}
            interval={0}
            tick={{ fontSize: 12 }}
            tickFormatter={(label: string) => (label.length > 22 ? `${label.slice(0, 21)}…` : label)}
          />
          <Tooltip
            cursor={{ fill: 'rgba(31, 95, 139, 0.08)' }}
            content={(props) => (
              <ChartTooltip
                active={props.active}
                label={props.label}
                payload={props.payload}
                unit={unit}
                showTotal
                hint={onSelect ? selectHint : undefined}
              />
            )}
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
