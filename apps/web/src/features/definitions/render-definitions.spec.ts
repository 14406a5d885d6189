import { describe, expect, it } from 'vitest';
import metricsMarkdown from '../../../../../packages/shared/METRICS.md?raw';
import { headingSlug, metricDefinitions } from '../../components/charts/definition-link';
import { headingIds, renderDefinitions } from './render-definitions';

describe('renderDefinitions', () => {
  it('gives every heading an id and a link to itself, one level below the page title', () => {
    const html = renderDefinitions('# Title\n\n## Workload (responder hours per incident)\n\nText with `code`.\n');
    expect(html).toContain('<h3 id="workload-responder-hours-per-incident"><a class="heading-anchor" href="#workload-responder-hours-per-incident">');
    expect(html).toContain('<h2 id="title">');
    expect(html).toContain('<code>code</code>');
  });

  it('has a section of METRICS.md for every definition a chart links to', () => {
    const ids = headingIds(renderDefinitions(metricsMarkdown));
    for (const anchor of Object.values(metricDefinitions)) expect(ids).toContain(anchor);
  });
});

describe('headingSlug', () => {
  it.each([
    ['Workload (responder hours per incident)', 'workload-responder-hours-per-incident'],
    ['Services & causes', 'services-causes'],
    ['  Pager noise: per rule ', 'pager-noise-per-rule'],
    ['Readiness — über alles', 'readiness-uber-alles'], // accents folded by NFKD
  ])('%s → %s', (heading, slug) => {
    expect(headingSlug(heading)).toBe(slug);
  });
});
