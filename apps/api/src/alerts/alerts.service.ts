import { HttpStatus, Injectable } from '@nestjs/common';
import { startOfLocalDay, type AlertFeedback, type AlertFeedbackResponse, type RuleFeedback, type RuleFeedbackResponse } from '@firewatch/shared';
import { ProblemException } from '../common/http-exception.filter.js';
import { classifyAlert } from '../analytics/noise/classify-alert.js';
import { WorkloadRepository } from '../analytics/workload/workload.repository.js';
import { AlertsRepository } from './alerts.repository.js';

/**
 * Responders' feedback on alerts (SPEC §1 Alert `feedback`). The noise report reads alerts as they are
 * stored, with no cache in between, so a new feedback changes the classification at once.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly workload: WorkloadRepository,
  ) {}

  /** Sets one alert's feedback and answers its new class; 404 when `(source, externalId)` is unknown. */
  async setFeedback(externalId: string, body: AlertFeedback): Promise<AlertFeedbackResponse> {
    const row = await this.repository.setFeedback(body.source, externalId, body.feedback);
    if (!row) throw new ProblemException(HttpStatus.NOT_FOUND, `No alert "${externalId}" from source "${body.source}".`);
    const { transientMinutes } = await this.workload.settings();
    return {
      source: row.source,
      externalId: row.externalId,
      rule: row.rule,
      firedAt: new Date(row.firedAtMs).toISOString(),
      feedback: row.feedback as AlertFeedbackResponse['feedback'],
      class: classifyAlert(row, transientMinutes),
    };
  }

  /** Sets the feedback of a rule's alerts fired in `[from, to)` (org-zone dates); 404 for a rule with no alert. */
  async setRuleFeedback(body: RuleFeedback): Promise<RuleFeedbackResponse> {
    const { timezone } = await this.workload.settings();
    const result = await this.repository.setRuleFeedback({
      source: body.source,
      rule: body.rule,
      feedback: body.feedback,
      from: body.from === undefined ? null : startOfLocalDay(body.from, timezone),
      to: body.to === undefined ? null : startOfLocalDay(body.to, timezone),
      onlyWithoutFeedback: body.onlyWithoutFeedback,
    });
    if (!result) throw new ProblemException(HttpStatus.NOT_FOUND, `No alert of rule "${body.rule}" from source "${body.source}".`);
    return result;
  }
}
