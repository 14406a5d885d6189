import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Names of applied migrations; throws when the database cannot be reached. */
  async appliedMigrations(timeoutMs: number): Promise<string[]> {
    const query = this.dataSource.query<Array<{ name: string }>>('SELECT name FROM migrations');
    const rows = await Promise.race([
      query,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return rows.map((r) => r.name);
  }

  knownMigrations(): string[] {
    return this.dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  }
}
