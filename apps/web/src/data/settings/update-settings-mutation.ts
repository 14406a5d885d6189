import { settingsSchema, type Settings } from '@firewatch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { putJson } from '../api-client';
import { settingsKeys } from './keys';
import { SETTINGS_PATH } from './settings-query';

export interface SettingsUpdate {
  /**
   * The fields to change, as the form read them; the API validates them and answers a 400 naming
   * each bad field, so values are sent as entered (a blank number as null), not pre-judged here.
   */
  changes: Record<string, unknown>;
  /** A token with the `ingest` scope: settings change every figure, like data does. */
  token: string;
}

export function updateSettings({ changes, token }: SettingsUpdate): Promise<Settings> {
  return putJson(SETTINGS_PATH, changes, token, settingsSchema);
}

export function useUpdateSettingsMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKeys.detail(), settings);
      // Time zone, hours and cost change the figures of every page (workload is recomputed in the background).
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== settingsKeys.all[0] });
    },
  });
}
