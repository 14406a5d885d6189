import type { DataSourceOptions } from 'typeorm';
import { migrations } from '@firewatch/migrations';
import { entities } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** The one TypeORM configuration: app, CLIs and tests all use it. Schema changes only through migrations. */
export function dataSourceOptions(url: string, extra: { poolSize?: number; applicationName?: string } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: extra.poolSize ?? 10,
    extra: {
      application_name: extra.applicationName ?? 'firewatch',
      connectionTimeoutMillis: 5_000,
      // A statement never hangs a request forever: analytics queries are indexed and bounded.
      statement_timeout: 60_000,
    },
  };
}
