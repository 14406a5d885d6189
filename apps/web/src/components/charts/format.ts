/**
 * Numbers as the dashboard writes them, always with their unit. Every chart and table formats
 * through here so one figure reads the same everywhere (`12.5 h`, `45 min`, `38%`, `1,204`).
 * The API sends workload in minutes (rounded to 0.1); hours are derived for display only.
 */
export type Unit = 'hours' | 'minutes' | 'percent' | 'count' | 'currency';

const LOCALE = 'en-US';

/** Full unit names, for chart titles and table headers: "Workload (hours)". */
export const unitNames: Record<Unit, string> = {
  hours: 'hours',
  minutes: 'minutes',
  percent: '%',
  count: 'count',
  currency: 'cost',
};

/** Minutes → hours, unrounded (rounding happens when the number is written). */
export const minutesToHours = (minutes: number): number => minutes / 60;

// One formatter per precision: `toLocaleString` with options builds a new Intl.NumberFormat on every call.
const formats = new Map<number, Intl.NumberFormat>();

function decimals(value: number, maxFractionDigits: number): string {
  let format = formats.get(maxFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: maxFractionDigits, minimumFractionDigits: 0 });
    formats.set(maxFractionDigits, format);
  }
  return format.format(value);
}

/** `12.5 h`; one decimal below 100 h, whole hours above (a review reads `1,240 h`, not `1,240.3 h`). */
export function formatHours(hours: number): string {
  return `${decimals(hours, Math.abs(hours) < 100 ? 1 : 0)} h`;
}

/** `45 min`, `7.5 min` (one decimal below 10 min). */
export function formatMinutesValue(minutes: number): string {
  return `${decimals(minutes, Math.abs(minutes) < 10 ? 1 : 0)} min`;
}

/** A ratio 0..1 as a percentage: `38%`, `4.2%` (one decimal below 10%). */
export function formatRatio(ratio: number): string {
  const percent = ratio * 100;
  return `${decimals(percent, Math.abs(percent) < 10 && percent !== 0 ? 1 : 0)}%`;
}

/** `1,204`. */
export function formatCount(count: number): string {
  return decimals(count, 0);
}

/** `12,345.67`: an amount in the organisation's (unnamed) currency, two decimals. */
export function formatCurrency(amount: number): string {
  return amount.toLocaleString(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A value in `unit`: hours and minutes are given in their own unit, `percent` as a ratio 0..1. */
export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '—';
  switch (unit) {
    case 'hours':
      return formatHours(value);
    case 'minutes':
      return formatMinutesValue(value);
    case 'percent':
      return formatRatio(value);
    case 'count':
      return formatCount(value);
    case 'currency':
      return formatCurrency(value);
  }
}

/** Short axis ticks: `1.2k h` would be unreadable, so hours/minutes ticks show the bare number. */
export function formatTick(value: number, unit: Unit): string {
  if (unit === 'percent') return formatRatio(value);
  if (Math.abs(value) >= 10_000) return `${decimals(value / 1000, 0)}k`;
  return decimals(value, Math.abs(value) < 10 ? 1 : 0);
}

/** `part` as a share of `whole` (0 when the whole is 0, never NaN). */
export function shareOf(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
