import { z } from 'zod';
import { prefetchPage, prefetchShell } from './app/prefetch-page';
import { queryClient } from './data/query-client';
import './styles.css';

// Each page parses a handful of answers once: zod's compiled validators cost more to build than they save here.
z.config({ jitless: true });

/**
 * How long the first render waits for the first page's chunk. Drawn together, the shell and the page
 * appear at once instead of the shell with a loading line that React keeps for at least 300 ms;
 * past this wait (a slow network) the shell is drawn and shows the page loading.
 */
const FIRST_PAGE_WAIT_MS = 400;

// The first page's API requests and chunk start now, before React, the router and the shell are even
// evaluated: this entry holds only the query layer, the rest is the `render-app` chunk imported below
// (index.html preloads it with this entry, so it is fetched in parallel, not after).
const firstPage = prefetchPage(queryClient, window.location.pathname, window.location.search);
prefetchShell(queryClient, window.location.search);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const firstPageOrWait = Promise.race([firstPage, new Promise((resolve) => setTimeout(resolve, FIRST_PAGE_WAIT_MS))]);
void Promise.all([import('./app/render-app'), firstPageOrWait]).then(([{ renderApp }]) => renderApp(root));
