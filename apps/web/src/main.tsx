import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { prefetchPage, prefetchShell } from './app/prefetch-page';
import { queryClient } from './data/query-client';
import './styles.css';

// The first page's chunk and API requests start now, in parallel, not after the first render.
prefetchShell(queryClient);
prefetchPage(queryClient, window.location.pathname, window.location.search);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
