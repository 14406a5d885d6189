import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app/App';
import { prefetchPage, prefetchShell } from './app/prefetch-page';
import { queryClient } from './data/query-client';
import './styles.css';

// Each page parses a handful of answers once: zod's compiled validators cost more to build than they save here.
z.config({ jitless: true });

// The first page's chunk and API requests start now, in parallel, not after the first render.
prefetchPage(queryClient, window.location.pathname, window.location.search);
prefetchShell(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
