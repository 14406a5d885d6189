import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PAGERDUTY_API_URL } from '../pagerduty-import/pagerduty-client.js';
import { findProjectRoot } from './project-root.js';

const onOff = z.enum(['on', 'off'], { message: 'must be "on" or "off"' });

const envSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d+$/, 'must be an integer port number 1–65535')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be 1–65535').max(65535, 'must be 1–65535'))
    .default(3000),
  HOST: z
    .string()
    .min(1, 'must not be empty')
    .refine((h) => h === 'localhost' || isIP(h) !== 0 || /^[a-z0-9.-]+$/i.test(h), 'must be an IP address or host name')
    .default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .refine((u) => /^postgres(ql)?:\/\//.test(u) && URL.canParse(u), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  FIREWATCH_DATA_DIR: z.string().min(1, 'must not be empty').optional(),
  FIREWATCH_DEMO: onOff.default('on'),
  FIREWATCH_AUTH: onOff.optional(),
  FIREWATCH_WEB_DIST: z.string().min(1).optional(),
  FIREWATCH_RATE_LIMIT: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of requests per minute')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1'))
    .default(1200),
  FIREWATCH_BODY_TIMEOUT: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of seconds')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(3600, 'must be at most 3600'))
    .default(30),
  ALERTMANAGER_SERVICE_LABELS: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*(,[A-Za-z_][A-Za-z0-9_]*)*$/, 'must be comma-separated label names')
    .default('service,job'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PAGERDUTY_WEBHOOK_SECRET: z.string().min(1).optional(),
  PAGERDUTY_API_TOKEN: z.string().min(1).optional(),
  PAGERDUTY_API_URL: z
    .string()
    .refine((u) => /^https?:\/\//.test(u) && URL.canParse(u), 'must be an http:// or https:// URL')
    .default(PAGERDUTY_API_URL),
  INCIDENT_IO_WEBHOOK_SECRET: z.string().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
});

export type AuthMode = 'on' | 'off';

export interface Config {
  port: number;
  host: string;
  /** Set: use this PostgreSQL. Unset: start the embedded one in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  auth: AuthMode;
  /** Why auth is in its mode, for the boot log. */
  authReason: string;
  webDist: string;
  logLevel: string;
  /** Requests per minute allowed to one API token. */
  rateLimitPerMinute: number;
  /** Seconds a request body may take to arrive in full before the request is answered 408 and closed. */
  bodyTimeoutSeconds: number;
  pagerDutyWebhookSecret: string | undefined;
  /** REST API key of the history import (`npm run import:pagerduty`). */
  pagerDutyApiToken: string | undefined;
  /** Base URL of PagerDuty's REST API v2. */
  pagerDutyApiUrl: string;
  /** Alertmanager labels that name the service, first present wins. */
  alertmanagerServiceLabels: string[];
  incidentIoWebhookSecret: string | undefined;
  /** The Slack app's signing secret, for the Events API webhook. */
  slackSigningSecret: string | undefined;
}

export class ConfigError extends Error {}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Validates the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty variables count as unset, as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(env[name])})`);
  }
  const e = parsed.data;
  const root = findProjectRoot();
  const loopback = LOOPBACK.has(e.HOST);
  const embedded = e.DATABASE_URL === undefined;
  // Auth may only be off where nobody else can reach the data: a loopback address and the embedded
  // database (an external database may be shared, and its data reachable by other means).
  if (e.FIREWATCH_AUTH === 'off' && !(loopback && embedded)) {
    const why = [loopback ? '' : `HOST is ${JSON.stringify(e.HOST)}`, embedded ? '' : 'DATABASE_URL is set'].filter(Boolean).join(' and ');
    throw new ConfigError(
      `Invalid configuration: FIREWATCH_AUTH=off is only allowed on a loopback HOST with the embedded database (${why})`,
    );
  }
  const auth: AuthMode = e.FIREWATCH_AUTH ?? (loopback && embedded ? 'off' : 'on');
  const authReason = e.FIREWATCH_AUTH
    ? `FIREWATCH_AUTH=${e.FIREWATCH_AUTH}`
    : auth === 'off'
      ? 'loopback host with the embedded database'
      : loopback
        ? 'an external database is configured'
        : `listening on a non-loopback host (${e.HOST})`;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(root, e.FIREWATCH_DATA_DIR ?? '.firewatch'),
    demo: e.FIREWATCH_DEMO === 'on',
    auth,
    authReason,
    webDist: resolve(root, e.FIREWATCH_WEB_DIST ?? 'apps/web/dist'),
    logLevel: e.LOG_LEVEL,
    rateLimitPerMinute: e.FIREWATCH_RATE_LIMIT,
    bodyTimeoutSeconds: e.FIREWATCH_BODY_TIMEOUT,
    pagerDutyWebhookSecret: e.PAGERDUTY_WEBHOOK_SECRET,
    pagerDutyApiToken: e.PAGERDUTY_API_TOKEN,
    pagerDutyApiUrl: e.PAGERDUTY_API_URL,
    alertmanagerServiceLabels: e.ALERTMANAGER_SERVICE_LABELS.split(','),
    incidentIoWebhookSecret: e.INCIDENT_IO_WEBHOOK_SECRET,
    slackSigningSecret: e.SLACK_SIGNING_SECRET,
  };
}
