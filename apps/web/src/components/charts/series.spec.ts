import { describe, expect, it } from 'vitest';
import { isAllZero, toChartData, type ChartSeries } from './series';

interface Week {
  week: string;
  working: number;
  late: number;
}
const series: ChartSeries<Week>[] = [
  { key: 'working', label: 'Working', color: '#000', value: (w) => w.working / 60 },
  { key: 'late', label: 'Late', color: '#111', value: (w) => w.late / 60 },
];

describe('toChartData', () => {
  it('keeps row order and maps each series by its key', () => {
    const rows = [
      { week: '2026-01-05', working: 90, late: 30 }, // 1.5 h, 0.5 h
      { week: '2026-01-12', working: 0, late: 60 }, // 0 h, 1 h
    ];
    expect(toChartData(rows, (w) => w.week, series)).toEqual([
      { category: '2026-01-05', working: 1.5, late: 0.5 },
      { category: '2026-01-12', working: 0, late: 1 },
    ]);
  });
});

describe('isAllZero', () => {
  it.each<[string, Week[], boolean]>([
    ['no rows', [], true],
    ['zero-filled weeks only', [{ week: 'a', working: 0, late: 0 }], true],
    ['one minute somewhere', [{ week: 'a', working: 0, late: 0 }, { week: 'b', working: 0, late: 1 }], false],
  ])('%s → %s', (_, rows, expected) => {
    expect(isAllZero(rows, series)).toBe(expected);
  });
});
