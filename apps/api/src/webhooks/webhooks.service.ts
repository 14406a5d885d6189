import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { IngestResponse } from '@firewatch/shared';
import { ProblemException } from '../common/http-exception.filter.js';
import { CONFIG } from '../common/tokens.js';
import type { Config } from '../config/config.js';
import { IngestService } from '../ingest/ingest.service.js';
import { mapAlertmanagerPayload } from './alertmanager/map-alertmanager-payload.js';
import { mapIncidentIoEvent } from './incident-io/map-incident-io-event.js';
import { verifySvixSignature, type SvixHeaders } from './incident-io/svix-signature.js';
import { mapPagerDutyEvent } from './pagerduty/map-pagerduty-event.js';
import { verifyPagerDutySignature } from './pagerduty/pagerduty-signature.js';
import type { WebhookIgnored, WebhookInvalid, WebhookMapped } from './webhook-mapping.js';

/** What a webhook answers: the ingest counts, or why the event was ignored (202). */
export type WebhookOutcome = { status: 200; body: IngestResponse } | { status: 202; body: { ignored: string } };

const notConfigured = (variable: string, vendor: string) =>
  new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, `The ${vendor} webhook is not configured: set ${variable} to its signing secret.`);

const badSignature = (reason: string) => new ProblemException(HttpStatus.UNAUTHORIZED, `Signature rejected: ${reason}.`);

/** Parses a raw webhook body as JSON, or answers 400. */
function parseJson(raw: unknown): unknown {
  if (!Buffer.isBuffer(raw) || raw.length === 0) throw new ProblemException(HttpStatus.BAD_REQUEST, 'The request body is empty.');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'The request body is not valid JSON.');
  }
}

/**
 * Vendor webhooks: verify the sender, map its payload (pure mappers in this folder), and ingest in
 * merge mode, because each event carries only part of a record. Signed deliveries are applied once.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly ingest: IngestService,
    private readonly logger: PinoLogger,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async pagerDuty(raw: unknown, signature: string | undefined): Promise<WebhookOutcome> {
    const secret = this.config.pagerDutyWebhookSecret;
    if (!secret) throw notConfigured('PAGERDUTY_WEBHOOK_SECRET', 'PagerDuty');
    // Several secrets, comma-separated, allow rotating one without dropping deliveries.
    const secrets = secret.split(',').map((s) => s.trim()).filter(Boolean);
    if (!Buffer.isBuffer(raw) || !verifyPagerDutySignature(raw, signature, secrets)) {
      throw badSignature('X-PagerDuty-Signature does not match the body');
    }
    const result = mapPagerDutyEvent(parseJson(raw));
    if (result.kind !== 'mapped') return this.notMapped('pagerduty', result);
    return this.apply('pagerduty', result, result.eventId);
  }

  async alertmanager(raw: unknown): Promise<WebhookOutcome> {
    const result = mapAlertmanagerPayload(parseJson(raw), { serviceLabels: this.config.alertmanagerServiceLabels });
    if (result.kind !== 'mapped') return this.notMapped('alertmanager', result);
    // No delivery id: alerts are keyed by fingerprint + startsAt, so a repeated notification is an idempotent upsert.
    return this.apply('alertmanager', result);
  }

  async incidentIo(raw: unknown, headers: SvixHeaders, nowMs = Date.now()): Promise<WebhookOutcome> {
    const secret = this.config.incidentIoWebhookSecret;
    if (!secret) throw notConfigured('INCIDENT_IO_WEBHOOK_SECRET', 'incident.io');
    const verified = Buffer.isBuffer(raw) ? verifySvixSignature(headers, raw, secret, nowMs) : { ok: false as const, reason: 'no body' };
    if (!verified.ok) throw badSignature(verified.reason);
    const result = mapIncidentIoEvent(parseJson(raw));
    if (result.kind !== 'mapped') return this.notMapped('incident-io', result);
    return this.apply('incident-io', result, headers.id);
  }

  private notMapped(source: string, result: WebhookIgnored | WebhookInvalid): WebhookOutcome {
    if (result.kind === 'invalid') {
      throw new ProblemException(HttpStatus.BAD_REQUEST, `The ${source} payload does not have the documented shape.`, result.problems);
    }
    this.logger.info({ source, reason: result.reason }, 'webhook event ignored');
    return { status: 202, body: { ignored: result.reason } };
  }

  private async apply(source: string, result: WebhookMapped, deliveryId?: string): Promise<WebhookOutcome> {
    const body = await this.ingest.ingest(result.bundle, {
      mode: 'merge',
      delivery: deliveryId ? { source, id: deliveryId } : undefined,
    });
    this.logger.info({ source, deliveryId, ...body }, 'webhook delivery applied');
    return { status: 200, body };
  }
}
