import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './database.js';
import type { FigureContext } from './figure.js';

/** The SPA as `npm run build` writes it and the API serves it. */
export const WEB_DIST = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

/**
 * The dashboard figure's baseline page: a few hundred bytes of HTML and one tiny script (the API's
 * CSP refuses inline scripts, so it is a file of its own), served by the same API as the dashboard.
 */
export const BLANK_PAGE = {
  path: '/blank.html',
  html: '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Blank</title><script type="module" src="/blank.js"></script></head><body><p>Blank page</p></body></html>\n',
  script: 'globalThis.blankRan = true;\n',
} as const;

/**
 * A copy of the built dashboard with the blank page beside it, for the API's `FIREWATCH_WEB_DIST`:
 * the bench's pages and its baseline then come from the same server with the same headers, and the
 * project's own build stays as it is. Removed by the context's cleanup.
 */
export async function servedDashboard(ctx: FigureContext): Promise<string> {
  const dir = (await tempDir(ctx, 'web')).path;
  await cp(WEB_DIST, dir, { recursive: true });
  await writeFile(join(dir, 'blank.html'), BLANK_PAGE.html);
  await writeFile(join(dir, 'blank.js'), BLANK_PAGE.script);
  return dir;
}
