/**
 * The API token the dashboard reads with when the server requires one (auth on). Kept for the
 * browser session only (sessionStorage), never in the URL or local storage.
 */
const KEY = 'firewatch.readToken';

export function readToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null; // storage disabled
  }
}

export function setReadToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage disabled: the token lasts until the page reloads
  }
}

/** `Authorization` for read requests when a token is set. */
export function readAuthHeaders(): Record<string, string> {
  const token = readToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}
