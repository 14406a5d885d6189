import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { CONFIG } from './common/tokens.js';
import type { Config } from './config/config.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { HealthModule } from './health/health.module.js';
import { TeamsModule } from './teams/teams.module.js';
import { ServicesModule } from './services/services.module.js';

export interface AppContext {
  config: Config;
  databaseUrl: string;
  logger: Logger;
}


@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, logger }: AppContext): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        // The pino-http middleware itself is installed first of all in createApp (see http-logger.ts).
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrationsRun: true }),
        HealthModule,
        TeamsModule,
        ServicesModule,
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
      exports: [CONFIG],
    };
  }
}
