import { pinoHttp, type HttpLogger } from 'pino-http';
import type { Logger } from 'pino';
import { requestId } from './request-id.js';

/**
 * One JSON line per request with its id, method, url, status and duration. Installed as the first
 * middleware so requests rejected by the body parser are logged too.
 */
export function httpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestId,
    autoLogging: { ignore: (req) => req.url === '/api/health' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
