import { SetMetadata } from '@nestjs/common';

/**
 * Who may call a route: `public` (health, signed webhooks), `read` (analytics; open when auth is
 * off), `ingest` (writes; always a token with the ingest scope). A route without it is refused.
 */
export type AccessPolicy = 'public' | 'read' | 'ingest';
export const ACCESS_KEY = 'firewatch:access';
export const Access = (policy: AccessPolicy) => SetMetadata(ACCESS_KEY, policy);
