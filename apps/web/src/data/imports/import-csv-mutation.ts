import { ingestResponseSchema, type IngestKind, type IngestResponse } from '@firewatch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { postCsv } from '../api-client';
import { importKeys } from './keys';

export interface CsvImport {
  kind: IngestKind;
  file: File;
  /** A token with the `ingest` scope; required even when reading needs no token. */
  token: string;
}

/** Uploads one CSV file of one record kind; all or nothing, problems reported by CSV line. */
export function importCsv({ kind, file, token }: CsvImport): Promise<IngestResponse> {
  return postCsv(`/api/v1/import/${encodeURIComponent(kind)}`, file, token, ingestResponseSchema);
}

export function useImportCsvMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: importKeys.csv(),
    mutationFn: importCsv,
    onSuccess: () => {
      // New records can change any figure on any page. Not awaited: the result shows at once
      // while the dashboard refetches in the background.
      void queryClient.invalidateQueries();
    },
  });
}
