/** Names of calendar units as the dashboard writes them (English, ISO order: the week starts on Monday). */
export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const weekdayShortNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
/** `00` … `23`. */
export const hourLabels = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));

/** The clock hour `hour` (0–23) as the span it stands for: "14:00–15:00". */
export function hourSpan(hour: number): string {
  return `${hourLabels[hour]}:00–${hourLabels[(hour + 1) % 24]}:00`;
}
