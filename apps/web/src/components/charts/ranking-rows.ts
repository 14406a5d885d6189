/** How many rows a ranking chart draws at most; its table and CSV have every row. */
export const RANKING_ROWS = 15;
