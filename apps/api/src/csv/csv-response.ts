import type { Request, Response } from 'express';

/** Whether the client prefers the CSV of an analytics endpoint to its JSON (`Accept`). */
export const prefersCsv = (req: Request): boolean => req.accepts(['application/json', 'text/csv']) === 'text/csv';

/**
 * Content negotiation of the analytics endpoints (SPEC §3 "every analytics endpoint also answers
 * `Accept: text/csv`"): `body` as JSON, or, when the client prefers CSV, `csv()` as an attachment
 * named `filename`. `Vary: Accept` either way, so caches keep the two apart. For handlers with
 * `@Res({ passthrough: true })`.
 */
export function jsonOrCsv<T>(req: Request, res: Response, body: T, filename: string, csv: () => string): T | string {
  res.vary('Accept');
  if (!prefersCsv(req)) return body;
  res.type('text/csv; charset=utf-8');
  res.attachment(filename);
  return csv();
}
