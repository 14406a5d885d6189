import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { settingsSchema, type Settings } from '@firewatch/shared';

/** The organisation's settings row (id = 1, created by the initial migration). */
@Injectable()
export class SettingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(manager: EntityManager = this.dataSource.manager, forUpdate = false): Promise<Settings> {
    const [row] = await manager.query(
      `SELECT timezone, holiday_country AS "holidayCountry", working_hours AS "workingHours", sleeping_hours AS "sleepingHours",
              major_severity AS "majorSeverity", readiness_window_days AS "readinessWindowDays",
              readiness_min_minutes AS "readinessMinMinutes", transient_minutes AS "transientMinutes",
              hourly_cost::float8 AS "hourlyCost", oncall_median_factor AS "oncallMedianFactor",
              oncall_min_disrupted_nights AS "oncallMinDisruptedNights", oncall_min_interruptions AS "oncallMinInterruptions",
              oncall_max_consecutive_weeks AS "oncallMaxConsecutiveWeeks"
         FROM settings WHERE id = 1${forUpdate ? ' FOR UPDATE' : ''}`,
    );
    return settingsSchema.parse(row);
  }

  /**
   * Reads the settings locked, applies `change` and writes the result, in one transaction, so two
   * concurrent changes of different fields both survive. A change of time zone, hours or holiday
   * country re-queues everyone's workload through the trigger `tr_settings_workload_update`, in the
   * same transaction.
   */
  update(change: (current: Settings) => Settings): Promise<Settings> {
    return this.dataSource.transaction(async (manager) => {
      const next = change(await this.read(manager, true));
      await this.write(manager, next);
      return next;
    });
  }

  private async write(manager: EntityManager, settings: Settings): Promise<void> {
    await manager.query(
      `UPDATE settings
          SET timezone = $1, holiday_country = $2, working_hours = $3::jsonb, sleeping_hours = $4::jsonb,
              major_severity = $5, readiness_window_days = $6, readiness_min_minutes = $7, transient_minutes = $8,
              hourly_cost = $9, oncall_median_factor = $10, oncall_min_disrupted_nights = $11, oncall_min_interruptions = $12,
              oncall_max_consecutive_weeks = $13, updated_at = now()
        WHERE id = 1`,
      [
        settings.timezone,
        settings.holidayCountry,
        JSON.stringify(settings.workingHours),
        JSON.stringify(settings.sleepingHours),
        settings.majorSeverity,
        settings.readinessWindowDays,
        settings.readinessMinMinutes,
        settings.transientMinutes,
        settings.hourlyCost,
        settings.oncallMedianFactor,
        settings.oncallMinDisruptedNights,
        settings.oncallMinInterruptions,
        settings.oncallMaxConsecutiveWeeks,
      ],
    );
  }
}
