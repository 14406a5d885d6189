import type { IncidentListQuery } from '@firewatch/shared';
import { send } from '../api-client';
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
  const response = await send(path, { headers: { Accept: 'text/csv', ...readAuthHeaders() } });
  return { csv: await response.blob(), filename: filenameOf(response) };
}
