import { send } from './api-client';
import { readAuthHeaders } from './read-token';

export interface CsvFile {
  csv: Blob;
  /** From the answer's Content-Disposition, e.g. `incidents_2026-01-01_2026-04-01_page-1.csv`. */
  filename: string;
}

function filenameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
}

/**
 * The API's CSV answer for `path` (`Accept: text/csv`), with the file name it suggests.
 * Throws `ApiError` with the API's message on an error answer, as `fetchJson` does.
 */
export async function fetchCsv(path: string, fallbackFilename: string): Promise<CsvFile> {
  const response = await send(path, { headers: { Accept: 'text/csv', ...readAuthHeaders() } });
  return { csv: await response.blob(), filename: filenameOf(response, fallbackFilename) };
}
