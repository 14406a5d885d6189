import type { Settings, WorkingHours } from '@firewatch/shared';
import { publicHolidays } from '../holidays.js';
import type { ResponderCalendar } from './classify-time.js';

/** What a responder row says about their calendar; null fields fall back to the organisation's. */
export interface ResponderCalendarRow {
  timezone: string | null;
  workingHours: WorkingHours | null;
  holidayCountry: string | null;
}

/** SPEC §1/§2.1: the responder's zone, working hours and holiday country, else the organisation's. */
export function responderCalendar(row: ResponderCalendarRow, settings: Pick<Settings, 'timezone' | 'workingHours' | 'sleepingHours' | 'holidayCountry'>): ResponderCalendar {
  const country = row.holidayCountry ?? settings.holidayCountry;
  return {
    timeZone: row.timezone ?? settings.timezone,
    workingHours: row.workingHours ?? settings.workingHours,
    sleepingHours: settings.sleepingHours,
    isHoliday: country ? publicHolidays(country) : undefined,
  };
}
