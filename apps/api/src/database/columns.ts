import { Column } from 'typeorm';

/** A `timestamptz` column; values are UTC instants. */
export const Instant = (options: { nullable?: boolean; name?: string } = {}) =>
  Column({ type: 'timestamptz', nullable: options.nullable ?? false, name: options.name });

/** The external identity of an ingested record: `(source, external_id)` is unique per table. */
export const Source = () => Column({ type: 'text' });
export const ExternalId = () => Column({ type: 'text' });

/** SQL for a CHECK that a text column holds one of `values` (values are constants, never user input). */
export const oneOf = (column: string, values: readonly string[], nullable = false): string =>
  `${nullable ? `"${column}" IS NULL OR ` : ''}"${column}" IN (${values.map((v) => `'${v}'`).join(', ')})`;
