import type { IncidentListQuery } from '@firewatch/shared';
import { fetchCsv, type CsvFile } from '../csv-file';
import { incidentListPath } from './incident-list-query';

/**
 * The CSV of one page of the incident list (`Accept: text/csv`: the page asked for, not every page).
 * Throws `ApiError` with the API's message on an error answer, as `fetchJson` does.
 */
export function fetchIncidentListCsv(query: IncidentListQuery): Promise<CsvFile> {
  return fetchCsv(incidentListPath(query), 'incidents.csv');
}
