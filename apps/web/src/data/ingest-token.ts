/**
 * The one place the ingest token is remembered (CSV import, settings changes): sessionStorage keeps
 * it across a reload of this tab and forgets it when the tab closes, so a secret with write access
 * never outlives the session.
 */
const TOKEN_STORAGE_KEY = 'firewatch.ingestToken';

export function readIngestToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
  } catch {
    return ''; // storage disabled: the token lives as long as the page
  }
}

export function storeIngestToken(token: string): void {
  try {
    if (token === '') sessionStorage.removeItem(TOKEN_STORAGE_KEY);
    else sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // storage disabled: the token lives as long as the page
  }
}
