import { ONCALL_FLAG_RULES, type OncallResponse } from '@firewatch/shared';
import { Link } from 'react-router';
import { formatCount } from '../../components/charts/format';
import { ReviewSection, type QueryState } from './review-section';
import { firstRows, flagSentence } from './review-view';

/** On-call health flags of the period (METRICS.md "On-call health"), each in a sentence of its numbers. */
export function OncallFlagsSection({ oncall, search }: { oncall: QueryState & { data?: OncallResponse }; search: string }) {
  return (
    <ReviewSection title="On-call health flags" name="oncall" query={oncall}>
      {() => {
        const report = oncall.data!;
        const flags = firstRows([...report.flags].sort((a, b) => ONCALL_FLAG_RULES.indexOf(a.rule) - ONCALL_FLAG_RULES.indexOf(b.rule)));
        const flagged = new Set(report.flags.map((f) => f.responder.externalId)).size;
        if (report.flags.length === 0) {
          return <p className="muted">No responder met a health flag rule in this period ({formatCount(report.respondersTotal)} on call or paged).</p>;
        }
        return (
          <>
            <p>
              {formatCount(flagged)} of {formatCount(report.respondersTotal)} responders on call or paged met a health flag rule ({formatCount(report.flags.length)} flags).{' '}
              <Link className="review-no-print" to={`/oncall${search}`}>
                On-call health of the period
              </Link>
            </p>
            <ul className="review-list review-flags">
              {flags.shown.map((f) => (
                <li key={`${f.responder.externalId}/${f.rule}`} data-rule={f.rule}>
                  {flagSentence(f)}
                </li>
              ))}
            </ul>
            {flags.note && <p className="muted review-note">{flags.note}</p>}
          </>
        );
      }}
    </ReviewSection>
  );
}
