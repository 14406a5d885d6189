import { teamListResponseSchema, type TeamListResponse } from '@firewatch/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { metaKeys } from './keys';

export function fetchTeams(signal?: AbortSignal): Promise<TeamListResponse> {
  return fetchJson('/api/v1/teams', teamListResponseSchema, signal);
}

export const teamsQueryOptions = () =>
  queryOptions({ queryKey: metaKeys.teams(), queryFn: ({ signal }) => fetchTeams(signal) });

export function useTeamsQuery() {
  return useQuery(teamsQueryOptions());
}
