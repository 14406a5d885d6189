import Holidays from 'date-holidays';

/**
 * Whether the holiday library (date-holidays, as used by `analytics/holidays.ts`) has a calendar for
 * a country (`DE`) or a country's region (`DE-BY`): an unknown one would silently mean "no holidays".
 */
export function isKnownHolidayCountry(country: string): boolean {
  const [code, region] = country.split('-');
  const holidays = new Holidays();
  if (!code || !Object.hasOwn(holidays.getCountries() ?? {}, code)) return false;
  return region === undefined || Object.hasOwn(holidays.getStates(code) ?? {}, region);
}
