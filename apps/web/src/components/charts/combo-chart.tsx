import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { noGridLines, tickStep } from './axis';
import { ChartLegend } from './chart-legend';
import { formatTick, type Unit } from './format';
import { KeyboardSelectHint, selectableTooltip } from './stacked-bars';
import { useKeyboardSelect } from './use-keyboard-select';
import { useNarrowScreen } from './use-narrow-screen';
import type { ChartSeries } from './series';

/** A series of a combo chart: drawn as bars or a line, on the left axis or (for lines) the right one. A null value leaves a gap. */
export interface ComboSeries<Row> extends Omit<ChartSeries<Row>, 'value'> {
  value: (row: Row) => number | null;
  /** Lines only: drawn dashed (told apart without colour). */
  dashed?: boolean;
}

/** A dated event drawn over the chart: a vertical line at `category`, or a band to `endCategory`. */
export interface ChartMarker {
  key: string;
  category: string;
  endCategory?: string;
  /** Short label drawn at the top of the line (e.g. its number in the list under the chart). */
  label: string;
}

/** A highlighted value (e.g. an anomaly): a ring drawn at `category` / `value` on the left axis. */
export interface ChartPoint {
  key: string;
  category: string;
  value: number;
  color: string;
}

interface ComboChartProps<Row> {
  rows: readonly Row[];
  /** The x value of a row (e.g. the week's Monday). */
  category: (row: Row) => string;
  bars?: readonly ComboSeries<Row>[];
  /** Bars stack (parts of one total) or stand side by side. */
  stacked?: boolean;
  lines?: readonly ComboSeries<Row>[];
  /** Unit of the left axis and of every series not on the right axis. */
  unit: Unit;
  /** Lines drawn against a second axis on the right, in their own unit (e.g. a cumulative share in %). */
  rightAxis?: { unit: Unit; seriesKeys: readonly string[]; max?: number };
  markers?: readonly ChartMarker[];
  points?: readonly ChartPoint[];
  /** A horizontal dashed reference line on the left axis (e.g. 1 = the average of an index); say what it is in the description. */
  reference?: number;
  /** Label every category (e.g. twelve months) instead of thinning the ticks to fit. */
  everyTick?: boolean;
  /** Category labels written slanted (long names side by side, e.g. a Pareto's services). */
  slantedTicks?: boolean;
  formatTick?: (category: string) => string;
  formatLabel?: (category: string) => string;
  /** Drill-down: called with the row of the bar clicked (of the column under the pointer when there are only lines). */
  onSelect?: (row: Row) => void;
  selectHint?: string;
  height?: number;
}

const MARKER_COLOR = '#4b5563';
const RIGHT = 'right';
const LEFT = 'left';

/**
 * Bars and lines over one categorical axis (time, months, ranked names), with optional dated
 * markers (annotations), highlighted points (anomalies), a reference level and a second axis.
 * Its empty state is the card's (`ChartCard`): this draws only when there is something to draw.
 */
