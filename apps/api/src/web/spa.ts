import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler } from 'express';

/**
 * Serves the built dashboard: hashed assets are cached for a year, every other GET outside `/api`
 * answers `index.html` so client-side routes survive a reload or a shared link.
 * Returns null when the dashboard has not been built.
 */
export function spaHandlers(webDist: string): RequestHandler[] | null {
  const index = join(webDist, 'index.html');
  if (!existsSync(index)) return null;
  const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
  const assets = express.static(webDist, {
    index: false,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fallback: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  return [(req, res, next) => (isApi(req.path) ? next() : assets(req, res, next)), fallback];
}
