/** SPEC §2.1 constants. */

/** Each activity credits its responder with this much work from its timestamp. */
export const ACTIVITY_CREDIT_MS = 10 * 60_000;

/**
 * Two activities of one responder on one incident at most this far apart count the whole gap as
 * work. Measured from the end of the earlier activity (its timestamp, or a call's end) to the start
 * of the next; a gap of exactly 20 minutes is bridged.
 */
export const CONTINUITY_GAP_MS = 20 * 60_000;

export type TimeBucket = 'working' | 'late' | 'sleeping';
export const TIME_BUCKETS: readonly TimeBucket[] = ['working', 'late', 'sleeping'];
