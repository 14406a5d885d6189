import { useSyncExternalStore } from 'react';

/**
 * The one place the ingest token is remembered (CSV import, settings changes): sessionStorage keeps
 * it across a reload of this tab and forgets it when the tab closes, so a secret with write access
 * never outlives the session. Every field that asks for it shows the same value as it is typed.
 */
const TOKEN_STORAGE_KEY = 'firewatch.ingestToken';

// Also the value when storage is disabled: the token then lives as long as the page.
let current = readStored();
const listeners = new Set<() => void>();

function readStored(): string {
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function readIngestToken(): string {
  return current;
}

/** Remembers the token as typed (the caller trims it when sending). */
export function storeIngestToken(token: string): void {
  current = token;
  try {
    if (token.trim() === '') sessionStorage.removeItem(TOKEN_STORAGE_KEY);
    else sessionStorage.setItem(TOKEN_STORAGE_KEY, token.trim());
  } catch {
    // storage disabled: kept in memory only
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The ingest token and its setter, shared by every field that asks for it. */
export function useIngestToken(): [string, (token: string) => void] {
  return [useSyncExternalStore(subscribe, readIngestToken), storeIngestToken];
}
