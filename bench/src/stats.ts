/** Median and min–max of repeated measurements of one quantity. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function summarise(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarise');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples: [...samples] };
}

/**
 * Ratio of paired runs (run i of the figure over run i of its baseline, measured back to back), so
 * that drift of the machine during the benchmark cancels instead of landing in one side.
 */
export function pairedRatio(values: readonly number[], baselines: readonly number[]): Summary {
  if (values.length !== baselines.length) throw new Error(`cannot pair ${values.length} runs with ${baselines.length} baseline runs`);
  return summarise(values.map((v, i) => v / baselines[i]!));
}
