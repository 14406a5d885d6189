import { describe, expect, it } from 'vitest';
import { isKnownHolidayCountry } from './holiday-country.js';

describe('isKnownHolidayCountry', () => {
  it.each([
    ['DE', true],
    ['US', true],
    ['DE-BY', true], // Bavaria
    ['US-CA', true],
    ['XX', false], // the shape of a code, but no country
    ['DE-ZZ', false], // a country without that region
    ['', false],
  ])('%s → %s', (country, known) => {
    expect(isKnownHolidayCountry(country)).toBe(known);
  });
});
