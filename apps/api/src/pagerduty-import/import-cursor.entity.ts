import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where a history import stands, one row per importer (`source`): every record created in
 * `[rangeStart, doneUntil)` is committed. Advanced in the same transaction as each batch, so a run
 * stopped half-way resumes at `doneUntil` and never skips or repeats a batch.
 */
@Entity('import_cursors')
@Check('ck_import_cursors_order', `"range_start" <= "done_until" AND "done_until" <= "range_end"`)
export class ImportCursor {
  @PrimaryColumn({ type: 'text' }) source!: string;
  /** The run's `--since`. */
  @Column({ type: 'timestamptz' }) rangeStart!: Date;
  /** The run's `--until` (or its start time): the run is complete when `doneUntil` reaches it. */
  @Column({ type: 'timestamptz' }) rangeEnd!: Date;
  @Column({ type: 'timestamptz' }) doneUntil!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
