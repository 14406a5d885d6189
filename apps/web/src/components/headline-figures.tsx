import './headline-figures.css';

export interface HeadlineFigure {
  label: string;
  /** Already formatted, with its unit. */
  value: string;
  note?: string;
  /** A swatch before the label, e.g. a workload bucket's colour. */
  color?: string;
}

/** A row of headline numbers at the top of a page. */
export function HeadlineFigures({ label, figures }: { label: string; figures: readonly HeadlineFigure[] }) {
  return (
    <dl className="headline-figures" aria-label={label}>
      {figures.map((figure) => (
        <div key={figure.label} className="headline-figure">
          <dt>
            {figure.color && <span className="swatch" style={{ background: figure.color }} aria-hidden="true" />}
            {figure.label}
          </dt>
          <dd>
            <strong>{figure.value}</strong>
            {figure.note && <span className="muted"> {figure.note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
