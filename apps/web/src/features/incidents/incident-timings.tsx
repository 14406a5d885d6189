import type { IncidentTimings, TimingSummary } from '@firewatch/shared';
import { Link } from 'react-router';
import { definitionPath, metricDefinitions } from '../../components/charts/definition-link';
import { HeadlineFigures, type HeadlineFigure } from '../../components/headline-figures';
import { formatMinutes } from './incident-format';

const timingLabels: Record<keyof IncidentTimings, { label: string; missing: string }> = {
  tta: { label: 'Time to acknowledge', missing: 'not acknowledged' },
  ttm: { label: 'Time to mitigate', missing: 'not mitigated' },
  ttr: { label: 'Time to resolve', missing: 'not resolved' },
};
const timingKeys = Object.keys(timingLabels) as Array<keyof IncidentTimings>;

/** One figure per timing: its median, with the p90 beside it (SPEC §2.2 never reports a mean). */
export function timingFigures(timings: IncidentTimings): HeadlineFigure[] {
  return timingKeys.map((key) => {
    const t: TimingSummary = timings[key];
    return {
      label: `${timingLabels[key].label} (${key.toUpperCase()})`,
      value: t.medianMinutes === null ? '—' : formatMinutes(t.medianMinutes),
      note: t.medianMinutes === null ? 'no incident has it' : `median; p90 ${formatMinutes(t.p90Minutes)}`,
    };
  });
}

/** The incidents the timings are taken over: each timing's own plus those it leaves out (the same for all three). */
export function timedIncidents(timings: IncidentTimings): number {
  return timings.tta.incidents + timings.tta.excluded;
}

/** "Over 1,234 incidents; left out for a missing timestamp: 3 not acknowledged, 10 not resolved." */
export function timingsBasis(timings: IncidentTimings): string {
  const incidents = timedIncidents(timings);
  const noun = incidents === 1 ? 'incident' : 'incidents';
  const left = timingKeys
    .filter((key) => timings[key].excluded > 0)
    .map((key) => `${timings[key].excluded.toLocaleString('en-US')} ${timingLabels[key].missing}`);
  return `Over ${incidents.toLocaleString('en-US')} ${noun} of kind incident matching the filters, on every page${
    left.length > 0 ? `; left out for a missing timestamp: ${left.join(', ')}` : ''
  }.`;
}

/** TTA, TTM and TTR of the listed incidents (kind incident, every page), with what they leave out. */
export function IncidentTimingsSummary({ timings }: { timings: IncidentTimings }) {
  return (
    <div className="incident-timings">
      <HeadlineFigures label="Incident timings" figures={timingFigures(timings)} />
      <p className="muted">
        {timingsBasis(timings)}{' '}
        <Link to={definitionPath(metricDefinitions.timings)}>How these are measured</Link>
      </p>
    </div>
  );
}
