import { formatCount } from './format';

/** How many rows a ranking chart draws at most; its table and CSV have every row. */
export const RANKING_ROWS = 15;

/**
 * The sentence a chart drawing at most `max` of its `rows` adds to its description when it has more,
 * e.g. " The 15 teams with the most hours of 378 are drawn; the table and CSV list all."; '' otherwise.
 * `listed` replaces the last clause when the table itself holds only part of the rows (see listedNote).
 */
export const drawnNote = (rows: number, max: number, which: string, listed = 'the table and CSV list all'): string =>
  rows > max ? ` The ${max} ${which} of ${formatCount(rows)} are drawn; ${listed}.` : '';

/**
 * The sentence a table holding `listed` of `total` rows (the API cut the list) adds to its description,
 * e.g. " 215 of 3,800 responders are listed; the CSV lists all."; '' when nothing was cut.
 */
export const listedNote = (listed: number, total: number, which: string, csv = 'the CSV'): string =>
  total > listed ? ` ${formatCount(listed)} of ${formatCount(total)} ${which} are listed; ${csv} lists all.` : '';
