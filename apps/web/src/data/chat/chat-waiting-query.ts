import { chatWaitingResponseSchema, type ChatWaitingResponse } from '@firewatch/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '../api-client';
import { chatKeys } from './keys';

/** Chat messages kept but not yet activity, per author and per channel. */
export function fetchChatWaiting(signal?: AbortSignal): Promise<ChatWaitingResponse> {
  return fetchJson('/api/v1/chat/waiting', chatWaitingResponseSchema, signal);
}

export const chatWaitingQueryOptions = () => queryOptions({ queryKey: chatKeys.waiting(), queryFn: ({ signal }) => fetchChatWaiting(signal) });

export function useChatWaitingQuery() {
  return useQuery(chatWaitingQueryOptions());
}
