/** One stacked series of a bar chart: a value per row, drawn in one colour with a legend label. */
export interface ChartSeries<Row> {
  key: string;
  label: string;
  color: string;
  value: (row: Row) => number;
}

/** A drawn datum: the category label plus one number per series key (what recharts reads). */
export type ChartDatum = { category: string } & Record<string, number | string>;

/** Rows → recharts data: `{ category, <series key>: value … }`, in row order. */
export function toChartData<Row>(rows: readonly Row[], category: (row: Row) => string, series: readonly ChartSeries<Row>[]): ChartDatum[] {
  return rows.map((row) => {
    const datum: ChartDatum = { category: category(row) };
    for (const s of series) datum[s.key] = s.value(row);
    return datum;
  });
}

/** True when there is nothing to draw: no rows, or every value of every series is 0. */
export function isAllZero<Row>(rows: readonly Row[], series: readonly ChartSeries<Row>[]): boolean {
  return rows.every((row) => series.every((s) => s.value(row) === 0));
}
