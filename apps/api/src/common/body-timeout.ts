import type { NextFunction, Request, Response } from 'express';
import type { ErrorResponse } from '@firewatch/shared';

/**
 * Answers 408 and closes the connection when a request's body has not arrived in full within
 * `seconds` of the request starting (a slow or stalled client), so no request, and no database
 * connection behind it, waits on a client indefinitely. Requests without a body are not affected.
 */
export function bodyTimeout(seconds: number) {
  return (req: Request & { id?: unknown }, res: Response, next: NextFunction): void => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (!hasBody || req.complete) return next();
    const timer = setTimeout(() => {
      if (req.complete) return;
      if (!res.headersSent) {
        const body: ErrorResponse = {
          statusCode: 408,
          error: 'Request Timeout',
          message: `The request body did not arrive within ${seconds} s.`,
          ...(req.id ? { requestId: String(req.id) } : {}),
        };
        res.status(408).setHeader('Connection', 'close');
        res.json(body);
      }
      // The rest of the body will never be read: end the connection once the answer is out.
      res.once('finish', () => req.socket.destroy());
      if (res.writableFinished) req.socket.destroy();
    }, seconds * 1000);
    timer.unref();
    const clear = () => clearTimeout(timer);
    req.once('end', clear);
    req.once('close', clear);
    res.once('close', clear);
    next();
  };
}
