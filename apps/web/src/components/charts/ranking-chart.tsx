import { BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { noGridLines } from './axis';
import { ChartLegend } from './chart-legend';
import { useNarrowScreen } from './use-narrow-screen';
import { useKeyboardSelect } from './use-keyboard-select';
import { formatTick, type Unit } from './format';
import { toChartData, type ChartSeries } from './series';
import { KeyboardSelectHint, stackedBars, stackedBarsTooltip } from './stacked-bars';

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
  /** Series side by side within a row instead of stacked. */
  grouped?: boolean;
}

const ROW_HEIGHT = 26;
/** On a phone each label has a line of its own above its bar, so the bar gets the whole width. */
const NARROW_ROW_HEIGHT = 44;
/** Px above and below a row's bars on a phone: the label's line sits in the space above. */
const NARROW_ROW_GAP = 14;
const NARROW_LABEL_CHARS = 44;

/**
 * One line per label, cut with an ellipsis to fit; the whole label is its tooltip and is in the table
 * view. Beside the bar (right-aligned to the axis) or, `above`, over the bar from the plot's left edge.
 */
function CategoryTick({ x, y, label, maxChars, above }: { x: number; y: number; label: string; maxChars: number; above?: { bandHeight: number } }) {
  const text = label.length > maxChars ? `${label.slice(0, maxChars - 1)}…` : label;
  return (
    <text x={above ? x : x - 4} y={above ? y - above.bandHeight / 2 + 12 : y} dy={above ? 0 : 4} textAnchor={above ? 'start' : 'end'} fontSize={12} fill="#5a6776">
      <title>{label}</title>
      {text}
    </text>
  );
}

/** Horizontal bars, one per row, largest at the top; series stack within a bar. */
export function RankingChart<Row>({ rows, category, series, unit, onSelect, selectHint, labelWidth = 140, grouped = false }: RankingChartProps<Row>) {
  const data = toChartData(rows, category, series);
  const keyboard = useKeyboardSelect(rows, onSelect);
  const bars = { rows, series, unit, keyboard, onSelect, selectHint, grouped };
  // On a phone the bars need the width: each label goes on its own line above its bar, whole up to
  // NARROW_LABEL_CHARS (the full label is in the tooltip and the table).
  const narrow = useNarrowScreen();
  const bandHeight = (narrow ? NARROW_ROW_HEIGHT : ROW_HEIGHT) * (grouped ? series.length * 0.75 : 1);
  return (
    <div className="chart" data-clickable={onSelect ? 'true' : undefined} onKeyDown={keyboard.onKeyDown}>
      <KeyboardSelectHint enabled={onSelect !== undefined} />
      {series.length > 1 && <ChartLegend series={series} />}
      <ResponsiveContainer width="100%" height={rows.length * bandHeight + 36}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 0 }} barCategoryGap={narrow ? NARROW_ROW_GAP : 4}>
          <CartesianGrid horizontal={false} horizontalCoordinatesGenerator={noGridLines} stroke="#e3e8ee" />
          <XAxis type="number" tickFormatter={(value: number) => formatTick(value, unit)} tick={{ fontSize: 12 }} />
          <YAxis
            type="category"
            dataKey="category"
            // On a phone the axis takes no room: its ticks (the labels) start at the plot's left edge.
            width={narrow ? 1 : labelWidth}
            tickSize={narrow ? 0 : undefined}
            tickMargin={narrow ? 0 : undefined}
            interval={0}
            tick={(tick: { x: number | string; y: number | string; payload: { value: string | number } }) => (
              <CategoryTick
                x={Number(tick.x)}
                y={Number(tick.y)}
                label={String(tick.payload.value)}
                maxChars={narrow ? NARROW_LABEL_CHARS : Math.floor(labelWidth / 8)}
                above={narrow ? { bandHeight } : undefined}
              />
            )}
          />
          {stackedBarsTooltip(bars)}
          {stackedBars(bars)}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
