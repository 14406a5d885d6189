import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import helmet from 'helmet';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule, type AppContext } from './app.module.js';
import { spaHandlers } from './web/spa.js';
import { httpLogger } from './common/http-logger.js';
import { bodyTimeout } from './common/body-timeout.js';

/** JSON bodies above this size are refused with 413 before parsing. */
export const BODY_LIMIT = '25mb';
/** Vendor webhook deliveries are small; anything larger is refused before its signature is checked. */
export const WEBHOOK_BODY_LIMIT = '2mb';

/** Builds the HTTP application (not yet listening): API under `/api`, dashboard everywhere else. */
export async function createApp(context: AppContext): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(context), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  // First of all, so that even a body the parser rejects is answered and logged with its id.
  app.use(httpLogger(context.logger));
  // Before any body parser: a body that trickles in too slowly must not hold a request open forever.
  app.use(bodyTimeout(context.config.bodyTimeoutSeconds));
  app.set('trust proxy', 'loopback');
  app.set('x-powered-by', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
      },
      // The dashboard may be served over plain HTTP on a private network.
      strictTransportSecurity: false,
    }),
  );
  // Webhooks verify a signature over the exact bytes sent, so their bodies stay raw Buffers.
  app.use('/api/v1/webhooks', express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }));
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: true });
  // CSV uploads arrive raw; the parser decides the encoding (UTF-8, BOM allowed).
  app.useBodyParser('raw', { type: 'text/csv', limit: BODY_LIMIT });
  const spa = spaHandlers(context.config.webDist);
  if (spa) app.use(...spa);
  else context.logger.warn({ webDist: context.config.webDist }, 'dashboard not built: only the API is served (run npm run build)');
  return app;
}
