import { ALERT_FEEDBACK, type NoiseRule } from '@firewatch/shared';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { alertClassColors, alertClassFields, alertClassLabels } from '../../components/charts/alert-class-colors';
import { bucketColors } from '../../components/charts/bucket-colors';
import { formatCount, formatMinutesValue, formatRatio } from '../../components/charts/format';
import { HeadlineFigures, type HeadlineFigure } from '../../components/headline-figures';
import { ApiError, describeError } from '../../data/api-client';
import { readIngestToken, storeIngestToken } from '../../data/ingest-token';
import { useRuleFeedbackMutation } from '../../data/noise/rule-feedback-mutation';
import type { DateRange } from '../filters/filter-state';
import { feedbackLabels } from './noise-view';

interface RulePanelProps {
  rule: NoiseRule;
  range: DateRange;
  /** The Incidents list of the same filters and range. */
  incidentsPath: string;
  onClose: () => void;
}

function ruleFigures(rule: NoiseRule): HeadlineFigure[] {
  return [
    { label: 'Escalated alerts', value: formatCount(rule.escalated), note: `of ${formatCount(rule.fired)} fired` },
    { label: 'Noise ratio', value: rule.noiseRatio === null ? '—' : formatRatio(rule.noiseRatio) },
    ...alertClassFields.map((field) => ({ label: alertClassLabels[field], value: formatCount(rule.classes[field]), color: alertClassColors[field] })),
    { label: 'Interruptions', value: formatCount(rule.interruptions), note: `${formatCount(rule.interruptionsByBucket.working)} working, ${formatCount(rule.interruptionsByBucket.late)} late` },
    { label: 'In sleeping hours', value: formatCount(rule.sleepingInterruptions), color: bucketColors.sleeping },
    { label: 'Median time to acknowledge', value: rule.ttaMedianMinutes === null ? '—' : formatMinutesValue(rule.ttaMedianMinutes) },
    { label: 'Flaps', value: formatCount(rule.flaps), note: 're-fired within 60 min' },
  ];
}

/**
 * One rule's figures (the drill-down of a "tune first" bar) and, with an ingest token, feedback on
 * every alert of the rule fired in the range: marking a rule's alerts moves them between classes.
 */
export function RulePanel({ rule, range, incidentsPath, onClose }: RulePanelProps) {
  const id = useId();
  const [token, setToken] = useState(readIngestToken);
  const [feedback, setFeedback] = useState<string>('not_actionable');
  const [onlyWithoutFeedback, setOnlyWithoutFeedback] = useState(true);
  const mark = useRuleFeedbackMutation();
  const error = mark.error;

  function submit(event: FormEvent) {
    event.preventDefault();
    mark.mutate({
      token: token.trim(),
      body: {
        source: rule.source,
        rule: rule.rule,
        feedback: feedback === 'none' ? null : (feedback as (typeof ALERT_FEEDBACK)[number]),
        from: range.from,
        to: range.to,
        onlyWithoutFeedback,
      },
    });
  }

  return (
    <section className="panel chart-grid-wide rule-panel" aria-labelledby={`${id}-title`} tabIndex={-1} id="rule-panel">
      <header className="chart-card-head">
        <div className="chart-card-titles">
          <h2 id={`${id}-title`}>
            {rule.rule} <span className="muted">({rule.source})</span>
          </h2>
          <p className="chart-card-description">
            Alerts of this rule fired in the range; last fired {new Date(rule.lastFiredAt).toISOString().slice(0, 16).replace('T', ' ')} UTC.{' '}
            <Link to={incidentsPath}>Incidents of this range and filters</Link>
          </p>
        </div>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </header>
      <HeadlineFigures label={`${rule.rule} in the selected range`} figures={ruleFigures(rule)} />

      <form className="rule-feedback" onSubmit={submit}>
        <h3>Mark this rule’s alerts</h3>
        <p className="muted">Sets the feedback of every alert of {rule.rule} fired in the range; the classes above change at once.</p>
        <div className="rule-feedback-fields">
          <div className="rule-feedback-field">
            <label htmlFor={`${id}-feedback`}>Feedback</label>
            <select id={`${id}-feedback`} className="control" value={feedback} onChange={(event) => setFeedback(event.target.value)}>
              {ALERT_FEEDBACK.map((value) => (
                <option key={value} value={value}>
                  {feedbackLabels[value]}
                </option>
              ))}
              <option value="none">Clear the feedback</option>
            </select>
          </div>
          <div className="rule-feedback-field">
            <label htmlFor={`${id}-token`}>API token (ingest scope)</label>
            <input
              id={`${id}-token`}
              className="control"
              type="password"
              autoComplete="off"
              value={token}
              onChange={(event) => {
                setToken(event.target.value);
                storeIngestToken(event.target.value.trim());
              }}
            />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={onlyWithoutFeedback} onChange={(event) => setOnlyWithoutFeedback(event.target.checked)} />
            Only alerts without feedback
          </label>
          <button type="submit" className="button" disabled={mark.isPending || token.trim() === ''}>
            {mark.isPending ? 'Saving…' : 'Mark alerts'}
          </button>
        </div>
        {mark.isSuccess && (
          <p role="status">
            {formatCount(mark.data.updated)} of {formatCount(mark.data.matched)} alerts updated.
          </p>
        )}
        {error && (
          <p className="inline-error" role="alert">
            The feedback could not be saved: {describeError(error)}
            {error instanceof ApiError && (error.statusCode === 401 || error.statusCode === 403) && (
              <> Create a token with <code>npm run token -- create --name NAME --scopes ingest</code> and paste it above.</>
            )}
          </p>
        )}
      </form>
    </section>
  );
}
