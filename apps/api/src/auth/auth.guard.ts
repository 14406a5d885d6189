import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ProblemException } from '../common/http-exception.filter.js';
import { CONFIG } from '../common/tokens.js';
import type { Config } from '../config/config.js';
import { databaseErrorToProblem } from '../database/database-errors.js';
import { ACCESS_KEY, type AccessPolicy } from './access.decorator.js';
import { hashToken, looksLikeToken, type TokenScope } from './tokens.js';
import { TokensRepository } from './tokens.repository.js';

export interface AuthenticatedRequest extends Request {
  auth?: { tokenId: number; name: string; scopes: TokenScope[] };
}

const unauthorized = (message: string) =>
  new ProblemException(HttpStatus.UNAUTHORIZED, message, undefined, { 'WWW-Authenticate': 'Bearer realm="firewatch"' });

/**
 * Fails closed: every route declares its policy with `@Access`; one that does not is refused.
 * 401 for a missing or invalid token, 403 for a token without the needed scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (policy === undefined) throw new ProblemException(HttpStatus.FORBIDDEN, 'This route has no access policy.');
    if (policy === 'public') return true;

    const scope: TokenScope = policy === 'read' ? 'read' : 'ingest';
    const header = req.headers.authorization;
    if (header === undefined) {
      if (policy !== 'ingest' && this.config.auth === 'off') return true;
      throw unauthorized(`A bearer token with the "${scope}" scope is required (Authorization: Bearer <token>).`);
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || !looksLikeToken(match[1]!)) throw unauthorized('The Authorization header must be "Bearer <token>" with a Firewatch token.');
    let token;
    try {
      token = await this.tokens.findActiveByHash(hashToken(match[1]!));
    } catch (error) {
      throw databaseErrorToProblem(error) ?? error;
    }
    if (!token) throw unauthorized('The token is unknown or revoked.');
    req.auth = { tokenId: token.id, name: token.name, scopes: token.scopes };
    if (!token.scopes.includes(scope)) {
      throw new ProblemException(HttpStatus.FORBIDDEN, `The token "${token.name}" lacks the "${scope}" scope.`);
    }
    return true;
  }
}
