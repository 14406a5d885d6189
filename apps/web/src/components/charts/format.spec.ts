import { describe, expect, it } from 'vitest';
import { formatTick, formatValue, minutesToHours, shareOf, type Unit } from './format';

describe('formatValue', () => {
  it.each<[number, Unit, string]>([
    [12.46, 'hours', '12.5 h'],
    [0, 'hours', '0 h'],
    [1240.3, 'hours', '1,240 h'], // ≥ 100 h: whole hours
    [99.96, 'hours', '100 h'], // rounds up to the next whole hour at one decimal
    [45.2, 'minutes', '45 min'],
    [7.46, 'minutes', '7.5 min'], // < 10 min: one decimal
    [0.384, 'percent', '38%'],
    [0.0421, 'percent', '4.2%'], // < 10 %: one decimal
    [0, 'percent', '0%'],
    [1204, 'count', '1,204'],
    [12345.678, 'currency', '12,345.68'],
    [Number.NaN, 'hours', '—'],
  ])('%s %s → %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });
});

describe('formatTick', () => {
  it.each<[number, Unit, string]>([
    [12_500, 'hours', '13k'],
    [250, 'hours', '250'],
    [2.5, 'minutes', '2.5'],
    [0.5, 'percent', '50%'],
  ])('%s %s → %s', (value, unit, expected) => {
    expect(formatTick(value, unit)).toBe(expected);
  });
});

describe('minutesToHours and shareOf', () => {
  it('converts minutes to hours without rounding', () => {
    expect(minutesToHours(90)).toBe(1.5);
    expect(minutesToHours(1)).toBeCloseTo(0.016667, 6);
  });
  it('is 0 for an empty whole instead of NaN', () => {
    expect(shareOf(5, 0)).toBe(0);
    expect(shareOf(1, 4)).toBe(0.25);
  });
});
