interface ChartLegendProps {
  series: ReadonlyArray<{ key: string; label: string; color: string }>;
}

/** The legend above a chart, in the series' stacking order. */
export function ChartLegend({ series }: ChartLegendProps) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {series.map((s) => (
        <li key={s.key}>
          <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.label}
        </li>
      ))}
    </ul>
  );
}
