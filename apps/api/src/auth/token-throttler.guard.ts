import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthenticatedRequest } from './auth.guard.js';

/** Rate limit per API token (429 with Retry-After); requests without a token are not counted. */
@Injectable()
export class TokenThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.switchToHttp().getRequest<AuthenticatedRequest>().auth === undefined;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return `token:${(req as unknown as AuthenticatedRequest).auth!.tokenId}`;
  }
}
