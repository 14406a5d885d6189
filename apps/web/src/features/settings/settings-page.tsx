import { PageHeader } from '../../components/page-header';
import { useHealthQuery } from '../../data/meta/health-query';
import { CsvImportPanel } from './csv-import-panel';

/** One line per published definition (SPEC §2); the full text is the contract behind every figure. */
const definitions = [
  {
    term: 'Workload',
    text: 'Each responder activity on an incident credits 10 minutes; activities less than 20 minutes apart on the same incident count the whole gap; time spent on k incidents at once is split 1/k to each.',
  },
  {
    term: 'Working, late, sleeping',
    text: 'Each minute is classified in the responder’s own timezone: sleeping 23:00–08:00, working inside working hours on a non-holiday, late otherwise.',
  },
  {
    term: 'Incident timings',
    text: 'Time to acknowledge, mitigate and resolve, reported as median and p90, with the number of incidents missing the end timestamp.',
  },
  {
    term: 'Interruption',
    text: 'A page by phone, SMS or push; pages to the same responder within 60 seconds count once.',
  },
  {
    term: 'Pager noise',
    text: 'Escalated alerts that are not actionable (no linked incident and no “actionable” feedback), split into flagged, transient, ignored and acknowledged only.',
  },
  {
    term: 'Ready responder',
    text: 'Active on the day and, within the readiness window (60 days by default), held a role on or spent 15 minutes on a major incident or a game day.',
  },
  {
    term: 'Services and causes',
    text: 'An incident affecting k services counts once for each in incident counts, and gives 1/k of its hours to each so hours add up.',
  },
];

export default function SettingsPage() {
  const health = useHealthQuery();
  const auth = health.data?.auth;

  return (
    <>
      <PageHeader
        title="Settings & data"
        question="Where does the data come from, who can read it, and how is each figure defined?"
      />

      <div className="panel-stack">
        <CsvImportPanel />

        <section className="panel" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">API tokens</h2>
          <p>
            Tokens authenticate programs that send data (scope <code>ingest</code>) or read figures (scope{' '}
            <code>read</code>). They are stored hashed and shown once, when created.
          </p>
          <p className="muted">
            Create one with <code>npm run token -- create --name NAME --scopes ingest,read</code>; list them with{' '}
            <code>token -- list</code> and revoke with <code>token -- revoke ID</code>.
          </p>
          {auth && (
            <p className={auth === 'off' ? 'callout callout-warning' : 'callout'}>
              {auth === 'off'
                ? 'Reading currently needs no token: authentication is off on this server.'
                : 'Reading requires a token with the read scope: authentication is on.'}
            </p>
          )}
        </section>

        <section className="panel" aria-labelledby="definitions-heading" id="metric-definitions">
          <h2 id="definitions-heading">Metric definitions</h2>
          <p>
            Every figure on the dashboard follows one published definition, so the same question always gets the
            same answer. In short:
          </p>
          <dl className="definitions">
            {definitions.map((definition) => (
              <div key={definition.term}>
                <dt>{definition.term}</dt>
                <dd>{definition.text}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </>
  );
}
