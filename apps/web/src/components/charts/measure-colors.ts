/**
 * Colours of the measures that are not workload buckets (those are in bucket-colors.ts), the same
 * on every page: incidents are purple (by severity, a lightness ramp: SEV1 darkest), workload hours
 * bluish green, pages reddish purple, anomalies vermillion. Okabe–Ito hues and a single-hue ramp
 * stay distinguishable with the common colour-vision deficiencies and in greyscale.
 */
export const measureColors = {
  incidents: '#54278f',
  workloadHours: '#009E73', // Okabe–Ito bluish green
  pages: '#CC79A7', // Okabe–Ito reddish purple
  anomaly: '#D55E00', // Okabe–Ito vermillion
  share: '#17212b', // a cumulative share line: the text colour, drawn dashed
} as const;

/** SEV1 … SEV5, darkest (most severe) first. */
export const severityColors = ['#3f007d', '#54278f', '#756bb1', '#9e9ac8', '#c6c3df'] as const;

/**
 * Series told apart by category only (e.g. the years of an overlay), newest first: Okabe–Ito
 * blue, vermillion, bluish green, orange, sky blue, reddish purple, yellow.
 */
export const categoricalColors = ['#0072B2', '#D55E00', '#009E73', '#E69F00', '#56B4E9', '#CC79A7', '#b8a800'] as const;
