import type { WorkloadMinutes } from '@firewatch/shared';

/** A time-of-day bucket of SPEC §2.1 rule 4: the bucket fields of the API's workload figures. */
export type WorkloadBucket = Exclude<keyof WorkloadMinutes, 'minutes'>;

/**
 * The one colour scheme of the workload buckets of SPEC §2.1 (working / late / sleeping), used by
 * every chart, legend and table on every page. Colours are from the Okabe–Ito palette, chosen to
 * stay distinguishable with the common colour-vision deficiencies; sleeping is the darkest because
 * it is the costliest kind of hour.
 */
export const workloadBuckets = ['working', 'late', 'sleeping'] as const satisfies readonly WorkloadBucket[];

export const bucketColors: Record<WorkloadBucket, string> = {
  working: '#56B4E9', // Okabe–Ito sky blue
  late: '#E69F00', // Okabe–Ito orange
  sleeping: '#0b3d91', // Okabe–Ito blue (#0072B2) darkened so it separates from sky blue in greyscale too
};

export const bucketLabels: Record<WorkloadBucket, string> = {
  working: 'Working hours',
  late: 'Late (evenings, weekends, holidays)',
  sleeping: 'Sleeping (23:00–08:00)',
};

/** Short labels for legends and table headers. */
export const bucketShortLabels: Record<WorkloadBucket, string> = {
  working: 'Working',
  late: 'Late',
  sleeping: 'Sleeping',
};

/** The chart series of the three buckets, in stacking order (working at the bottom). */
export const bucketSeries = workloadBuckets.map((bucket) => ({
  key: bucket,
  label: bucketShortLabels[bucket],
  color: bucketColors[bucket],
}));
