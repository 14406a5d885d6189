import './chart-select.css';
import { useId, type ReactNode } from 'react';

interface ChartSelectProps<Value extends string> {
  label: string;
  value: Value;
  options: ReadonlyArray<{ value: Value; label: string }>;
  onChange: (value: Value) => void;
}

/** A labelled choice that changes what a chart shows (e.g. day / week / month), placed above it. */
export function ChartSelect<Value extends string>({ label, value, options, onChange }: ChartSelectProps<Value>) {
  const id = useId();
  return (
    <div className="field chart-select">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="control" value={value} onChange={(event) => onChange(event.target.value as Value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A row of chart choices. */
export function ChartControls({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div className="chart-controls" role="group" aria-label={label}>
      {children}
    </div>
  );
}
