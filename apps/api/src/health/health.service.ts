import { Inject, Injectable } from '@nestjs/common';
import type { HealthResponse, ReadinessResponse } from '@firewatch/shared';
import { CONFIG } from '../common/tokens.js';
import type { Config } from '../config/config.js';
import { FIREWATCH_VERSION } from '../version.js';
import { HealthRepository } from './health.repository.js';

const DATABASE_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly repository: HealthRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  liveness(): HealthResponse {
    return { status: 'ok', auth: this.config.auth, version: FIREWATCH_VERSION };
  }

  async readiness(): Promise<ReadinessResponse> {
    let applied: string[];
    try {
      applied = await this.repository.appliedMigrations(DATABASE_TIMEOUT_MS);
    } catch (error) {
      return {
        status: 'unavailable',
        database: 'down',
        pendingMigrations: [],
        reason: `database unreachable: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const done = new Set(applied);
    const pending = this.repository.knownMigrations().filter((name) => !done.has(name));
    return pending.length > 0
      ? { status: 'unavailable', database: 'up', pendingMigrations: pending, reason: 'migrations pending' }
      : { status: 'ready', database: 'up', pendingMigrations: [] };
  }
}
