import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';

/**
 * Durable queue of workload to recompute: a responder and the time window whose activity changed.
 * Filled by triggers in the same transaction as the change (activity written, an incident's kind or
 * a responder's calendar changed), drained by the workload worker; a crash in between loses nothing.
 * A row without a responder asks for a full rebuild (the organisation's calendar changed).
 */
@Entity('workload_queue')
export class WorkloadQueueItem {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  /** Null: everyone's workload, rebuilt whole. */
  @Column({ type: 'int', nullable: true }) responderId!: number | null;
  /** `-infinity` / `infinity` mean the responder's whole history. */
  @Column({ type: 'timestamptz' }) fromAt!: Date;
  @Column({ type: 'timestamptz' }) toAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) enqueuedAt!: Date;
}
