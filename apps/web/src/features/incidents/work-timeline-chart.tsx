import { DateTime } from 'luxon';
import { Link, useNavigate } from 'react-router';
import { bucketColors, bucketSeries, bucketShortLabels } from '../../components/charts/bucket-colors';
import { ChartLegend } from '../../components/charts/chart-legend';
import { formatValue } from '../../components/charts/format';
import type { WorkTimeline } from './work-timeline';

const DAY_MS = 24 * 3_600_000;
const pct = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

function clock(iso: string | number, timeZone: string, withDate: boolean): string {
  const local = (typeof iso === 'number' ? DateTime.fromMillis(iso) : DateTime.fromISO(iso)).setZone(timeZone).setLocale('en-GB');
  return local.toFormat(withDate ? 'd LLL HH:mm' : 'HH:mm');
}

/**
 * The Gantt-like chart: one row per responder, each stretch of work a box coloured by its bucket
 * (a box worked on k incidents at once is drawn lighter: the incident got 1/k of it), pages as
 * ticks on the paged responder's row, the incident's milestones as dashed lines. Positions are
 * percentages, so the chart fits any width; every box names itself for screen readers and on hover.
 * A responder's name links to their page (`responderLink`), and clicking their row or a box opens it
 * too: the records behind a stretch of work are that person's work.
 */
export function WorkTimelineChart({ timeline, timeZone, responderLink }: { timeline: WorkTimeline; timeZone: string; responderLink: (externalId: string) => string }) {
  const navigate = useNavigate();
  // Short labels: the date where a local day starts (and at the first tick), the clock time otherwise.
  const tickLabel = (at: number, index: number) => {
    const local = DateTime.fromMillis(at).setZone(timeZone).setLocale('en-GB');
    const previous = index > 0 ? DateTime.fromMillis(timeline.ticks[index - 1]!.at).setZone(timeZone) : null;
    const newDay = previous === null || !previous.hasSame(local, 'day');
    if (timeline.tickStepMs >= DAY_MS) return local.toFormat('d LLL');
    return newDay ? local.toFormat(index === 0 ? 'd LLL HH:mm' : 'd LLL') : local.toFormat('HH:mm');
  };
  return (
    <div className="timeline">
      <ChartLegend series={bucketSeries} />
      <p className="timeline-key">
        A lighter box was worked on other incidents at the same time (this incident got 1/k of it).{' '}
        <span className="timeline-key-page" aria-hidden="true" /> a page to the responder; dashed lines: {timeline.milestones.map((m) => m.label.toLowerCase()).join(', ')}.
      </p>
      <div className="timeline-grid" role="list" aria-label={`Work per responder, times in ${timeZone}`}>
        {timeline.rows.map((row) => (
          <div key={row.externalId} className="timeline-row" role="listitem">
            <span className="timeline-name" title={row.name}>
              <Link to={responderLink(row.externalId)} aria-label={`${row.name}: open the responder’s page`}>
                {row.name}
              </Link>
              <span className="timeline-minutes">{formatValue(row.minutes, 'minutes')}</span>
            </span>
            {/* The row's name is its keyboard-reachable link; a click anywhere on the track does the same. */}
            <div className="timeline-track timeline-track-link" onClick={() => navigate(responderLink(row.externalId))}>
              {timeline.milestones.map((m) => (
                <span key={m.label} className="timeline-milestone" style={{ left: pct(m.left) }} title={`${m.label} ${clock(m.at, timeZone, true)}`} />
              ))}
              {row.segments.map((s) => {
                const label = `${row.name}: ${clock(s.start, timeZone, true)}–${clock(s.end, timeZone, false)}, ${bucketShortLabels[s.bucket].toLowerCase()}, ${formatValue(s.minutes, 'minutes')}${s.share < 1 ? ` (1/${Math.round(1 / s.share)} of the time)` : ''}`;
                return (
                  <span
                    key={s.start}
                    className="timeline-segment"
                    role="img"
                    aria-label={label}
                    title={label}
                    style={{ left: pct(s.left), width: `max(2px, ${pct(s.width)})`, background: bucketColors[s.bucket], opacity: s.share < 1 ? 0.45 : 1 }}
                  />
                );
              })}
              {row.pages.map((p) => (
                <span key={p.at + p.label} className="timeline-page" style={{ left: pct(p.left) }} role="img" aria-label={`${p.label} at ${clock(p.at, timeZone, true)}`} title={`${p.label} at ${clock(p.at, timeZone, true)}`} />
              ))}
            </div>
          </div>
        ))}
        <div className="timeline-row timeline-axis" aria-hidden="true">
          <span className="timeline-name" />
          <div className="timeline-track">
            {timeline.ticks.map((tick, index) => (
              <span key={tick.at} className="timeline-tick" style={{ left: pct(tick.left) }}>
                {tickLabel(tick.at, index)}
              </span>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
