import { SetMetadata } from '@nestjs/common';

/**
 * Who may call a route: `public` (health, signed webhooks), `read` (analytics; open when auth is
 * off), `ingest` (writes; always a token with the ingest scope), `ingest-unless-auth-off` (a sender
 * that cannot sign, such as Alertmanager: an ingest token, optional only when auth is off).
 * A route without a policy is refused.
 */
export type AccessPolicy = 'public' | 'read' | 'ingest' | 'ingest-unless-auth-off';
export const ACCESS_KEY = 'firewatch:access';
export const Access = (policy: AccessPolicy) => SetMetadata(ACCESS_KEY, policy);
