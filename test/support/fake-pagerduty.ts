import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from './server.js';

/*
 * A local HTTP server that answers like PagerDuty's REST API v2, from
 * test/fixtures/pagerduty-rest/history.json (see its README): classic pagination by 2 items, the
 * documented error bodies, and once each: a 429 with Retry-After on /users, a 500 on PQ2XPXU's log,
 * and PWZ8K3A's second log page cut off half-way. Its `until` is inclusive, so the incident created
 * exactly on a window bound is listed by two windows.
 */

const history = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test/fixtures/pagerduty-rest/history.json'), 'utf8'));

export const GOOD_TOKEN = 'y_NbAkKc66ryYTWUXYEu';
export const BAD_TOKEN = 'not-a-pagerduty-token';
export const NO_INCIDENTS_TOKEN = 'token-without-incident-access';
const PAGE_SIZE = 2;

export interface FakePagerDuty {
  url: string;
  /** Every request's path and query, in order. */
  requests: string[];
  hung: Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the local PagerDuty on a free port (faults of its own). With `hangOn`, a request whose path and query start with it is never answered, and `hung` resolves.
 */
export async function startFakePagerDuty(hangOn?: string): Promise<FakePagerDuty> {
  const requests: string[] = [];
  let reportHang: () => void = () => undefined;
  const hung = new Promise<void>((resolve) => (reportHang = resolve));
  const faults = { rateLimited: false, serverError: false, cutOff: false };
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  const page = (url: URL, key: string, all: unknown[]) => {
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 25), PAGE_SIZE);
    return { [key]: all.slice(offset, offset + limit), limit, offset, more: offset + limit < all.length, total: null };
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url!, 'http://pd.test');
    requests.push(`${url.pathname}${url.search}`);
    if (hangOn && `${url.pathname}${url.search}`.startsWith(hangOn)) return reportHang();
    const token = /^Token token=(.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token !== GOOD_TOKEN && token !== NO_INCIDENTS_TOKEN) return send(res, 401, { error: { message: 'Unauthorized', code: 2006 } });
    if (token === NO_INCIDENTS_TOKEN && url.pathname.startsWith('/incidents')) {
      return send(res, 403, { error: { message: 'Access Denied', code: 2010, errors: ['The access level does not allow this action for this user.'] } });
    }
    if (req.headers.accept !== 'application/vnd.pagerduty+json;version=2') return send(res, 406, { error: { message: 'Not Acceptable', code: 2000 } });

    if (url.pathname === '/users' && !faults.rateLimited) {
      faults.rateLimited = true;
      return send(res, 429, { error: { message: 'Rate Limit Exceeded', code: 2020 } }, { 'retry-after': '1' });
    }
    if (url.pathname === '/incidents/PQ2XPXU/log_entries' && !faults.serverError) {
      faults.serverError = true;
      return send(res, 500, { error: { message: 'Internal Server Error', code: 0 } });
    }
    const since = Date.parse(url.searchParams.get('since') ?? '');
    const until = Date.parse(url.searchParams.get('until') ?? '');
    let body: unknown;
    if (url.pathname === '/teams') body = page(url, 'teams', history.teams);
    else if (url.pathname === '/services') body = page(url, 'services', history.services);
    else if (url.pathname === '/users') body = page(url, 'users', history.users);
    else if (url.pathname === '/incidents') {
      // Inclusive at both ends, as a date range in PagerDuty's search may be.
      const listed = history.incidents.filter((i: { created_at: string }) => Date.parse(i.created_at) >= since && Date.parse(i.created_at) <= until);
      body = page(url, 'incidents', listed);
    } else if (url.pathname === '/oncalls') {
      const overlapping = history.oncalls.filter(
        (o: { start: string | null; end: string | null }) => o.start === null || (Date.parse(o.start) < until && Date.parse(o.end!) > since),
      );
      body = page(url, 'oncalls', overlapping);
    } else {
      const logOf = /^\/incidents\/([A-Z0-9]+)\/log_entries$/.exec(url.pathname)?.[1];
      if (!logOf || !history.log_entries[logOf]) return send(res, 404, { error: { message: 'Not Found', code: 2100 } });
      body = page(url, 'log_entries', history.log_entries[logOf]);
    }
    const text = JSON.stringify(body);
    // The second page of PWZ8K3A's log is cut off half-way once: headers promise more than arrives.
    if (url.pathname === '/incidents/PWZ8K3A/log_entries' && url.searchParams.get('offset') === '2' && !faults.cutOff) {
      faults.cutOff = true;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      res.write(text.slice(0, text.length / 2));
      res.socket?.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    hung,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
