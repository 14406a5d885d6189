import { Marked, type Tokens } from 'marked';
import { headingSlug } from '../../components/charts/definition-link';

/**
 * METRICS.md (the project's reading of SPEC §2) as HTML for the Definitions page. Every heading
 * gets an id from `headingSlug`, so a chart's info link (`/settings/definitions#<slug>`) lands on
 * its metric. The document is the project's own file, bundled at build time, so its HTML is trusted.
 */
const marked = new Marked({
  gfm: true,
  renderer: {
    heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, { tokens, depth, text }: Tokens.Heading) {
      const id = headingSlug(text);
      const inner = this.parser.parseInline(tokens);
      // The page's own <h1> is the page title: the document's headings sit one level below it.
      const level = Math.min(depth + 1, 6);
      return `<h${level} id="${id}"><a class="heading-anchor" href="#${id}">${inner}</a></h${level}>\n`;
    },
  },
});

export function renderDefinitions(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

/** The ids of the headings in rendered HTML, in document order. */
export function headingIds(html: string): string[] {
  return [...html.matchAll(/<h[1-6] id="([^"]+)"/g)].map((match) => match[1]!);
}
