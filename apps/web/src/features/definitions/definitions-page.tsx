import metricsMarkdown from '../../../../../packages/shared/METRICS.md?raw';
import { useEffect, useMemo } from 'react';
import { Link, useLocation } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { renderDefinitions } from './render-definitions';
import './definitions.css';

/**
 * The metric definitions as the project documents them (packages/shared/METRICS.md, bundled at
 * build time). Each chart's info link opens `#<section>`, which this page scrolls to.
 */
export default function DefinitionsPage() {
  const { hash } = useLocation();
  const html = useMemo(() => renderDefinitions(metricsMarkdown), []);

  useEffect(() => {
    if (!hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    // The section a link pointed at gets the focus, so keyboard and screen-reader users start there.
    target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }, [hash, html]);

  return (
    <>
      <Link className="back-link" to="/settings">
        ← Settings &amp; data
      </Link>
      <PageHeader title="Metric definitions" question="How is each figure on the dashboard defined, and which reading does Firewatch take where the definition leaves a choice?" />
      <article className="panel definitions-document" dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}
