import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { WebhooksService, type WebhookOutcome } from './webhooks.service.js';

/** Bodies arrive as raw Buffers (see createApp) so that signatures are checked over the exact bytes. */
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** PagerDuty Webhooks v3; authenticated by `X-PagerDuty-Signature`. */
  @Post('pagerduty')
  @Access('public')
  async pagerDuty(@Body() raw: unknown, @Headers('x-pagerduty-signature') signature: string | undefined, @Res({ passthrough: true }) res: Response) {
    return send(res, await this.webhooks.pagerDuty(raw, signature));
  }

  /** Prometheus Alertmanager webhook v4; an ingest token (`http_config.authorization`) unless auth is off. */
  @Post('alertmanager')
  @Access('ingest-unless-auth-off')
  async alertmanager(@Body() raw: unknown, @Res({ passthrough: true }) res: Response) {
    return send(res, await this.webhooks.alertmanager(raw));
  }

  /** incident.io; authenticated by its Svix signature headers. */
  @Post('incident-io')
  @Access('public')
  async incidentIo(
    @Body() raw: unknown,
    @Headers('webhook-id') id: string | undefined,
    @Headers('webhook-timestamp') timestamp: string | undefined,
    @Headers('webhook-signature') signature: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.webhooks.incidentIo(raw, { id, timestamp, signature }));
  }

  /**
   * Slack Events API (`url_verification` and `event_callback`); authenticated by `X-Slack-Signature`.
   * A retry (`X-Slack-Retry-Num`) carries the same `event_id` and is applied once.
   */
  @Post('slack')
  @Access('public')
  async slack(
    @Body() raw: unknown,
    @Headers('x-slack-request-timestamp') timestamp: string | undefined,
    @Headers('x-slack-signature') signature: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.webhooks.slack(raw, { timestamp, signature }));
  }
}

function send(res: Response, outcome: WebhookOutcome) {
  res.status(outcome.status);
  return outcome.body;
}
