/**
 * Category ticks of a time axis. Recharts' default (`preserveEnd` with a minimum gap) measures every
 * label in the DOM to decide which fit: on a 549-day series that is hundreds of measurements and
 * formatter calls per chart before anything is drawn. A fixed step draws at most `maxTicks` labels
 * without measuring anything (labels are short dates, so the step leaves them room).
 */
export function tickStep(categories: number, narrow: boolean): number {
  const maxTicks = narrow ? 5 : 10;
  return Math.max(0, Math.ceil(categories / maxTicks) - 1);
}

/** A one-argument label formatter that remembers its answers (tick and tooltip labels repeat on every render). */
export function rememberLabels(format: (value: string) => string): (value: string) => string {
  const known = new Map<string, string>();
  return (value) => {
    let label = known.get(value);
    if (label === undefined) {
      label = format(value);
      if (known.size < 5000) known.set(value, label);
    }
    return label;
  };
}

/**
 * `CartesianGrid`'s `verticalCoordinatesGenerator` / `horizontalCoordinatesGenerator` for the lines a
 * chart does not draw (`vertical={false}`): recharts computes them anyway, from the category axis's
 * ticks with its default `preserveEnd`, i.e. a DOM measurement of every label (a 549-day series:
 * hundreds of forced layouts per chart). No points, nothing measured.
 */
export const noGridLines = (): number[] => [];
