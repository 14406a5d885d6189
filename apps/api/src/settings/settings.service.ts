import { HttpStatus, Injectable } from '@nestjs/common';
import { settingsPatchSchema, settingsSchema, type Settings } from '@firewatch/shared';
import { ProblemException } from '../common/http-exception.filter.js';
import { zodProblems } from '../ingest/validate-items.js';
import { isKnownHolidayCountry } from './holiday-country.js';
import { SettingsRepository } from './settings.repository.js';

@Injectable()
export class SettingsService {
  constructor(private readonly repository: SettingsRepository) {}

  get(): Promise<Settings> {
    return this.repository.read();
  }

  /**
   * Merges the fields given into the settings (SPEC §3: PUT merges) and answers the result. Any bad
   * field is a 400 naming it, and nothing is written. A field given as `null` sets it to null where
   * the setting allows it (`holidayCountry`, `hourlyCost`).
   */
  async update(body: unknown): Promise<Settings> {
    const parsed = settingsPatchSchema.safeParse(body ?? {});
    const problems = parsed.success ? [] : zodProblems(parsed.error);
    const country = parsed.success ? parsed.data.holidayCountry : undefined;
    if (country && !isKnownHolidayCountry(country)) {
      problems.push({ path: 'holidayCountry', message: `is not a country the holiday calendar knows: ${country}` });
    }
    if (!parsed.success || problems.length > 0) {
      const summary = problems.map((p) => `${p.path || 'body'} ${p.message}`).join('; ');
      throw new ProblemException(HttpStatus.BAD_REQUEST, `Invalid settings: ${summary}.`, problems);
    }
    return this.repository.update((current) => settingsSchema.parse({ ...current, ...parsed.data }));
  }
}
