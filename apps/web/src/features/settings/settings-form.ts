import type { Problem, Settings } from '@firewatch/shared';

/**
 * The settings form: what the inputs hold (text, as typed), how it becomes the PUT body (only the
 * fields that changed), and how the API's 400 problems map back onto the inputs.
 */
export interface SettingsFormValues {
  timezone: string;
  /** Empty = no public holidays. */
  holidayCountry: string;
  workingDays: number[];
  workingStart: string;
  workingEnd: string;
  sleepingStart: string;
  sleepingEnd: string;
  majorSeverity: string;
  readinessWindowDays: string;
  readinessMinMinutes: string;
  transientMinutes: string;
  /** Empty = no cost shown. */
  hourlyCost: string;
  oncallMedianFactor: string;
  oncallMinDisruptedNights: string;
  oncallMinInterruptions: string;
  oncallMaxConsecutiveWeeks: string;
}

export type SettingsField = keyof Settings;

export function toFormValues(settings: Settings): SettingsFormValues {
  return {
    timezone: settings.timezone,
    holidayCountry: settings.holidayCountry ?? '',
    workingDays: [...settings.workingHours.days].sort(),
    workingStart: settings.workingHours.start,
    workingEnd: settings.workingHours.end,
    sleepingStart: settings.sleepingHours.start,
    sleepingEnd: settings.sleepingHours.end,
    majorSeverity: String(settings.majorSeverity),
    readinessWindowDays: String(settings.readinessWindowDays),
    readinessMinMinutes: String(settings.readinessMinMinutes),
    transientMinutes: String(settings.transientMinutes),
    hourlyCost: settings.hourlyCost === null ? '' : String(settings.hourlyCost),
    oncallMedianFactor: String(settings.oncallMedianFactor),
    oncallMinDisruptedNights: String(settings.oncallMinDisruptedNights),
    oncallMinInterruptions: String(settings.oncallMinInterruptions),
    oncallMaxConsecutiveWeeks: String(settings.oncallMaxConsecutiveWeeks),
  };
}

/** A number as typed: blank → null (the API then names the field if it needs one), else the number (NaN stays text). */
function numberOrNull(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

/** The settings as the form now says them (not validated: the API does that). */
function fromFormValues(values: SettingsFormValues): Record<SettingsField, unknown> {
  return {
    timezone: values.timezone.trim(),
    holidayCountry: values.holidayCountry.trim() === '' ? null : values.holidayCountry.trim(),
    workingHours: { days: [...values.workingDays].sort(), start: values.workingStart, end: values.workingEnd },
    sleepingHours: { start: values.sleepingStart, end: values.sleepingEnd },
    majorSeverity: numberOrNull(values.majorSeverity),
    readinessWindowDays: numberOrNull(values.readinessWindowDays),
    readinessMinMinutes: numberOrNull(values.readinessMinMinutes),
    transientMinutes: numberOrNull(values.transientMinutes),
    hourlyCost: numberOrNull(values.hourlyCost),
    oncallMedianFactor: numberOrNull(values.oncallMedianFactor),
    oncallMinDisruptedNights: numberOrNull(values.oncallMinDisruptedNights),
    oncallMinInterruptions: numberOrNull(values.oncallMinInterruptions),
    oncallMaxConsecutiveWeeks: numberOrNull(values.oncallMaxConsecutiveWeeks),
  };
}

/** The PUT body: only the fields whose value differs from the saved settings (PUT merges). */
export function changedSettings(saved: Settings, values: SettingsFormValues): Partial<Record<SettingsField, unknown>> {
  const next = fromFormValues(values);
  const changes: Partial<Record<SettingsField, unknown>> = {};
  for (const field of Object.keys(next) as SettingsField[]) {
    if (JSON.stringify(next[field]) !== JSON.stringify(fromFormValues(toFormValues(saved))[field])) changes[field] = next[field];
  }
  return changes;
}

/**
 * The API's problems by settings field: `workingHours.days` → `workingHours` with the message
 * "days: must list at least one weekday". Problems that name no setting go under `form`.
 */
export function fieldErrors(problems: readonly Problem[], fields: readonly string[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const problem of problems) {
    const [head = '', ...rest] = problem.path.split('.');
    const field = fields.includes(head) ? head : 'form';
    const message = field === 'form' && problem.path ? `${problem.path} ${problem.message}` : rest.length ? `${rest.join('.')}: ${problem.message}` : problem.message;
    (errors[field] ??= []).push(message);
  }
  return errors;
}
