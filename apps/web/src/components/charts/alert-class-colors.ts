import type { AlertClassCounts } from '@firewatch/shared';

/** A class of an escalated alert (SPEC §2.5) as the API's count fields name it (`ackOnly` = `ack_only`). */
export type AlertClassField = keyof AlertClassCounts;

/** The classes in first-match order: actionable first, then the four kinds of noise. */
export const alertClassFields = ['actionable', 'flagged', 'transient', 'ignored', 'ackOnly'] as const satisfies readonly AlertClassField[];

/**
 * The one colour scheme of the alert classes, on every page. Okabe–Ito colours that the workload
 * buckets do not use (sky blue, orange, dark blue), so a class is never mistaken for a bucket and
 * stays distinguishable with the common colour-vision deficiencies: actionable is the green, the
 * noise classes run vermillion → yellow → purple → grey.
 */
export const alertClassColors: Record<AlertClassField, string> = {
  actionable: '#009E73', // Okabe–Ito bluish green
  flagged: '#D55E00', // Okabe–Ito vermillion
  transient: '#F0E442', // Okabe–Ito yellow
  ignored: '#CC79A7', // Okabe–Ito reddish purple
  ackOnly: '#8a8a8a', // neutral grey
};

export const alertClassLabels: Record<AlertClassField, string> = {
  actionable: 'Actionable',
  flagged: 'Flagged',
  transient: 'Transient',
  ignored: 'Ignored',
  ackOnly: 'Ack only',
};

/** CSV headers as the API writes the class (`ack_only`). */
export const alertClassCsvNames: Record<AlertClassField, string> = {
  actionable: 'actionable',
  flagged: 'flagged',
  transient: 'transient',
  ignored: 'ignored',
  ackOnly: 'ack_only',
};

/** All noise together (every class but actionable), where a chart does not split it by class: a dark slate no class uses. */
export const noiseColor = '#3d4752';
