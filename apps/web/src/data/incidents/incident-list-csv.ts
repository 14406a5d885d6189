import { errorResponseSchema, type IncidentListQuery } from '@firewatch/shared';
import { ApiError } from '../api-client';
import { incidentListPath } from './incident-list-query';
import { readAuthHeaders } from '../read-token';

export interface CsvFile {
  csv: Blob;
  /** From the answer's Content-Disposition, e.g. `incidents_2026-01-01_2026-04-01_page-1.csv`. */
  filename: string;
}

function filenameOf(response: Response): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'incidents.csv';
}

/**
 * The CSV of one page of the incident list (`Accept: text/csv`: the page asked for, not every page).
 * Throws `ApiError` with the API's message on an error answer, as `fetchJson` does.
 */
export async function fetchIncidentListCsv(query: IncidentListQuery): Promise<CsvFile> {
  const path = incidentListPath(query);
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'text/csv', ...readAuthHeaders() } });
  } catch {
    throw new ApiError(path, 0, 'Network error', `${path} could not be reached.`);
  }
  if (!response.ok) {
    const parsed = errorResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new ApiError(path, response.status, response.statusText || 'HTTP error', `${path} answered ${response.status}.`);
    const { statusCode, error, message, details, requestId } = parsed.data;
    throw new ApiError(path, statusCode, error, message, details, requestId);
  }
  return { csv: await response.blob(), filename: filenameOf(response) };
}
