import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { ChatIngestResponse, IngestResponse } from '@firewatch/shared';
import { ChatService } from '../chat/chat.service.js';
import { ProblemException } from '../common/http-exception.filter.js';
import { CONFIG } from '../common/tokens.js';
import type { Config } from '../config/config.js';
import { IngestService } from '../ingest/ingest.service.js';
import { mapAlertmanagerPayload } from './alertmanager/map-alertmanager-payload.js';
import { mapIncidentIoEvent } from './incident-io/map-incident-io-event.js';
import { verifySvixSignature, type SvixHeaders } from './incident-io/svix-signature.js';
import { mapPagerDutyEvent } from './pagerduty/map-pagerduty-event.js';
import { verifyPagerDutySignature } from './pagerduty/pagerduty-signature.js';
import { mapSlackEvent } from './slack/map-slack-event.js';
import { verifySlackSignature, type SlackSignatureHeaders } from './slack/slack-signature.js';
import type { WebhookIgnored, WebhookInvalid, WebhookMapped } from './webhook-mapping.js';

/** What a webhook answers: the ingest counts, or why the event was ignored (202). */
export type WebhookOutcome =
  | { status: 200; body: IngestResponse | ChatIngestResponse | { challenge: string } }
  | { status: 202; body: { ignored: string } };

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
    private readonly chat: ChatService,
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

  /**
   * Slack Events API: signed with the app's signing secret (checked before anything else, the
   * `url_verification` challenge included). Messages are kept as chat messages, not ingested as
   * records: they become activity when their channel and author are mapped (see chat/).
   */
  async slack(raw: unknown, headers: SlackSignatureHeaders, nowMs = Date.now()): Promise<WebhookOutcome> {
    const secret = this.config.slackSigningSecret;
    if (!secret) throw notConfigured('SLACK_SIGNING_SECRET', 'Slack');
    const verified = Buffer.isBuffer(raw) ? verifySlackSignature(headers, raw, secret, nowMs) : { ok: false as const, reason: 'no body' };
    if (!verified.ok) throw badSignature(verified.reason);
    const result = mapSlackEvent(parseJson(raw));
    if (result.kind === 'challenge') return { status: 200, body: { challenge: result.challenge } };
    if (result.kind === 'ignored' || result.kind === 'invalid') return this.notMapped('slack', result);
    const delivery = { source: 'slack', id: result.eventId };
    const body =
      result.kind === 'message'
        ? await this.chat.apply({ origin: 'events', messages: [result.message], delivery })
        : await this.chat.apply({ origin: 'events', messages: [], deletions: [{ channelId: result.channelId, ts: result.ts }], delivery });
    this.logger.info({ source: 'slack', deliveryId: result.eventId, ...body }, 'webhook delivery applied');
    return { status: 200, body };
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
