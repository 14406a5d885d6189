import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_SCOPES = ['ingest', 'read'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

const PREFIX = 'fw_';

/** A new secret token: `fw_` + 256 random bits, base64url. Shown once; only its hash is stored. */
export function generateToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256 of the token. The token carries 256 bits of entropy, so a fast hash is enough. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The first characters of a token, stored to recognise it in listings. */
export const tokenPrefix = (token: string): string => token.slice(0, PREFIX.length + 6);

/** Whether a string has the shape of a Firewatch token (cheap check before any database work). */
export const looksLikeToken = (s: string): boolean => /^fw_[A-Za-z0-9_-]{43}$/.test(s);
