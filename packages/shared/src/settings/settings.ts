import { z } from 'zod';
import { timeZoneSchema } from '../time/index.js';
import { clockWindowSchema, holidayCountrySchema, workingHoursSchema } from '../ingest/entities.js';
import { SEVERITY_MAX, SEVERITY_MIN } from '../ingest/common.js';

/** Organisation settings that every metric reads (SPEC §1 Settings, §3 settings). */
export const settingsSchema = z.object({
  timezone: timeZoneSchema.describe('Organisation IANA time zone; all calendar bucketing uses it.'),
  holidayCountry: holidayCountrySchema.nullable().describe('Public-holiday country; null = no holidays.'),
  workingHours: workingHoursSchema,
  sleepingHours: clockWindowSchema,
  majorSeverity: z.number().int().min(SEVERITY_MIN).max(SEVERITY_MAX).describe('Incidents with severity ≤ this are major.'),
  readinessWindowDays: z.number().int().min(1).max(730),
  readinessMinMinutes: z.number().int().min(0).max(24 * 60),
  transientMinutes: z.number().int().min(1).max(24 * 60),
  hourlyCost: z.number().positive().max(1_000_000).nullable().describe('Cost of one responder-hour; null = no cost shown.'),
  oncallMedianFactor: z.number().min(1).max(100).describe('On-call health: flag disrupted nights or interruptions per on-call hour above this × the team median.'),
  oncallMinDisruptedNights: z.number().int().min(1).max(366).describe('On-call health: fewest disrupted nights the nights rule flags.'),
  oncallMinInterruptions: z.number().int().min(1).max(100_000).describe('On-call health: fewest on-call interruptions the rate rule flags.'),
  oncallMaxConsecutiveWeeks: z.number().int().min(1).max(520).describe('On-call health: flag an on-call streak longer than this many ISO weeks.'),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Defaults of SPEC §1. */
export const DEFAULT_SETTINGS: Settings = {
  timezone: 'UTC',
  holidayCountry: null,
  workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '19:00' },
  sleepingHours: { start: '23:00', end: '08:00' },
  majorSeverity: 2,
  readinessWindowDays: 60,
  readinessMinMinutes: 15,
  transientMinutes: 10,
  hourlyCost: null,
  oncallMedianFactor: 3,
  oncallMinDisruptedNights: 3,
  oncallMinInterruptions: 5,
  oncallMaxConsecutiveWeeks: 3,
};

/** `PUT /api/v1/settings` merges the fields given. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
