import { describe, expect, it } from 'vitest';
import { visibleOptions } from './multi-select';

const options = ['Postgres', 'Postgres 2', 'Redis', 'Checkout', 'Payments API'].map((label) => ({
  value: `svc-${label.toLowerCase().replace(/ /g, '-')}`,
  label,
}));
const labels = (shown: Array<{ label: string }>) => shown.map((o) => o.label);

describe('visibleOptions', () => {
  it('lists every option in its order when nothing is typed and the list is short', () => {
    const { shown, matching } = visibleOptions(options, [], '', 200);
    expect(labels(shown)).toEqual(['Postgres', 'Postgres 2', 'Redis', 'Checkout', 'Payments API']);
    expect(matching).toBe(5);
  });

  it('narrows to labels or values containing the text, ignoring case and surrounding spaces', () => {
    expect(labels(visibleOptions(options, [], '  POSTGRES ', 200).shown)).toEqual(['Postgres', 'Postgres 2']);
    expect(labels(visibleOptions(options, [], 'payments-api', 200).shown)).toEqual(['Payments API']); // by value
  });

  it('keeps the selected options listed, in place, whatever is typed, and counts only the others', () => {
    const { shown, matching } = visibleOptions(options, ['svc-redis'], 'postgres', 200);
    expect(labels(shown)).toEqual(['Postgres', 'Postgres 2', 'Redis']);
    expect(matching).toBe(2); // Postgres, Postgres 2; Redis is selected, not a match
  });

  it('shows at most `max` unselected options but counts them all', () => {
    const { shown, matching } = visibleOptions(options, ['svc-checkout'], '', 2);
    expect(labels(shown)).toEqual(['Postgres', 'Postgres 2', 'Checkout']); // 2 unselected + the selected one
    expect(matching).toBe(4); // 5 options − 1 selected
  });
});