export function ComboChart<Row>({
  rows,
  category,
  bars = [],
  stacked = false,
  lines = [],
  unit,
  rightAxis,
  markers = [],
  points = [],
  reference,
  everyTick = false,
  slantedTicks = false,
  onSelect,
  selectHint,
  height = 280,
  ...format
}: ComboChartProps<Row>) {
  const narrow = useNarrowScreen();
  const data = rows.map((row) => {
    const datum: Record<string, string | number | null> = { category: category(row) };
    for (const s of [...bars, ...lines]) datum[s.key] = s.value(row);
    return datum;
  });
  const onRight = (key: string) => rightAxis?.seriesKeys.includes(key) ?? false;
  const units = new Map([...bars, ...lines].map((s) => [s.label, onRight(s.key) ? rightAxis!.unit : unit]));
  const categories = new Set(data.map((d) => d.category));
  const all = [...bars, ...lines];
  const keyboard = useKeyboardSelect(rows, onSelect);
  return (
    <div className="chart" data-clickable={onSelect ? 'true' : undefined} onKeyDown={keyboard.onKeyDown}>
      <KeyboardSelectHint enabled={onSelect !== undefined} />
      {all.length > 1 && <ChartLegend series={all} />}
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart
          data={data}
          margin={{ top: markers.length > 0 ? 18 : 8, right: 8, bottom: 0, left: 0 }}
          // A bar knows its own row; a line-only chart takes the column under the pointer.
          onClick={
            onSelect && bars.length === 0
              ? (state) => {
                  const row = rows[Number(state.activeTooltipIndex ?? state.activeIndex)];
                  if (row !== undefined) onSelect(row);
                }
              : undefined
          }
        >
          <CartesianGrid vertical={false} verticalCoordinatesGenerator={noGridLines} stroke="#e3e8ee" />
          <XAxis
            dataKey="category"
            tickFormatter={format.formatTick}
            tick={{ fontSize: everyTick && narrow ? 10 : 12 }}
            interval={everyTick ? 0 : tickStep(rows.length, narrow)}
            // Bars keep their first and last labels inside the plot; lines alone need the room.
            {...(bars.length === 0 ? { padding: { left: 16, right: 16 } } : {})}
            {...(slantedTicks ? { angle: -35, textAnchor: 'end', height: 78 } : {})}
          />
          <YAxis yAxisId={LEFT} tickFormatter={(value: number) => formatTick(value, unit)} tick={{ fontSize: 12 }} width={48} />
          {rightAxis && (
            <YAxis
              yAxisId={RIGHT}
              orientation="right"
              domain={[0, rightAxis.max ?? 'auto']}
              tickFormatter={(value: number) => formatTick(value, rightAxis.unit)}
              tick={{ fontSize: 12 }}
              width={44}
            />
          )}
          {selectableTooltip({
            unit,
            unitOf: (name) => units.get(name),
            keyboard,
            formatLabel: format.formatLabel,
            showTotal: stacked && lines.length === 0,
            hint: onSelect ? selectHint : undefined,
          })}
          {markers
            .filter((m) => m.endCategory !== undefined && m.endCategory !== m.category && categories.has(m.category) && categories.has(m.endCategory))
            .map((m) => (
              <ReferenceArea key={`${m.key}-band`} yAxisId={LEFT} x1={m.category} x2={m.endCategory} fill={MARKER_COLOR} fillOpacity={0.08} ifOverflow="hidden" />
            ))}
          {bars.map((s) => (
            <Bar
              key={s.key}
              yAxisId={LEFT}
              dataKey={s.key}
              name={s.label}
              stackId={stacked ? 'stack' : undefined}
              fill={s.color}
              isAnimationActive={false}
              onClick={onSelect ? (_, index) => rows[index] !== undefined && onSelect(rows[index]) : undefined}
            />
          ))}
          {lines.map((s) => (
            <Line
              key={s.key}
              yAxisId={onRight(s.key) ? RIGHT : LEFT}
              dataKey={s.key}
              name={s.label}
              // Straight segments: a smoothed curve would show values between points that were never measured.
              type="linear"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '6 4' : undefined}
              dot={rows.length <= 24 ? { r: 3, fill: s.color } : false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
          {reference !== undefined && <ReferenceLine yAxisId={LEFT} y={reference} stroke={MARKER_COLOR} strokeDasharray="4 3" />}
          {markers
            .filter((m) => categories.has(m.category))
            .map((m) => (
              <ReferenceLine
                key={m.key}
                yAxisId={LEFT}
                x={m.category}
                stroke={MARKER_COLOR}
                strokeDasharray="3 3"
                label={{ value: m.label, position: 'top', fontSize: 11, fontWeight: 600, fill: MARKER_COLOR }}
              />
            ))}
          {points
            .filter((p) => categories.has(p.category))
            .map((p) => (
              <ReferenceDot key={p.key} yAxisId={LEFT} x={p.category} y={p.value} r={7} fill="none" stroke={p.color} strokeWidth={3} />
            ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
