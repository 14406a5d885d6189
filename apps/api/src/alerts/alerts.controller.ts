import { Body, Controller, HttpStatus, Param, Put } from '@nestjs/common';
import {
  alertExternalIdSchema,
  alertFeedbackSchema,
  ruleFeedbackSchema,
  type AlertFeedbackResponse,
  type RuleFeedbackResponse,
} from '@firewatch/shared';
import { ProblemException } from '../common/http-exception.filter.js';
import { Access } from '../auth/access.decorator.js';
import { AlertsService } from './alerts.service.js';
import { parseBody } from './parse-body.js';

/** Feedback writes need the `ingest` scope: responders marking alerts are writers. */
@Controller('api/v1/alerts')
@Access('ingest')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  /** The same feedback on every alert of one rule fired in `[from, to)`. */
  @Put('feedback')
  setRuleFeedback(@Body() body: unknown): Promise<RuleFeedbackResponse> {
    return this.alerts.setRuleFeedback(parseBody(ruleFeedbackSchema, body));
  }

  /** One alert's feedback (`source` in the body, default `api`); answers the alert's new class. */
  @Put(':externalId/feedback')
  setFeedback(@Param('externalId') externalId: string, @Body() body: unknown): Promise<AlertFeedbackResponse> {
    const id = alertExternalIdSchema.safeParse(externalId);
    if (!id.success) {
      const message = id.error.issues[0]!.message;
      throw new ProblemException(HttpStatus.BAD_REQUEST, `Invalid alert id: ${message}.`, [{ path: 'externalId', message }]);
    }
    return this.alerts.setFeedback(id.data, parseBody(alertFeedbackSchema, body));
  }
}
