import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import type { ErrorResponse, Problem } from '@firewatch/shared';
import { PinoLogger } from 'nestjs-pino';
import { databaseUnavailableProblem } from '../database/database-errors.js';

/** An error the client can act on, with every problem listed. */
export class ProblemException extends HttpException {
  constructor(status: number, message: string, details?: Problem[], headers?: Record<string, string>) {
    super({ message, details }, status);
    this.headers = headers;
  }
  readonly headers: Record<string, string> | undefined;
}

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is too large.',
  'encoding.unsupported': 'The request body encoding is not supported.',
  'charset.unsupported': 'The request body charset is not supported.',
  'request.aborted': 'The request was aborted by the client.',
  'request.size.invalid': 'The request body is shorter than its Content-Length.',
};

/**
 * Every error leaves as `{ statusCode, error, message, details?, requestId }`. Client mistakes keep
 * their 4xx status and message; anything unexpected is logged in full and answered with a bare 500.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const { status, message, details, headers } = this.describe(exception);
    if (status >= 500) this.logger.error({ err: exception, requestId: req.id }, 'request failed');
    const body: ErrorResponse = {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      message,
      ...(details && details.length > 0 ? { details } : {}),
      ...(req.id ? { requestId: String(req.id) } : {}),
    };
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
    res.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; message: string; details?: Problem[]; headers?: Record<string, string> } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const headers = exception instanceof ProblemException ? exception.headers : undefined;
      if (typeof response === 'string') return { status, message: response, headers };
      const r = response as { message?: unknown; details?: Problem[] };
      const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? exception.message);
      return { status, message, details: r.details, headers };
    }
    const bp = exception as BodyParserError | undefined;
    const bpStatus = bp?.status ?? bp?.statusCode;
    if (bp?.type && bpStatus && bpStatus >= 400 && bpStatus < 500) {
      return { status: bpStatus, message: BODY_PARSER_MESSAGES[bp.type] ?? bp.message ?? 'Bad request.' };
    }
    const unavailable = databaseUnavailableProblem(exception);
    if (unavailable) return this.describe(unavailable);
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error.' };
  }
}
