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
      // Also how long a request waits for a pooled connection: under a burst of heavy reports every
      // connection can be busy for seconds, which is load, not an outage. A stopped PostgreSQL refuses
      // new connections at once and breaks open ones, so an outage still answers 503 straight away.
      connectionTimeoutMillis: 30_000,
      // A statement never hangs a request forever: analytics queries are indexed and bounded.
      statement_timeout: 60_000,
    },
  };
}
