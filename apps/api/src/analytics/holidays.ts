import Holidays from 'date-holidays';

const calendars = new Map<string, (date: string) => boolean>();

/**
 * Whether a local date (`YYYY-MM-DD`) is a public holiday in a country (`DE`) or region (`DE-BY`),
 * from the maintained `date-holidays` data; only days of type `public` count (not observances or
 * school holidays). Years are computed once per country and cached.
 */
export function publicHolidays(country: string): (date: string) => boolean {
  let isHoliday = calendars.get(country);
  if (isHoliday) return isHoliday;
  const [code, region] = country.split('-');
  const hd = region ? new Holidays(code!, region) : new Holidays(code!);
  const years = new Map<number, Set<string>>();
  isHoliday = (date: string) => {
    const year = Number(date.slice(0, 4));
    let days = years.get(year);
    if (!days) {
      days = new Set((hd.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      years.set(year, days);
    }
    return days.has(date);
  };
  calendars.set(country, isHoliday);
  return isHoliday;
}
