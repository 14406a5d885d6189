import { useCallback, useRef, type KeyboardEvent } from 'react';

/**
 * Keyboard drill-down for a recharts chart: recharts' accessibility layer moves the active bar with
 * the arrow keys (and shows its tooltip); Enter or Space then selects that bar's row, as a click does.
 * `track` is called from the tooltip renderer with the active index recharts reports.
 */
export function useKeyboardSelect<Row>(rows: readonly Row[], onSelect: ((row: Row) => void) | undefined) {
  const activeIndex = useRef<number | null>(null);

  const track = useCallback((active: boolean, index: unknown) => {
    const position = Number(index);
    activeIndex.current = active && index !== null && index !== undefined && Number.isInteger(position) ? position : null;
  }, []);

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (!onSelect || (event.key !== 'Enter' && event.key !== ' ')) return;
      const row = activeIndex.current === null ? undefined : rows[activeIndex.current];
      if (row === undefined) return;
      event.preventDefault();
      onSelect(row);
    },
    [rows, onSelect],
  );

  return { track, onKeyDown };
}
