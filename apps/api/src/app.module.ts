import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
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
import { AuthModule } from './auth/auth.module.js';
import { AuthGuard } from './auth/auth.guard.js';
import { TokenThrottlerGuard } from './auth/token-throttler.guard.js';
import { IngestModule } from './ingest/ingest.module.js';
import { CsvModule } from './csv/csv.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { PagerDutyImportModule } from './pagerduty-import/pagerduty-import.module.js';
import { WorkloadModule } from './analytics/workload/workload.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { ReadinessModule } from './analytics/readiness/readiness.module.js';
import { RespondersModule } from './responders/responders.module.js';
import { SeasonalityModule } from './analytics/seasonality/seasonality.module.js';
import { ServicesAnalyticsModule } from './analytics/services/services.module.js';
import { NoiseModule } from './analytics/noise/noise.module.js';
import { OverviewModule } from './analytics/overview/overview.module.js';
import { OncallModule } from './analytics/oncall/oncall.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { OpenApiModule } from './openapi/openapi.module.js';
import { AnnotationsModule } from './annotations/annotations.module.js';
import { ChatModule } from './chat/chat.module.js';

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
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: config.rateLimitPerMinute }]),
        AuthModule,
        HealthModule,
        IngestModule,
        CsvModule,
        WebhooksModule,
        PagerDutyImportModule,
        WorkloadModule,
        TeamsModule,
        ServicesModule,
        IncidentsModule,
        ReadinessModule,
        RespondersModule,
        SeasonalityModule,
        ServicesAnalyticsModule,
        NoiseModule,
        OverviewModule,
        OncallModule,
        AlertsModule,
        SettingsModule,
        OpenApiModule,
        AnnotationsModule,
        ChatModule,
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        // Order matters: authenticate first, then count the request against its token's limit.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: TokenThrottlerGuard },
      ],
      exports: [CONFIG],
    };
  }
}
