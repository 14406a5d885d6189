import { Link } from 'react-router';
import { DEFINITIONS_PATH } from '../../components/charts/definition-link';
import { PageHeader } from '../../components/page-header';
import { useHealthQuery } from '../../data/meta/health-query';
import { ChatWaitingPanel } from './chat-waiting-panel';
import { CsvImportPanel } from './csv-import-panel';
import { PagerDutyImportPanel } from './pagerduty-import-panel';
import { SettingsFormPanel } from './settings-form-panel';
import './settings.css';

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
        <SettingsFormPanel />
        <CsvImportPanel />
        <ChatWaitingPanel />
        <PagerDutyImportPanel />

        <section className="panel" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">API tokens</h2>
          <p>
            Tokens authenticate programs that send data (scope <code>ingest</code>) or read figures (scope{' '}
            <code>read</code>). They are stored hashed and shown once, when created.
          </p>
          <p className="muted">
            Tokens are created on the server, never over HTTP, so a token with write access cannot be minted by anyone
            who can reach the dashboard. Create one with <code>npm run token -- create --name NAME --scopes ingest,read</code>{' '}
            (it prints the token once); list them with <code>npm run token -- list</code> and revoke one with{' '}
            <code>npm run token -- revoke ID</code>.
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
            Every figure on the dashboard follows one published definition, and every chart links to it. Where the
            product’s definition leaves a choice open, the definitions state the reading Firewatch implements.
          </p>
          <p>
            <Link className="button" to={DEFINITIONS_PATH}>
              Read the metric definitions
            </Link>
          </p>
        </section>
      </div>
    </>
  );
}
