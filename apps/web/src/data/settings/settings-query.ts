import { settingsSchema, type Settings } from '@firewatch/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { settingsKeys } from './keys';

export const SETTINGS_PATH = '/api/v1/settings';

export function fetchSettings(signal?: AbortSignal): Promise<Settings> {
  return fetchJson(SETTINGS_PATH, settingsSchema, signal);
}

export const settingsQueryOptions = () =>
  queryOptions({
    queryKey: settingsKeys.detail(),
    queryFn: ({ signal }) => fetchSettings(signal),
  });

export function useSettingsQuery() {
  return useQuery(settingsQueryOptions());
}
