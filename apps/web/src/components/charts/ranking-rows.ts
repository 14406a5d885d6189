import { formatCount } from './format';

/** How many rows a ranking chart draws at most; its table and CSV have every row. */
export const RANKING_ROWS = 15;

/**
 * The sentence a chart drawing at most `max` of its `rows` adds to its description when it has more,
 * e.g. " The 15 teams with the most hours of 378 are drawn; the table and CSV list all."; '' otherwise.
 */
export const drawnNote = (rows: number, max: number, which: string): string =>
  rows > max ? ` The ${max} ${which} of ${formatCount(rows)} are drawn; the table and CSV list all.` : '';
