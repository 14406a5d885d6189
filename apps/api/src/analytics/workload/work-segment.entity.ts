import { Entity, PrimaryColumn, Column, Check, Index } from 'typeorm';
import { TIME_BUCKETS } from './workload-rules.js';
import { oneOf } from '../../database/columns.js';

/**
 * Workload as computed by SPEC §2.1: a stretch of one responder's time credited to one incident, with
 * its share (1/k) and its bucket in the responder's zone. Split at the responder's local midnights,
 * so days and weeks sum exactly. Derived from activity and rebuilt from it, never ingested; it has no
 * foreign keys so that a rebuild writes at full speed (the rebuild replaces a responder's rows whole).
 */
@Entity('work_segments')
@Check('ck_work_segments_bucket', oneOf('bucket', TIME_BUCKETS))
@Check('ck_work_segments_interval', '"end_at" > "start_at" AND "share" > 0 AND "share" <= 1')
@Index('ix_work_segments_start', ['startAt'])
@Index('ix_work_segments_incident', ['incidentId'])
@Index('ix_work_segments_responder_start', ['responderId', 'startAt'])
export class WorkSegment {
  @PrimaryColumn({ type: 'int' }) responderId!: number;
  @PrimaryColumn({ type: 'int' }) incidentId!: number;
  @PrimaryColumn({ type: 'timestamptz' }) startAt!: Date;
  @Column({ type: 'timestamptz' }) endAt!: Date;
  /** 1/k when the responder worked k incidents at once. */
  @Column({ type: 'double precision' }) share!: number;
  @Column({ type: 'text' }) bucket!: string;
  /** The responder's local date of the segment. */
  @Column({ type: 'date' }) localDate!: string;
}
