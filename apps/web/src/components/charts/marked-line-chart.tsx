import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { noGridLines, tickStep } from './axis';
import { ChartLegend } from './chart-legend';
import { ChartTooltip } from './chart-tooltip';
import { formatTick, type Unit } from './format';
import { toChartData, type ChartSeries } from './series';
import { KeyboardSelectHint } from './stacked-bars';
import { useKeyboardSelect } from './use-keyboard-select';
import { useNarrowScreen } from './use-narrow-screen';

/** An event drawn as a vertical line at a category (e.g. a hire or a departure on its day). */
export interface ChartMarker {
  /** The category (x value) it stands at; markers outside the rows are not drawn. */
  category: string;
  /** Short text in the marker's tooltip (`title`) and the legend. */
  label: string;
  /** Marker kind: one legend entry and one colour per kind. */
  kind: string;
  color: string;
}

interface MarkedLineChartProps<Row> {
  rows: readonly Row[];
  category: (row: Row) => string;
  series: readonly ChartSeries<Row>[];
  unit: Unit;
  markers?: readonly ChartMarker[];
  /** Legend labels of the marker kinds, e.g. `{ hire: 'Hire' }`. */
  markerLabels?: Readonly<Record<string, string>>;
  formatTick?: (category: string) => string;
  formatLabel?: (category: string) => string;
  /** Drill-down: called with the row of the point clicked. */
  onSelect?: (row: Row) => void;
  selectHint?: string;
  /** Fixed y-axis domain, e.g. `[0, 1]` for a ratio. */
  yDomain?: [number, number];
  height?: number;
}

/** Lines over time (one per series) with events marked as dashed vertical lines. */
export function MarkedLineChart<Row>({
  rows,
  category,
  series,
  unit,
  markers = [],
  markerLabels = {},
  onSelect,
  selectHint,
  yDomain,
  height = 260,
  ...format
}: MarkedLineChartProps<Row>) {
  const data = toChartData(rows, category, series);
  const categories = new Set(data.map((d) => d.category));
  const drawn = markers.filter((m) => categories.has(m.category));
  // One line per kind and day: events on the same day would draw the same line again (their labels
  // are all in the day's tooltip).
  const lines = [...new Map(drawn.map((m) => [`${m.kind}\u0000${m.category}`, m])).values()];
  const kinds = [...new Map(drawn.map((m) => [m.kind, m.color])).entries()].map(([kind, color]) => ({
    key: `marker-${kind}`,
    label: markerLabels[kind] ?? kind,
    color,
  }));
  const select = onSelect
    ? (state: { activeTooltipIndex?: number | string | null } | null) => {
        const index = Number(state?.activeTooltipIndex);
        if (Number.isInteger(index) && rows[index] !== undefined) onSelect(rows[index]);
      }
    : undefined;
  const keyboard = useKeyboardSelect(rows, onSelect);
  const narrow = useNarrowScreen();
  return (
    <div className="chart" data-clickable={onSelect ? 'true' : undefined} onKeyDown={keyboard.onKeyDown}>
      <KeyboardSelectHint enabled={onSelect !== undefined} />
      <ChartLegend series={[...series, ...kinds]} />
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} onClick={select}>
          <CartesianGrid vertical={false} verticalCoordinatesGenerator={noGridLines} stroke="#e3e8ee" />
          <XAxis dataKey="category" tickFormatter={format.formatTick} tick={{ fontSize: 12 }} interval={tickStep(rows.length, narrow)} />
          <YAxis tickFormatter={(value: number) => formatTick(value, unit)} tick={{ fontSize: 12 }} width={48} domain={yDomain} allowDecimals={unit !== 'count'} />
          <Tooltip
            content={(props) => {
              keyboard.track(props.active, props.activeIndex);
              return (
              <ChartTooltip
                active={props.active}
                label={props.label}
                payload={props.payload}
                unit={unit}
                formatLabel={(value) => {
                  const events = drawn.filter((m) => m.category === value).map((m) => m.label);
                  const label = format.formatLabel ? format.formatLabel(value) : value;
                  return events.length ? `${label} · ${events.join(', ')}` : label;
                }}
                hint={onSelect ? selectHint : undefined}
              />
              );
            }}
          />
          {lines.map((m) => (
            <ReferenceLine key={`${m.kind}-${m.category}`} x={m.category} stroke={m.color} strokeDasharray="4 3" />
          ))}
          {series.map((s) => (
            <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
