// Time rules (STYLE practice 5): calendar dates, time zones, half-open ranges, bucketing, zero-filling.
export { isoDateSchema, addCalendarDays, calendarDaysBetween } from './calendar-date.js';
export { isValidTimeZone, timeZoneSchema } from './time-zone.js';
export { clockTimeSchema, minutesOfDay } from './clock-time.js';
export { type LocalParts, localParts, localDate, startOfLocalDay } from './local-time.js';
export {
  type DateRange,
  type ResolvedDateRange,
  type DateRangeParam,
  type DateRangeParams,
  DateRangeError,
  resolveDateRange,
  previousPeriod,
  isWithinRange,
  daysInRange,
} from './date-range.js';
export { type BucketUnit, bucketUnitSchema, bucketKey, bucketKeyOfDate, bucketStart, bucketKeysInRange, zeroFill } from './buckets.js';
export { type ZoneClock, zoneClock } from './zone-clock.js';
export { MS_PER_DAY, formatEpochDay, isoWeekdayOfEpochDay, parseIsoDate } from './calendar-date.js';
