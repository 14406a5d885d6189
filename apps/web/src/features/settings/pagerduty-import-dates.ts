/** The start date offered for a first import: the same UTC day a year before `now` (a year of history). */
export function defaultImportSince(now: Date): string {
  const yearAgo = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate()));
  return yearAgo.toISOString().slice(0, 10);
}
