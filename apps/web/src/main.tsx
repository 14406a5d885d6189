import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app/App';
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

// The first page's chunk and API requests start now, in parallel, not after the first render.
const firstPage = prefetchPage(queryClient, window.location.pathname, window.location.search);
prefetchShell(queryClient, window.location.search);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void Promise.race([firstPage, new Promise((resolve) => setTimeout(resolve, FIRST_PAGE_WAIT_MS))]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
