import type { IncidentListQuery } from '@firewatch/shared';
import { useMutation } from '@tanstack/react-query';
import { describeError } from '../../data/api-client';
import type { CsvFile } from '../../data/csv-file';
import { fetchIncidentListCsv } from '../../data/incidents/incident-list-csv';
import { saveCsv } from '../../components/charts/csv';

const saveFile = ({ csv, filename }: CsvFile) => saveCsv(csv, filename);


/** "Download CSV": the rows of the page on screen, as the API's `Accept: text/csv` answer gives them. */
export function CsvDownloadButton({ query, disabled }: { query: IncidentListQuery; disabled: boolean }) {
  const download = useMutation({ mutationFn: fetchIncidentListCsv, onSuccess: saveFile });
  return (
    <div className="csv-download">
      <button
        type="button"
        className="button"
        disabled={disabled || download.isPending}
        onClick={() => download.mutate(query)}
        title="The rows of the page on screen, with every column, as a CSV file"
      >
        {download.isPending ? 'Preparing CSV…' : 'Download CSV (this page)'}
      </button>
      {download.isError && (
        <p className="inline-error" role="alert">
          The CSV could not be downloaded: {describeError(download.error)}
        </p>
      )}
    </div>
  );
}
