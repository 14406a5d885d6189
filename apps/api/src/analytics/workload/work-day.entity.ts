import { Entity, PrimaryColumn, Column, Index } from 'typeorm';

/**
 * Workload by organisation-local day: one responder's minutes (SPEC §2.1, split 1/k) on one incident
 * during one day of the org time zone, by bucket. A rollup of `work_segments`, kept current by a
 * statement-level trigger on it (every write recomputes the (responder, day) pairs it touches from the
 * segments, never patches a sum) and refilled by a full workload rebuild. Reports whose ranges are
 * whole org days (all of them: ranges are dates in the org zone) read days instead of segments, and a
 * week is exactly the sum of its seven days.
 */
@Entity('work_days')
@Index('ix_work_days_day', ['day'])
@Index('ix_work_days_incident', ['incidentId'])
export class WorkDay {
  @PrimaryColumn({ type: 'int' }) responderId!: number;
  /** Local date in the organisation's time zone (the zone in settings when the row was computed). */
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'int' }) incidentId!: number;
  @Column({ type: 'double precision' }) working!: number;
  @Column({ type: 'double precision' }) late!: number;
  @Column({ type: 'double precision' }) sleeping!: number;
}
