import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@firewatch/shared';
import { changedSettings, fieldErrors, toFormValues } from './settings-form';

const fields = Object.keys(DEFAULT_SETTINGS);

describe('changedSettings', () => {
  const values = toFormValues(DEFAULT_SETTINGS);

  it('sends nothing when nothing changed', () => {
    expect(changedSettings(DEFAULT_SETTINGS, values)).toEqual({});
  });

  it.each<[string, Partial<typeof values>, Record<string, unknown>]>([
    ['a time zone', { timezone: ' Europe/Berlin ' }, { timezone: 'Europe/Berlin' }],
    ['a cost (text → number)', { hourlyCost: '95.5' }, { hourlyCost: 95.5 }],
    ['a cleared cost → null', { hourlyCost: '' }, {}], // already null
    ['a holiday country', { holidayCountry: 'DE' }, { holidayCountry: 'DE' }],
    ['a working day removed: the whole working hours', { workingDays: [1, 2, 3, 4] }, { workingHours: { days: [1, 2, 3, 4], start: '08:00', end: '19:00' } }],
    ['days in any order are the same days', { workingDays: [5, 4, 3, 2, 1] }, {}],
    ['sleeping hours', { sleepingEnd: '07:00' }, { sleepingHours: { start: '23:00', end: '07:00' } }],
    ['a blank required number → null, for the API to name', { transientMinutes: '' }, { transientMinutes: null }],
    ['text in a number stays text, for the API to name', { readinessWindowDays: 'sixty' }, { readinessWindowDays: 'sixty' }],
  ])('%s', (_, change, expected) => {
    expect(changedSettings(DEFAULT_SETTINGS, { ...values, ...change })).toEqual(expected);
  });

  it('clears a saved cost with an empty field', () => {
    const saved = { ...DEFAULT_SETTINGS, hourlyCost: 80 };
    expect(changedSettings(saved, { ...toFormValues(saved), hourlyCost: ' ' })).toEqual({ hourlyCost: null });
  });
});

describe('fieldErrors', () => {
  it('groups the API’s problems by setting, naming the part of a nested one', () => {
    expect(
      fieldErrors(
        [
          { path: 'timezone', message: 'must be an IANA time zone name such as Europe/Berlin or UTC' },
          { path: 'workingHours.days', message: 'must list at least one weekday' },
          { path: 'colour', message: 'is not a known field' },
          { path: '', message: 'expected object' },
        ],
        fields,
      ),
    ).toEqual({
      timezone: ['must be an IANA time zone name such as Europe/Berlin or UTC'],
      workingHours: ['days: must list at least one weekday'],
      form: ['colour is not a known field', 'expected object'],
    });
  });
});
